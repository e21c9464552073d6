using ChatBot.Core.Bot;
using ChatBot.Core.Conversations;
using ChatBot.Core.Handoff;
using ChatBot.Core.Privacy;
using ChatBot.Core.Triage;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;

namespace ChatBot.Core.Assistance;

/// <summary>
/// Asks the configured model (prompt <c>prompts/RiskSecondOpinion</c>) how urgent a message is, with the
/// person's few messages before it as context — all passed through <see cref="IRedactor"/> before they are
/// sent. Raises the rule result when the model names a higher level; never lowers it. A crisis needs no
/// opinion (there is nothing above it). After <see cref="AiOptions.RiskSecondOpinionTimeout"/>, on an error
/// or on an answer that is not exactly crisis, high or normal, the rule result stands.
/// </summary>
internal sealed partial class AiRiskSecondOpinion(
    AiFunctions functions,
    IRedactor redactor,
    IConversationLog log,
    IOptions<AiOptions> options,
    TimeProvider time,
    ILogger<AiRiskSecondOpinion> logger) : IRiskSecondOpinion
{
    private const int ContextMessages = 3;
    private const int MaxLength = 1_000;

    public async Task<RiskLevel> ReviewAsync(RiskReview review, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(review);
        if (review.RuleRisk == RiskLevel.Crisis || string.IsNullOrWhiteSpace(review.Message))
        {
            return review.RuleRisk;
        }

        var timeout = options.Value.RiskSecondOpinionTimeout;
        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            var arguments = new KernelArguments
            {
                ["rule_risk"] = HandoffWire.Risk(review.RuleRisk),
                ["context"] = await ContextAsync(review, linked.Token),
                ["message"] = await RedactAsync(review.Message, review.Locale, linked.Token),
            };
            var answer = RiskAnswer.Parse(await functions.InvokeAsync(AiPrompts.RiskSecondOpinion, arguments, linked.Token));
            if (answer is null)
            {
                LogUnreadable(logger, review.ConversationId, HandoffWire.Risk(review.RuleRisk));
                return review.RuleRisk;
            }

            if (answer.Value > review.RuleRisk)
            {
                LogRaised(logger, review.ConversationId, HandoffWire.Risk(review.RuleRisk), HandoffWire.Risk(answer.Value));
                return answer.Value;
            }

            LogKept(logger, review.ConversationId, HandoffWire.Risk(review.RuleRisk), HandoffWire.Risk(answer.Value));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LogTimedOut(logger, review.ConversationId, timeout, HandoffWire.Risk(review.RuleRisk));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(logger, new WithheldMessageException(ex), review.ConversationId, HandoffWire.Risk(review.RuleRisk));
        }

        return review.RuleRisk;
    }

    /// <summary>The person's messages just before this one, oldest first, redacted; 「（なし）」 when there are none.</summary>
    private async Task<string> ContextAsync(RiskReview review, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(review.ConversationId))
        {
            return "（なし）";
        }

        var before = (await log.ReadAfterAsync(review.ConversationId, 0, 1000, cancellationToken))
            .Select(l => l.Activity)
            .Where(a => a.Type == ActivityTypes.Message && a.From?.Role == RoleTypes.User && !string.IsNullOrWhiteSpace(a.Text) && (review.ActivityId is null || a.Id != review.ActivityId))
            .TakeLast(ContextMessages)
            .ToList();
        if (before.Count == 0)
        {
            return "（なし）";
        }

        var lines = new List<string>();
        foreach (var activity in before)
        {
            lines.Add("- " + await RedactAsync(activity.Text, review.Locale, cancellationToken));
        }

        return string.Join('\n', lines);
    }

    private async Task<string> RedactAsync(string text, string? locale, CancellationToken cancellationToken)
    {
        var redacted = (await redactor.RedactAsync(text, locale, cancellationToken)).Text.ReplaceLineEndings(" ");
        return redacted.Length > MaxLength ? redacted[..MaxLength] : redacted;
    }

    [LoggerMessage(EventId = 4610, Level = LogLevel.Information, Message = "AI second opinion raised the risk in conversation {ConversationId} from {RuleRisk} to {Risk}")]
    private static partial void LogRaised(ILogger logger, string? conversationId, string ruleRisk, string risk);

    [LoggerMessage(EventId = 4611, Level = LogLevel.Debug, Message = "AI second opinion in conversation {ConversationId} said {Answer}; the rule result {RuleRisk} stands")]
    private static partial void LogKept(ILogger logger, string? conversationId, string ruleRisk, string answer);

    [LoggerMessage(EventId = 4612, Level = LogLevel.Warning, Message = "AI second opinion in conversation {ConversationId} took longer than {Timeout}; the rule result {RuleRisk} stands")]
    private static partial void LogTimedOut(ILogger logger, string? conversationId, TimeSpan timeout, string ruleRisk);

    [LoggerMessage(EventId = 4613, Level = LogLevel.Warning, Message = "AI second opinion in conversation {ConversationId} failed; the rule result {RuleRisk} stands")]
    private static partial void LogFailed(ILogger logger, Exception exception, string? conversationId, string ruleRisk);

    [LoggerMessage(EventId = 4614, Level = LogLevel.Warning, Message = "AI second opinion in conversation {ConversationId} was not crisis, high or normal; the rule result {RuleRisk} stands")]
    private static partial void LogUnreadable(ILogger logger, string? conversationId, string ruleRisk);
}
