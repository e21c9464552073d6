using System.Net;
using ChatBot.Core.Retention;
using ChatBot.Core.Storage;
using ChatBot.Web.Tests.DirectLine;
using ChatBot.Web.Tests.Hosting;
using ChatBot.Web.Tests.Line;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ChatBot.Web.Tests.Privacy;

/// <summary>
/// 「データを消して」 and the retention purge on both channels, checked the way it matters: the words a
/// person wrote are no longer anywhere in the database files, and only an audit entry remains.
/// </summary>
public sealed class DeleteAndPurgeTests
{
    private const string Secret = "合言葉はカキツバタの咲く庭";

    [Fact]
    public async Task Delete_my_data_on_the_web_chat_erases_everything_and_ends_the_conversation()
    {
        await using var server = ChatBotServer.Start();
        using var http = server.CreateClient();
        var client = await DirectLineTestClient.StartAsync(http);
        await client.SayAndWaitAsync("自分のこと");
        await client.SayAsync(Secret, "c-secret");
        await client.SayAndWaitAsync("データを消して", "c-delete");
        Assert.True(await DatabaseContainsAsync(server, Secret), "the text must be stored before the deletion, or this test proves nothing");

        var transcript = await client.WaitForTranscriptAsync(_ => true);
        await client.SayAsync("消す", "c-confirm");
        var stillThere = await WaitUntilGoneAsync(client);

        Assert.False(stillThere, "the conversation should end after the deletion");
        Assert.False(await DatabaseContainsAsync(server, Secret));
        var audit = await server.Services.GetRequiredService<IAuditLog>().ReadAsync(client.ConversationId, 10, CancellationToken.None);
        Assert.Equal("conversation.erased", Assert.Single(audit).Action);
        Assert.NotEmpty(transcript);
    }

    [Fact]
    public async Task Delete_my_data_on_LINE_erases_everything_and_a_new_message_starts_afresh()
    {
        await using var line = await LineTestHarness.StartAsync();
        var user = LineTestHarness.NewUserId();
        await line.DeliverAsync(line.Follow(user));
        await line.DeliverAsync(line.Text(user, Secret));
        await line.DeliverAsync(line.Text(user, "データを消して"));
        await line.SettleAsync();
        var firstConversation = await SingleLineConversationAsync(line.Server);
        Assert.True(await DatabaseContainsAsync(line.Server, Secret));

        await line.DeliverAsync(line.Text(user, "消す"));
        await line.SettleAsync();
        var texts = line.Api.Calls.Where(c => c.Path.Contains("/message/", StringComparison.Ordinal)).SelectMany(c => c.Body["messages"]!.AsArray()).Select(m => (string)m!["text"]!).ToList();

        Assert.Contains(texts, t => t.Contains("以上を消しました", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains("会話の記録", StringComparison.Ordinal));
        Assert.Null(await SingleLineConversationAsync(line.Server));
        Assert.False(await DatabaseContainsAsync(line.Server, Secret));
        Assert.False(await DatabaseContainsAsync(line.Server, user));

        await line.DeliverAsync(line.Text(user, "こんにちは"));
        await line.SettleAsync();
        var second = await SingleLineConversationAsync(line.Server);
        Assert.NotNull(second);
        Assert.NotEqual(firstConversation, second);
    }

    [Fact]
    public async Task Purge_removes_web_and_LINE_conversations_past_retention()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var line = await LineTestHarness.StartAsync(services => services.AddSingleton<TimeProvider>(clock));
        var client = await DirectLineTestClient.StartAsync(line.Http);
        await client.SayAsync(Secret, "c-web");
        var user = LineTestHarness.NewUserId();
        await line.DeliverAsync(line.Follow(user));
        await line.DeliverAsync(line.Text(user, Secret + "（LINE）"));
        await line.SettleAsync();

        Assert.NotNull(await SingleLineConversationAsync(line.Server));
        clock.Advance(TimeSpan.FromDays(91));
        // The hosted purge runs on the (fake) clock; running it once more by hand finds nothing left.
        await WaitForAsync(async () => await SingleLineConversationAsync(line.Server) is null);
        var again = await line.Server.Services.GetRequiredService<RetentionPurge>().RunOnceAsync(CancellationToken.None);

        Assert.Equal(0, again.ItemsDeleted);
        Assert.Contains(await line.Server.Services.GetRequiredService<IAuditLog>().ReadAsync(null, 20, CancellationToken.None), e => e.Action == "retention.purged");
        var (status, _) = await client.GetActivitiesAsync();
        Assert.Equal(HttpStatusCode.Forbidden, status); // the token expired long ago as well
        Assert.False(await DatabaseContainsAsync(line.Server, Secret));
        Assert.False(await DatabaseContainsAsync(line.Server, user));
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 100 && !await condition(); i++)
        {
            await Task.Delay(100);
        }

        Assert.True(await condition(), "the condition never held");
    }

    private static async Task<bool> WaitUntilGoneAsync(DirectLineTestClient client)
    {
        for (var i = 0; i < 100; i++)
        {
            var (status, _) = await client.GetActivitiesAsync();
            if (status == HttpStatusCode.NotFound)
            {
                return false;
            }

            await Task.Delay(100);
        }

        return true;
    }

    private static async Task<string?> SingleLineConversationAsync(ChatBotServer server)
    {
        await using var connection = await server.Services.GetRequiredService<SqliteDatabase>().OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id FROM conversations WHERE channel_id = 'line'";
        return await command.ExecuteScalarAsync() as string;
    }

    private static Task<bool> DatabaseContainsAsync(ChatBotServer server, string text) => DatabaseFiles.ContainAsync(server, text);
}
