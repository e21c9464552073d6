using ChatBot.Core.Triage;

namespace ChatBot.Core.Assistance;

/// <summary>
/// A second opinion on a message's risk after the rule-based triage. It may raise the risk
/// (normal → high or crisis, high → crisis), never lower it: the answer is never below
/// <see cref="RiskReview.RuleRisk"/>, and on any error or timeout it is the rule result.
/// Off (the rule result, at once) unless <c>Ai:Endpoint</c> is set and <c>Ai:RiskSecondOpinion</c> is true.
/// </summary>
public interface IRiskSecondOpinion
{
    Task<RiskLevel> ReviewAsync(RiskReview review, CancellationToken cancellationToken);
}

/// <summary>A message as the bot received it (already redacted by the channel) and the risk the rules gave it.</summary>
public sealed record RiskReview(string? ConversationId, string? ActivityId, string? Locale, string Message, RiskLevel RuleRisk)
{
    /// <summary>Added to <see cref="TriageResult.Matches"/> when the second opinion raised the risk, so reviewers can tell.</summary>
    public const string RaisedMatch = "ai.second-opinion";
}

/// <summary>No second opinion: the rule result stands.</summary>
internal sealed class RuleRiskStands : IRiskSecondOpinion
{
    public Task<RiskLevel> ReviewAsync(RiskReview review, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(review);
        return Task.FromResult(review.RuleRisk);
    }
}

/// <summary>The strict answer format of <c>prompts/RiskSecondOpinion</c>: one word, crisis, high or normal.</summary>
internal static class RiskAnswer
{
    /// <summary>The level the answer names, or null when it is anything but one of the three words (quotes and a final full stop allowed).</summary>
    public static RiskLevel? Parse(string? answer)
    {
        var word = answer?.Trim().Trim('"', '\'', '`', '「', '」').TrimEnd('.', '。').Trim().ToLowerInvariant();
        return word switch
        {
            "crisis" => RiskLevel.Crisis,
            "high" => RiskLevel.High,
            "normal" => RiskLevel.Normal,
            _ => null,
        };
    }
}
