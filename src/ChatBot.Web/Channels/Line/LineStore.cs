using System.Globalization;
using ChatBot.Core.Retention;
using ChatBot.Core.Storage;
using Microsoft.AspNetCore.DataProtection;

namespace ChatBot.Web.Channels.Line;

/// <summary>A pending webhook event, kept until the bot has handled it so a restart loses nothing.</summary>
internal sealed record LineInboxItem(long Id, string Channel, string UserKey, string EventJson, DateTimeOffset ReceivedAt);

/// <summary>Where a LINE user's conversation lives, and the means to push to them.</summary>
internal sealed record LineRoute(string Channel, string UserKey, string ConversationId, string? LineUserId, string? ReplyToken, DateTimeOffset? ReplyTokenAt);

/// <summary>
/// LINE's tables. The LINE user id is never stored in the clear next to the conversation: routes are
/// found by keyed hash, and the id needed for pushing is kept encrypted with ASP.NET Core Data Protection.
/// </summary>
internal sealed partial class LineStore : IConversationDataStore, ChatBot.Core.Conversations.IDeliveryReport
{
    public static readonly SqlSchema Schema = new(
        "line",
        """
        CREATE TABLE IF NOT EXISTS line_routes (
            channel TEXT NOT NULL,
            user_key TEXT NOT NULL,
            conversation_id TEXT NOT NULL,
            protected_user_id TEXT NULL,
            reply_token TEXT NULL,
            reply_token_at TEXT NULL,
            last_seen_at TEXT NOT NULL,
            PRIMARY KEY (channel, user_key)
        );
        CREATE INDEX IF NOT EXISTS line_routes_conversation ON line_routes(conversation_id);
        CREATE TABLE IF NOT EXISTS line_events (
            webhook_event_id TEXT PRIMARY KEY NOT NULL,
            received_at TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS line_inbox (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            channel TEXT NOT NULL,
            user_key TEXT NOT NULL,
            event TEXT NOT NULL,
            received_at TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS line_outbox (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            conversation_id TEXT NOT NULL,
            retry_key TEXT NOT NULL,
            status TEXT NOT NULL,
            message_count INTEGER NOT NULL,
            messages TEXT NULL,
            last_error TEXT NULL,
            created_at TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS line_outbox_conversation ON line_outbox(conversation_id);
        """);

    private readonly SqliteDatabase _database;
    private readonly TimeProvider _time;
    private readonly IDataProtector _protector;

    // The inbox holds each webhook event for the seconds until it is processed: as LINE sent it, before redaction,
    // so it is encrypted like the user id — a phone number typed on LINE never lies on disk in the clear.
    private readonly IDataProtector _inboxProtector;

    private readonly ILogger<LineStore> _logger;

    public LineStore(SqliteDatabase database, TimeProvider time, IDataProtectionProvider dataProtection, ILogger<LineStore> logger)
    {
        _database = database;
        _time = time;
        _logger = logger;
        _protector = dataProtection.CreateProtector("ChatBot.Line.UserId.v1");
        _inboxProtector = dataProtection.CreateProtector("ChatBot.Line.Inbox.v1");
    }

    public IReadOnlyDictionary<string, string> Description { get; } = new Dictionary<string, string>
    {
        ["ja"] = "LINE でお返事を送るための情報",
        ["en"] = "what was needed to send you replies on LINE",
    };

    /// <summary>Records the event id; false when it was seen before (a redelivery). Inserts into the inbox in the same step.</summary>
    public async Task<bool> AcceptAsync(string? webhookEventId, string channel, string userKey, string eventJson, CancellationToken cancellationToken)
    {
        var now = Now();
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        if (!string.IsNullOrEmpty(webhookEventId))
        {
            await using var seen = connection.CreateCommand();
            seen.Transaction = transaction;
            seen.CommandText = "INSERT INTO line_events (webhook_event_id, received_at) VALUES ($id, $now) ON CONFLICT DO NOTHING";
            seen.Parameters.AddWithValue("$id", webhookEventId);
            seen.Parameters.AddWithValue("$now", now);
            if (await seen.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return false;
            }
        }

        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO line_inbox (channel, user_key, event, received_at) VALUES ($channel, $user, $event, $now)";
        insert.Parameters.AddWithValue("$channel", channel);
        insert.Parameters.AddWithValue("$user", userKey);
        insert.Parameters.AddWithValue("$event", _inboxProtector.Protect(eventJson));
        insert.Parameters.AddWithValue("$now", now);
        await insert.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<IReadOnlyList<LineInboxItem>> ReadInboxAsync(long afterId, int max, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, channel, user_key, event, received_at FROM line_inbox WHERE id > $after ORDER BY id LIMIT $max";
        command.Parameters.AddWithValue("$after", afterId);
        command.Parameters.AddWithValue("$max", max);
        var items = new List<LineInboxItem>();
        var unreadable = new List<long>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                string json;
                try
                {
                    json = _inboxProtector.Unprotect(reader.GetString(3));
                }
                catch (System.Security.Cryptography.CryptographicException)
                {
                    // Encrypted with a key ring that is gone: it can never be read, so it must not block the inbox.
                    unreadable.Add(reader.GetInt64(0));
                    continue;
                }

                items.Add(new LineInboxItem(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), json, Parse(reader.GetString(4))));
            }
        }

        foreach (var id in unreadable)
        {
            LogUnreadableInboxItem(_logger, id);
            await CompleteAsync(id, cancellationToken);
        }

        return items;
    }

    public async Task CompleteAsync(long inboxId, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM line_inbox WHERE id = $id";
        command.Parameters.AddWithValue("$id", inboxId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<LineRoute?> FindRouteAsync(string channel, string userKey, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT channel, user_key, conversation_id, protected_user_id, reply_token, reply_token_at FROM line_routes WHERE channel = $channel AND user_key = $user";
        command.Parameters.AddWithValue("$channel", channel);
        command.Parameters.AddWithValue("$user", userKey);
        return await ReadRouteAsync(command, cancellationToken);
    }

    public async Task<LineRoute?> FindRouteByConversationAsync(string conversationId, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT channel, user_key, conversation_id, protected_user_id, reply_token, reply_token_at FROM line_routes WHERE conversation_id = $id";
        command.Parameters.AddWithValue("$id", conversationId);
        return await ReadRouteAsync(command, cancellationToken);
    }

    /// <summary>Creates or updates the route, keeping the LINE user id encrypted for pushes.</summary>
    public async Task SaveRouteAsync(string channel, string userKey, string conversationId, string lineUserId, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO line_routes (channel, user_key, conversation_id, protected_user_id, last_seen_at)
            VALUES ($channel, $user, $conversation, $protected, $now)
            ON CONFLICT(channel, user_key) DO UPDATE SET conversation_id = excluded.conversation_id,
                protected_user_id = excluded.protected_user_id, last_seen_at = excluded.last_seen_at
            """;
        command.Parameters.AddWithValue("$channel", channel);
        command.Parameters.AddWithValue("$user", userKey);
        command.Parameters.AddWithValue("$conversation", conversationId);
        command.Parameters.AddWithValue("$protected", _protector.Protect(lineUserId));
        command.Parameters.AddWithValue("$now", Now());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Keeps the newest unused reply token so a counsellor answering within the minute spends it instead of a push.</summary>
    public async Task SetReplyTokenAsync(string conversationId, string? replyToken, DateTimeOffset? at, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE line_routes SET reply_token = $token, reply_token_at = $at WHERE conversation_id = $id";
        command.Parameters.AddWithValue("$token", (object?)replyToken ?? DBNull.Value);
        command.Parameters.AddWithValue("$at", at is null ? DBNull.Value : at.Value.ToString("O", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$id", conversationId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Takes the reply token if it is still fresh, so it is used once only.</summary>
    public async Task<string?> TakeReplyTokenAsync(string conversationId, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        var cutoff = (_time.GetUtcNow() - lifetime).ToString("O", CultureInfo.InvariantCulture);
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT reply_token FROM line_routes WHERE conversation_id = $id AND reply_token IS NOT NULL AND reply_token_at >= $cutoff";
        command.Parameters.AddWithValue("$id", conversationId);
        command.Parameters.AddWithValue("$cutoff", cutoff);
        var token = await command.ExecuteScalarAsync(cancellationToken) as string;
        if (token is not null)
        {
            await using var clear = connection.CreateCommand();
            clear.CommandText = "UPDATE line_routes SET reply_token = NULL, reply_token_at = NULL WHERE conversation_id = $id AND reply_token = $token";
            clear.Parameters.AddWithValue("$id", conversationId);
            clear.Parameters.AddWithValue("$token", token);
            if (await clear.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return null; // Someone else took it first.
            }
        }

        return token;
    }

    /// <summary>Forgets how to reach the person (they blocked the account): no more pushes.</summary>
    public async Task ForgetUserIdAsync(string channel, string userKey, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE line_routes SET protected_user_id = NULL, reply_token = NULL, reply_token_at = NULL WHERE channel = $channel AND user_key = $user";
        command.Parameters.AddWithValue("$channel", channel);
        command.Parameters.AddWithValue("$user", userKey);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<long> AddOutboxAsync(string conversationId, Guid retryKey, int messageCount, string messagesJson, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO line_outbox (conversation_id, retry_key, status, message_count, messages, created_at)
            VALUES ($conversation, $key, 'pending', $count, $messages, $now) RETURNING id
            """;
        command.Parameters.AddWithValue("$conversation", conversationId);
        command.Parameters.AddWithValue("$key", retryKey.ToString());
        command.Parameters.AddWithValue("$count", messageCount);
        command.Parameters.AddWithValue("$messages", messagesJson);
        command.Parameters.AddWithValue("$now", Now());
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Marks a push sent (its text is no longer needed here: the conversation log has it) or undelivered (kept for the console).</summary>
    public async Task SetOutboxStatusAsync(long id, bool delivered, string? error, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = delivered
            ? "UPDATE line_outbox SET status = 'sent', messages = NULL, last_error = NULL WHERE id = $id"
            : "UPDATE line_outbox SET status = 'undelivered', last_error = $error WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$error", (object?)error ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Pushes that could not be delivered, for the console to show.</summary>
    public async Task<int> CountUndeliveredAsync(string conversationId, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM line_outbox WHERE conversation_id = $id AND status = 'undelivered'";
        command.Parameters.AddWithValue("$id", conversationId);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    public string? Unprotect(string? protectedUserId) => protectedUserId is null ? null : _protector.Unprotect(protectedUserId);

    public Task<int> EraseConversationAsync(ErasureSubject subject, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subject);
        return _database.ExecuteAsync(
            """
            DELETE FROM line_inbox WHERE user_key IN (SELECT user_key FROM line_routes WHERE conversation_id = $id);
            DELETE FROM line_outbox WHERE conversation_id = $id;
            DELETE FROM line_routes WHERE conversation_id = $id;
            """,
            cancellationToken,
            ("$id", subject.ConversationId));
    }

    public Task<int> PurgeAsync(DateTimeOffset conversationCutoff, DateTimeOffset recordCutoff, CancellationToken cancellationToken) =>
        _database.ExecuteAsync(
            """
            DELETE FROM line_routes WHERE last_seen_at < $cutoff;
            DELETE FROM line_outbox WHERE created_at < $cutoff;
            DELETE FROM line_events WHERE received_at < $dedupe;
            """,
            cancellationToken,
            ("$cutoff", conversationCutoff.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture)),
            ("$dedupe", (_time.GetUtcNow() - TimeSpan.FromDays(7)).ToString("O", CultureInfo.InvariantCulture)));

    private async Task<LineRoute?> ReadRouteAsync(Microsoft.Data.Sqlite.SqliteCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new LineRoute(
            reader.GetString(0),
            reader.GetString(1),
            reader.GetString(2),
            reader.IsDBNull(3) ? null : reader.GetString(3),
            reader.IsDBNull(4) ? null : reader.GetString(4),
            reader.IsDBNull(5) ? null : Parse(reader.GetString(5)));
    }

    private string Now() => _time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset Parse(string value) => DateTimeOffset.Parse(value, CultureInfo.InvariantCulture);

    [LoggerMessage(EventId = 1460, Level = LogLevel.Error, Message = "LINE inbox item {InboxId} could not be decrypted (the Data Protection key ring changed) and was dropped")]
    private static partial void LogUnreadableInboxItem(ILogger logger, long inboxId);
}
