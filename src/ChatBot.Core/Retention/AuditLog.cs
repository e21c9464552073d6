using System.Globalization;
using ChatBot.Core.Storage;

namespace ChatBot.Core.Retention;

/// <summary>One audit entry: who did what to which conversation, when. Never any text a person wrote.</summary>
public sealed record AuditEntry(DateTimeOffset At, string Actor, string Action, string? ConversationId, string? Detail);

/// <summary>
/// The audit log: every deletion, and (with the console) every view and action of a counsellor.
/// Kept for <see cref="RetentionOptions.RecordDays"/>, longer than conversations themselves.
/// </summary>
public interface IAuditLog
{
    Task WriteAsync(string actor, string action, string? conversationId, string? detail, CancellationToken cancellationToken);

    Task<IReadOnlyList<AuditEntry>> ReadAsync(string? conversationId, int max, CancellationToken cancellationToken);
}

internal sealed class SqliteAuditLog(SqliteDatabase database, TimeProvider time) : IAuditLog
{
    public static readonly SqlSchema Schema = new(
        "audit-log",
        """
        CREATE TABLE IF NOT EXISTS audit_log (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            conversation_id TEXT NULL,
            detail TEXT NULL
        );
        CREATE INDEX IF NOT EXISTS audit_log_at ON audit_log(at);
        CREATE INDEX IF NOT EXISTS audit_log_conversation ON audit_log(conversation_id);
        """);

    public async Task WriteAsync(string actor, string action, string? conversationId, string? detail, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO audit_log (at, actor, action, conversation_id, detail) VALUES ($at, $actor, $action, $conversation, $detail)";
        command.Parameters.AddWithValue("$at", time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$actor", actor);
        command.Parameters.AddWithValue("$action", action);
        command.Parameters.AddWithValue("$conversation", (object?)conversationId ?? DBNull.Value);
        command.Parameters.AddWithValue("$detail", (object?)detail ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<AuditEntry>> ReadAsync(string? conversationId, int max, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = conversationId is null
            ? "SELECT at, actor, action, conversation_id, detail FROM audit_log ORDER BY id DESC LIMIT $max"
            : "SELECT at, actor, action, conversation_id, detail FROM audit_log WHERE conversation_id = $conversation ORDER BY id DESC LIMIT $max";
        command.Parameters.AddWithValue("$max", max);
        if (conversationId is not null)
        {
            command.Parameters.AddWithValue("$conversation", conversationId);
        }

        return await command.ReadAllAsync(
            reader => new AuditEntry(
                DateTimeOffset.Parse(reader.GetString(0), CultureInfo.InvariantCulture),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetStringOrNull(3),
                reader.GetStringOrNull(4)),
            cancellationToken);
    }

    /// <summary>The audit log's own retention: entries older than the record cutoff go.</summary>
    internal async Task<int> PurgeAsync(DateTimeOffset recordCutoff, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM audit_log WHERE at < $cutoff";
        command.Parameters.AddWithValue("$cutoff", recordCutoff.ToString("O", CultureInfo.InvariantCulture));
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
