using ChatBot.Core.Retention;
using ChatBot.Core.Storage;

namespace ChatBot.Core.Triage;

/// <summary>
/// Risk events hold a redacted excerpt of what was written, so they go with the conversation:
/// erased by "delete my data" and purged with the conversation texts.
/// </summary>
internal sealed class RiskEventRetention(SqliteDatabase database) : IConversationDataStore
{
    public IReadOnlyDictionary<string, string> Description { get; } = new Dictionary<string, string>
    {
        ["ja"] = "つらさや危険のサインについての記録",
        ["en"] = "the notes on signs of distress or danger",
    };

    public async Task<int> EraseConversationAsync(ErasureSubject subject, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subject);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM risk_events WHERE conversation_id = $id";
        command.Parameters.AddWithValue("$id", subject.ConversationId);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<int> PurgeAsync(DateTimeOffset conversationCutoff, DateTimeOffset recordCutoff, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM risk_events WHERE at_ms < $cutoff";
        command.Parameters.AddWithValue("$cutoff", conversationCutoff.ToUnixTimeMilliseconds());
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
