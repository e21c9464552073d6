using ChatBot.Core.Assistance;
using ChatBot.Core.Dialogs;
using ChatBot.Core.Dialogs.Actions;
using ChatBot.Core.Retention;
using ChatBot.Core.Triage;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Logging;

namespace ChatBot.Core.Bot;

/// <summary>
/// The one <see cref="IBot"/> every channel talks to. Channels are adapters at the edge; this class
/// sees only Bot Framework activities. Each turn: load the conversation's dialog state, triage the
/// message, let the dialog engine run the flows of <c>dialogs/</c>, save the state, and only then
/// send the replies (so a reply is never sent for a turn whose state was not kept).
/// </summary>
public sealed partial class FirstContactBot : ActivityHandler
{
    private readonly ConversationState _conversationState;
    private readonly UserState _userState;
    private readonly IStatePropertyAccessor<DialogState> _dialogState;
    private readonly IDialogEngine _engine;
    private readonly ITriage _triage;
    private readonly IRiskSecondOpinion _secondOpinion;
    private readonly IRiskEventLog _riskEvents;
    private readonly ConversationEraser _eraser;
    private readonly ILogger<FirstContactBot> _logger;

    public FirstContactBot(ConversationState conversationState, UserState userState, IDialogEngine engine, ITriage triage, IRiskSecondOpinion secondOpinion, IRiskEventLog riskEvents, ConversationEraser eraser, ILogger<FirstContactBot> logger)
    {
        ArgumentNullException.ThrowIfNull(conversationState);
        _conversationState = conversationState;
        _userState = userState;
        _dialogState = conversationState.CreateProperty<DialogState>(nameof(DialogState));
        _engine = engine;
        _triage = triage;
        _secondOpinion = secondOpinion;
        _riskEvents = riskEvents;
        _eraser = eraser;
        _logger = logger;
    }

    public override async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        await base.OnTurnAsync(turnContext, cancellationToken);
        await _conversationState.SaveChangesAsync(turnContext, force: false, cancellationToken);
        await _userState.SaveChangesAsync(turnContext, force: false, cancellationToken);
        if (turnContext.TurnState.Get<DialogTurnOutcome>() is { Turn.Replies.Count: > 0 } outcome)
        {
            await turnContext.SendActivitiesAsync([.. outcome.Turn.Replies], cancellationToken);
        }

        if (turnContext.TurnState.Get<ErasureRequested>() is not null && turnContext.Activity.Conversation?.Id is { Length: > 0 } conversationId)
        {
            // Last of all, so that nothing this turn writes outlives the deletion.
            await _eraser.EraseAsync(conversationId, "resident", cancellationToken);
        }
    }

    protected override async Task OnMembersAddedAsync(IList<ChannelAccount> membersAdded, ITurnContext<IConversationUpdateActivity> turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(membersAdded);
        ArgumentNullException.ThrowIfNull(turnContext);
        var userJoined = membersAdded.Any(m => m.Id != turnContext.Activity.Recipient?.Id);
        if (!userJoined)
        {
            return;
        }

        var state = await _dialogState.GetAsync(turnContext, () => new DialogState(), cancellationToken);
        var turn = await _engine.UserJoinedAsync(turnContext, state, cancellationToken);
        turnContext.TurnState.Set(new DialogTurnOutcome(turn, state));
    }

    protected override async Task OnMessageActivityAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        LogMessageReceived(_logger, turnContext.Activity.Conversation?.Id, turnContext.Activity.ChannelId);
        var state = await _dialogState.GetAsync(turnContext, () => new DialogState(), cancellationToken);
        var text = turnContext.Activity.Text;
        var triage = string.IsNullOrWhiteSpace(text) ? TriageResult.Empty : await SecondOpinionAsync(turnContext, text, _triage.Classify(text), cancellationToken);
        var turn = await _engine.MessageAsync(turnContext, state, text, triage, cancellationToken);
        turnContext.TurnState.Set(new DialogTurnOutcome(turn, state));
        if (triage.Risk >= RiskLevel.High)
        {
            await RecordRiskAsync(turnContext, triage, text!, cancellationToken);
        }
    }

    /// <summary>
    /// The AI second opinion, when configured, on the text as it reached the bot (already redacted). It may
    /// raise the rule result, never lower it — checked here as well, whatever the opinion says.
    /// </summary>
    private async Task<TriageResult> SecondOpinionAsync(ITurnContext turnContext, string text, TriageResult triage, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        var risk = await _secondOpinion.ReviewAsync(new RiskReview(activity.Conversation?.Id, activity.Id, activity.Locale, text, triage.Risk), cancellationToken);
        return risk > triage.Risk ? triage with { Risk = risk, Matches = [.. triage.Matches, RiskReview.RaisedMatch] } : triage;
    }

    /// <summary>
    /// Records a crisis or high-risk message for the counsellor console: the rule ids and the text as it
    /// reached the bot, which the channel has already redacted. A side record: it never fails the turn.
    /// </summary>
    private async Task RecordRiskAsync(ITurnContext turnContext, TriageResult triage, string redactedText, CancellationToken cancellationToken)
    {
        var conversationId = turnContext.Activity.Conversation?.Id;
        if (string.IsNullOrEmpty(conversationId))
        {
            return;
        }

        try
        {
            await _riskEvents.RecordAsync(conversationId, triage.Risk, triage.Matches, redactedText, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogRiskNotRecorded(_logger, new WithheldMessageException(ex), conversationId, triage.Risk);
        }
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Error, Message = "A {Risk} event in conversation {ConversationId} could not be recorded")]
    private static partial void LogRiskNotRecorded(ILogger logger, Exception exception, string conversationId, RiskLevel risk);

    [LoggerMessage(EventId = 1000, Level = LogLevel.Debug, Message = "Message received in conversation {ConversationId} on {Channel}")]
    private static partial void LogMessageReceived(ILogger logger, string? conversationId, string? channel);
}

/// <summary>What the dialog engine did in a turn, left in the turn state for the conversation tests.</summary>
public sealed record DialogTurnOutcome(DialogTurn Turn, DialogState State);
