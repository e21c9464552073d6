namespace ChatBot.Core.Triage;

/// <summary>
/// The record of every high and crisis message, for the counsellor console: which conversation, how
/// urgent, which rules fired and when, with a redacted excerpt. The caller redacts the excerpt
/// (<see cref="Privacy.IRedactor"/>) before it gets here; this store never sees what a person typed.
/// </summary>
public interface IRiskEventLog
{
    /// <summary>Records a high or crisis event, stamped with the current time. Normal risk is refused.</summary>
    Task<RiskEvent> RecordAsync(string conversationId, RiskLevel risk, IReadOnlyList<string> matches, string redactedExcerpt, CancellationToken cancellationToken);

    /// <summary>A conversation's events, oldest first.</summary>
    Task<IReadOnlyList<RiskEvent>> ForConversationAsync(string conversationId, CancellationToken cancellationToken);

    /// <summary>Events from <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive), at or above <paramref name="minimum"/>, oldest first.</summary>
    Task<IReadOnlyList<RiskEvent>> BetweenAsync(DateTimeOffset from, DateTimeOffset to, RiskLevel minimum, CancellationToken cancellationToken);
}

/// <summary>One recorded high or crisis message.</summary>
/// <param name="Matches">The triage rule ids that fired (never text).</param>
/// <param name="Excerpt">The redacted excerpt the caller supplied, cut to <see cref="SqliteRiskEventLog.MaxExcerptLength"/> characters.</param>
public sealed record RiskEvent(long Id, string ConversationId, RiskLevel Risk, IReadOnlyList<string> Matches, string Excerpt, DateTimeOffset At);
