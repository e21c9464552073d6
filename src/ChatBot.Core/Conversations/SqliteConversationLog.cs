using System.Globalization;
using ChatBot.Core.Retention;
using ChatBot.Core.Storage;
using Microsoft.Bot.Schema;
using Microsoft.Data.Sqlite;

namespace ChatBot.Core.Conversations;

internal sealed class SqliteConversationLog : IConversationLog, IConversationDataStore
{
    public static readonly SqlSchema Schema = new(
        "conversation-log",
        """
        CREATE TABLE IF NOT EXISTS conversations (
            id TEXT PRIMARY KEY NOT NULL,
            channel_id TEXT NOT NULL,
            user_key TEXT NOT NULL,
            created_at TEXT NOT NULL,
            last_activity_at TEXT NOT NULL,
            ended_at TEXT NULL
        );
        CREATE TABLE IF NOT EXISTS conversation_activities (
            conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            timestamp_ms INTEGER NOT NULL,
            activity TEXT NOT NULL,
            PRIMARY KEY (conversation_id, seq)
        );
        """);

    private readonly SqliteDatabase _database;
    private readonly TimeProvider _time;

    public SqliteConversationLog(SqliteDatabase database, TimeProvider time)
    {
        _database = database;
        _time = time;
    }

    public async Task<bool> CreateAsync(string conversationId, string channelId, string userKey, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO conversations (id, channel_id, user_key, created_at, last_activity_at)
            VALUES ($id, $channel, $user, $now, $now) ON CONFLICT(id) DO NOTHING
            """;
        command.Parameters.AddWithValue("$id", conversationId);
        command.Parameters.AddWithValue("$channel", channelId);
        command.Parameters.AddWithValue("$user", userKey);
        command.Parameters.AddWithValue("$now", now);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public IReadOnlyDictionary<string, string> Description { get; } = new Dictionary<string, string>
    {
        ["ja"] = "会話の記録（やりとりした文章）",
        ["en"] = "the conversation record (the messages exchanged)",
    };

    public async Task<ConversationInfo?> GetInfoAsync(string conversationId, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, channel_id, user_key, created_at, last_activity_at, ended_at FROM conversations WHERE id = $id";
        command.Parameters.AddWithValue("$id", conversationId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new ConversationInfo(
            reader.GetString(0),
            reader.GetString(1),
            reader.GetString(2),
            DateTimeOffset.Parse(reader.GetString(3), CultureInfo.InvariantCulture),
            DateTimeOffset.Parse(reader.GetString(4), CultureInfo.InvariantCulture),
            reader.IsDBNull(5) ? null : DateTimeOffset.Parse(reader.GetString(5), CultureInfo.InvariantCulture));
    }

    public Task<int> EraseConversationAsync(ErasureSubject subject, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subject);
        return _database.ExecuteAsync(
            """
            DELETE FROM conversation_activities WHERE conversation_id = $id;
            DELETE FROM conversations WHERE id = $id;
            """,
            cancellationToken,
            ("$id", subject.ConversationId));
    }

    public Task<int> PurgeAsync(DateTimeOffset conversationCutoff, DateTimeOffset recordCutoff, CancellationToken cancellationToken) =>
        _database.ExecuteAsync(
            """
            DELETE FROM conversation_activities WHERE conversation_id IN (SELECT id FROM conversations WHERE last_activity_at < $cutoff);
            DELETE FROM conversations WHERE last_activity_at < $cutoff;
            """,
            cancellationToken,
            ("$cutoff", conversationCutoff.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture)));

    public async Task<bool> IsOpenAsync(string conversationId, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1 FROM conversations WHERE id = $id AND ended_at IS NULL";
        command.Parameters.AddWithValue("$id", conversationId);
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }

    public async Task<bool> EndAsync(string conversationId, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE conversations SET ended_at = $now WHERE id = $id AND ended_at IS NULL";
        command.Parameters.AddWithValue("$id", conversationId);
        command.Parameters.AddWithValue("$now", _time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<LoggedActivity> AppendAsync(string conversationId, Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        await using var connection = await _database.OpenAsync(cancellationToken);
        // IMMEDIATE: the next sequence number and the insert must be one step, also across processes.
        await using var transaction = connection.BeginTransaction(deferred: false);

        long lastSeq = 0, lastMs = 0;
        await using (var last = connection.CreateCommand())
        {
            last.Transaction = transaction;
            last.CommandText = "SELECT seq, timestamp_ms FROM conversation_activities WHERE conversation_id = $id ORDER BY seq DESC LIMIT 1";
            last.Parameters.AddWithValue("$id", conversationId);
            await using var reader = await last.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                lastSeq = reader.GetInt64(0);
                lastMs = reader.GetInt64(1);
            }
        }

        var seq = lastSeq + 1;
        var nowMs = Math.Max(_time.GetUtcNow().ToUnixTimeMilliseconds(), lastMs + 1);
        activity.Id = FormatId(conversationId, seq);
        activity.Timestamp = DateTimeOffset.FromUnixTimeMilliseconds(nowMs);
        activity.Conversation ??= new ConversationAccount(id: conversationId);

        await using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO conversation_activities (conversation_id, seq, timestamp_ms, activity) VALUES ($id, $seq, $ts, $activity);
                UPDATE conversations SET last_activity_at = $now WHERE id = $id;
                """;
            insert.Parameters.AddWithValue("$id", conversationId);
            insert.Parameters.AddWithValue("$seq", seq);
            insert.Parameters.AddWithValue("$ts", nowMs);
            insert.Parameters.AddWithValue("$activity", ActivityJson.Serialize(activity));
            insert.Parameters.AddWithValue("$now", activity.Timestamp.Value.ToString("O", CultureInfo.InvariantCulture));
            try
            {
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (SqliteException ex) when (ex.SqliteErrorCode == 19)
            {
                throw new KeyNotFoundException($"Conversation {conversationId} does not exist.", ex);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return new LoggedActivity(seq, activity);
    }

    public async Task<IReadOnlyList<LoggedActivity>> ReadAfterAsync(string conversationId, long watermark, int max, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT seq, activity FROM conversation_activities WHERE conversation_id = $id AND seq > $wm ORDER BY seq LIMIT $max";
        command.Parameters.AddWithValue("$id", conversationId);
        command.Parameters.AddWithValue("$wm", watermark);
        command.Parameters.AddWithValue("$max", max);
        var result = new List<LoggedActivity>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var activity = ActivityJson.Deserialize(reader.GetString(1));
            if (activity is not null)
            {
                result.Add(new LoggedActivity(reader.GetInt64(0), activity));
            }
        }

        return result;
    }

    /// <summary>Ids the way the official Direct Line service forms them: conversation id, a bar, a padded sequence.</summary>
    internal static string FormatId(string conversationId, long seq) =>
        string.Create(CultureInfo.InvariantCulture, $"{conversationId}|{seq:D7}");
}
