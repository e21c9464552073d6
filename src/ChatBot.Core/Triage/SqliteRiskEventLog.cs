using ChatBot.Core.Storage;
using Microsoft.Data.Sqlite;

namespace ChatBot.Core.Triage;

/// <summary>Risk events in the embedded SQLite database (table <c>risk_events</c>).</summary>
internal sealed class SqliteRiskEventLog : IRiskEventLog
{
    /// <summary>An excerpt is for recognising the moment, not a transcript.</summary>
    public const int MaxExcerptLength = 280;

    public static readonly SqlSchema Schema = new(
        "risk-events",
        """
        CREATE TABLE IF NOT EXISTS risk_events (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            conversation_id TEXT NOT NULL,
            risk TEXT NOT NULL,
            matches TEXT NOT NULL,
            excerpt TEXT NOT NULL,
            at_ms INTEGER NOT NULL
        );
        CREATE INDEX IF NOT EXISTS ix_risk_events_conversation ON risk_events (conversation_id, at_ms);
        CREATE INDEX IF NOT EXISTS ix_risk_events_at ON risk_events (at_ms);
        """);

    private readonly SqliteDatabase _database;
    private readonly TimeProvider _time;

    public SqliteRiskEventLog(SqliteDatabase database, TimeProvider time)
    {
        _database = database;
        _time = time;
    }

    public async Task<RiskEvent> RecordAsync(string conversationId, RiskLevel risk, IReadOnlyList<string> matches, string redactedExcerpt, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(conversationId);
        ArgumentNullException.ThrowIfNull(matches);
        ArgumentNullException.ThrowIfNull(redactedExcerpt);
        if (risk is not (RiskLevel.High or RiskLevel.Crisis))
        {
            throw new ArgumentOutOfRangeException(nameof(risk), risk, "Only high and crisis messages are risk events.");
        }

        if (matches.Any(m => string.IsNullOrWhiteSpace(m) || m.Contains(' ', StringComparison.Ordinal)))
        {
            throw new ArgumentException("Matches are rule ids: no blanks, no spaces.", nameof(matches));
        }

        var excerpt = Cut(redactedExcerpt);
        var at = DateTimeOffset.FromUnixTimeMilliseconds(_time.GetUtcNow().ToUnixTimeMilliseconds());
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO risk_events (conversation_id, risk, matches, excerpt, at_ms)
            VALUES ($conversation, $risk, $matches, $excerpt, $at) RETURNING id
            """;
        command.Parameters.AddWithValue("$conversation", conversationId);
        command.Parameters.AddWithValue("$risk", TriageJson.Name(risk));
        command.Parameters.AddWithValue("$matches", string.Join(' ', matches));
        command.Parameters.AddWithValue("$excerpt", excerpt);
        command.Parameters.AddWithValue("$at", at.ToUnixTimeMilliseconds());
        var id = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        return new RiskEvent(id, conversationId, risk, [.. matches], excerpt, at);
    }

    public async Task<IReadOnlyList<RiskEvent>> ForConversationAsync(string conversationId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(conversationId);
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, conversation_id, risk, matches, excerpt, at_ms FROM risk_events WHERE conversation_id = $conversation ORDER BY at_ms, id";
        command.Parameters.AddWithValue("$conversation", conversationId);
        return await ReadAsync(command, cancellationToken);
    }

    public async Task<IReadOnlyList<RiskEvent>> BetweenAsync(DateTimeOffset from, DateTimeOffset to, RiskLevel minimum, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT id, conversation_id, risk, matches, excerpt, at_ms FROM risk_events
            WHERE at_ms >= $from AND at_ms < $to AND ($minimum = 'high' OR risk = 'crisis')
            ORDER BY at_ms, id
            """;
        command.Parameters.AddWithValue("$from", from.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$to", to.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$minimum", minimum == RiskLevel.Crisis ? "crisis" : "high");
        return await ReadAsync(command, cancellationToken);
    }

    private static Task<IReadOnlyList<RiskEvent>> ReadAsync(SqliteCommand command, CancellationToken cancellationToken) =>
        command.ReadAllAsync(
            reader =>
            {
                var matches = reader.GetString(3);
                return new RiskEvent(
                    reader.GetInt64(0),
                    reader.GetString(1),
                    reader.GetString(2) == "crisis" ? RiskLevel.Crisis : RiskLevel.High,
                    matches.Length == 0 ? [] : matches.Split(' '),
                    reader.GetString(4),
                    reader.GetUnixMs(5));
            },
            cancellationToken);

    /// <summary>Cuts to the limit without splitting a surrogate pair.</summary>
    private static string Cut(string text)
    {
        if (text.Length <= MaxExcerptLength)
        {
            return text;
        }

        var length = MaxExcerptLength;
        if (char.IsHighSurrogate(text[length - 1]))
        {
            length--;
        }

        return string.Concat(text.AsSpan(0, length), "…");
    }
}
