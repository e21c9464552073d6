using ChatBot.Core.Storage;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;

namespace ChatBot.Core.Tests.Storage;

public sealed class SqliteStorageTests : IDisposable
{
    private readonly TempDatabase _db = new();

    public void Dispose() => _db.Dispose();

    private SqliteStorage NewStorage() => new(_db.Open(SqliteStorage.Schema), TimeProvider.System);

    [Fact]
    public async Task Written_item_reads_back_with_its_type_and_a_fresh_etag()
    {
        var storage = NewStorage();
        await storage.WriteAsync(new Dictionary<string, object> { ["a"] = new Note { Text = "one" } });

        var read = await storage.ReadAsync<Note>(["a", "missing"]);

        var note = Assert.Single(read).Value;
        Assert.Equal("one", note.Text);
        Assert.False(string.IsNullOrEmpty(note.ETag));
    }

    [Fact]
    public async Task Stale_etag_write_throws_and_keeps_the_newer_value()
    {
        var storage = NewStorage();
        await storage.WriteAsync(new Dictionary<string, object> { ["a"] = new Note { Text = "one" } });
        var first = (await storage.ReadAsync<Note>(["a"]))["a"];
        var second = (await storage.ReadAsync<Note>(["a"]))["a"];

        first.Text = "two";
        await storage.WriteAsync(new Dictionary<string, object> { ["a"] = first });
        second.Text = "stale";
        var error = await Assert.ThrowsAsync<EtagConflictException>(() => storage.WriteAsync(new Dictionary<string, object> { ["a"] = second }));

        Assert.IsAssignableFrom<ArgumentException>(error);
        Assert.Equal("two", (await storage.ReadAsync<Note>(["a"]))["a"].Text);
    }

    [Fact]
    public async Task Star_etag_overwrites_whatever_is_stored()
    {
        var storage = NewStorage();
        await storage.WriteAsync(new Dictionary<string, object> { ["a"] = new Note { Text = "one" } });

        await storage.WriteAsync(new Dictionary<string, object> { ["a"] = new Note { Text = "forced", ETag = "*" } });

        Assert.Equal("forced", (await storage.ReadAsync<Note>(["a"]))["a"].Text);
    }

    [Fact]
    public async Task Failed_batch_writes_nothing()
    {
        var storage = NewStorage();
        await storage.WriteAsync(new Dictionary<string, object> { ["a"] = new Note { Text = "one" } });
        var stale = (await storage.ReadAsync<Note>(["a"]))["a"];
        await storage.WriteAsync(new Dictionary<string, object> { ["a"] = new Note { Text = "two", ETag = "*" } });

        await Assert.ThrowsAsync<EtagConflictException>(() => storage.WriteAsync(new Dictionary<string, object>
        {
            ["b"] = new Note { Text = "new" },
            ["a"] = stale,
        }));

        Assert.Empty(await storage.ReadAsync(["b"]));
    }

    [Fact]
    public async Task Concurrent_writers_with_the_same_etag_have_exactly_one_winner()
    {
        var storage = NewStorage();
        await storage.WriteAsync(new Dictionary<string, object> { ["conversation"] = new Note { Text = "start" } });
        var etag = (await storage.ReadAsync<Note>(["conversation"]))["conversation"].ETag;

        var attempts = Enumerable.Range(0, 12).Select(i => Task.Run(async () =>
        {
            try
            {
                await NewStorage().WriteAsync(new Dictionary<string, object> { ["conversation"] = new Note { Text = $"writer {i}", ETag = etag } });
                return true;
            }
            catch (EtagConflictException)
            {
                return false;
            }
        }));
        var results = await Task.WhenAll(attempts);

        Assert.Equal(1, results.Count(r => r));
    }

    [Fact]
    public async Task Data_survives_reopening_the_database_as_after_a_restart()
    {
        await NewStorage().WriteAsync(new Dictionary<string, object> { ["a"] = new Note { Text = "kept" } });
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        var read = await NewStorage().ReadAsync<Note>(["a"]);

        Assert.Equal("kept", read["a"].Text);
    }

    [Fact]
    public async Task Delete_removes_the_item()
    {
        var storage = NewStorage();
        await storage.WriteAsync(new Dictionary<string, object> { ["a"] = new Note { Text = "one" } });

        await storage.DeleteAsync(["a", "never-there"]);

        Assert.Empty(await storage.ReadAsync(["a"]));
    }

    [Fact]
    public async Task Conversation_state_round_trips_through_Bot_Framework_across_a_restart()
    {
        var property = "Answers";
        var adapter = new TestAdapter();
        var activity = new Activity(ActivityTypes.Message, text: "hello", channelId: "test", conversation: new ConversationAccount(id: "c1"),
            from: new ChannelAccount("u1"), recipient: new ChannelAccount("bot"));

        var before = new ConversationState(NewStorage());
        using (var context = new TurnContext(adapter, activity))
        {
            var accessor = before.CreateProperty<Dictionary<string, string>>(property);
            var answers = await accessor.GetAsync(context, () => []);
            answers["who"] = "family";
            await before.SaveChangesAsync(context);
        }

        var after = new ConversationState(NewStorage());
        using (var context = new TurnContext(adapter, activity))
        {
            var answers = await after.CreateProperty<Dictionary<string, string>>(property).GetAsync(context, () => []);
            Assert.Equal("family", answers["who"]);
        }
    }

    [Fact]
    public async Task Database_uses_WAL_and_secure_delete()
    {
        var database = _db.Open(SqliteStorage.Schema);
        await using var connection = await database.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode; ";
        var journal = (string?)await command.ExecuteScalarAsync();
        command.CommandText = "PRAGMA secure_delete;";
        var secure = Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal("wal", journal);
        Assert.Equal(1, secure);
    }

    public sealed class Note : IStoreItem
    {
        public string Text { get; set; } = string.Empty;

        public string? ETag { get; set; }
    }
}
