namespace ChatBot.Core.Triage;

/// <summary>A conversation's risk: the level, and when a message last showed it.</summary>
public sealed record ConversationRisk(RiskLevel Level, DateTimeOffset Since)
{
    public static readonly ConversationRisk None = new(RiskLevel.Normal, DateTimeOffset.MinValue);
}

/// <summary>The outcome of one message for the conversation's risk.</summary>
/// <param name="Current">The conversation's risk after the message.</param>
/// <param name="Raised">The message raised the level (say so to the counsellor console, record the event).</param>
/// <param name="Lowered">The hold ran out and the level came down; never silent: the caller records it.</param>
public sealed record ConversationRiskUpdate(ConversationRisk Current, bool Raised, bool Lowered);

/// <summary>
/// Keeps a conversation's risk at its highest recent level. A person who wrote that they want to die
/// and then asks about opening hours is still someone who wrote that they want to die: the level is
/// kept for <c>hold</c> (default 24 h, <see cref="TriageOptions.ConversationRiskHold"/>) after the last
/// message that showed it, and a message at the same or a higher level starts the hold again. Only
/// when the hold has run out does the level come down — to the new message's level, in one step —
/// and the update says <see cref="ConversationRiskUpdate.Lowered"/> so the caller can record it.
/// Pure: no clock, no storage; the caller passes the time of the message.
/// </summary>
public static class ConversationRiskTracker
{
    public static ConversationRiskUpdate Update(ConversationRisk? previous, RiskLevel message, DateTimeOffset at, TimeSpan hold)
    {
        if (hold <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(hold), hold, "The hold must be positive.");
        }

        previous ??= ConversationRisk.None;
        if (message > previous.Level)
        {
            return new ConversationRiskUpdate(new ConversationRisk(message, at), Raised: true, Lowered: false);
        }

        if (message == previous.Level)
        {
            return new ConversationRiskUpdate(message == RiskLevel.Normal ? previous : new ConversationRisk(message, at), false, false);
        }

        // A lower message: keep the level while the hold lasts.
        var held = at < previous.Since || at - previous.Since < hold;
        return held
            ? new ConversationRiskUpdate(previous, false, false)
            : new ConversationRiskUpdate(new ConversationRisk(message, at), false, Lowered: true);
    }
}
