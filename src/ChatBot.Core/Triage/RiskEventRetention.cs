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

    public Task<int> EraseConversationAsync(ErasureSubject subject, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subject);
        return database.ExecuteAsync("DELETE FROM risk_events WHERE conversation_id = $id", cancellationToken, ("$id", subject.ConversationId));
    }

    public Task<int> PurgeAsync(DateTimeOffset conversationCutoff, DateTimeOffset recordCutoff, CancellationToken cancellationToken) =>
        database.ExecuteAsync("DELETE FROM risk_events WHERE at_ms < $cutoff", cancellationToken, ("$cutoff", conversationCutoff.ToUnixTimeMilliseconds()));
}
