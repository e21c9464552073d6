using ChatBot.Core.Triage;

namespace ChatBot.Core.Assistance;

/// <summary>
/// The few lines a counsellor reads first when a conversation is handed over (queue, crisis alert, detail).
/// Without AI: the person's last messages, shortened. With AI configured: a summary of the redacted
/// conversation, falling back to the excerpts on any error or timeout.
/// </summary>
public interface IHandoffSummarizer
{
    Task<string> SummarizeAsync(HandoffSummaryInput input, CancellationToken cancellationToken);
}

/// <summary>
/// What a summary is made from: the person's messages as the conversation log holds them (redacted on the
/// way in; each implementation passes what it uses through <see cref="Privacy.IRedactor"/> once more before
/// it leaves the process), oldest first, and what triage found in them.
/// </summary>
public sealed record HandoffSummaryInput(
    string ConversationId,
    string? Locale,
    IReadOnlyList<string> PersonMessages,
    RiskLevel Risk,
    Speaker Speaker,
    IReadOnlyList<Topic> Topics);
