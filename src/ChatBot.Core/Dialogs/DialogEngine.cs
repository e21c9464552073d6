using ChatBot.Core.Counsellors;
using ChatBot.Core.Hours;
using ChatBot.Core.Triage;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Core.Dialogs;

/// <summary>
/// Runs the flows of <c>dialogs/</c> for one turn. The order for every message:
/// <list type="number">
/// <item>a crisis from triage interrupts whatever runs, at once;</item>
/// <item>a high-risk message gets the gentle <c>high-risk</c> aside (the <c>check-in</c> aside when the triage is only
/// tentative), and the flow carries on;</item>
/// <item>a button of the current question (exactly, or a synonym);</item>
/// <item>a global intent (stop, menu, talk to a person, delete my data, language): interrupts, keeping the place to resume;</item>
/// <item>a looser reading of the buttons (number, label in a sentence, small typo), or free text where the question takes it;</item>
/// <item>otherwise "I did not understand" and the question again — but never a third time: then the question's <c>otherwise</c>.</item>
/// </list>
/// Nothing is sent from here: replies are collected and the bot sends them after the state is saved.
/// </summary>
internal sealed partial class DialogEngine : IDialogEngine
{
    /// <summary>Texts of <c>dialogs/texts.yaml</c> the engine itself uses.</summary>
    public static readonly IReadOnlyList<string> RequiredTexts = ["not-understood", "thanks-for-writing", "stale-choice", "moving-on", "lost-place", "counsellors-next-unknown", "counsellor-hours-unlimited"];

    /// <summary>Guards against a flow that jumps around without ever asking (the validator cannot see every such loop).</summary>
    private const int MaxStepsPerTurn = 200;

    /// <summary>The high-risk aside is shown again only after this many messages, so it stays an aside.</summary>
    private const int MessagesBetweenAsides = 5;

    /// <summary>How many recent questions are remembered to recognise a click on an old button.</summary>
    private const int RecentAskMemory = 6;

    /// <summary>A message longer than this is someone talking, not a mistyped button: it is thanked for, not "not understood".</summary>
    private const int LongMessage = 60;

    /// <summary>Free text kept in a variable is cut to this length.</summary>
    private const int LongestKeptText = 200;

    private readonly IDialogContentProvider _content;
    private readonly DialogActionRegistry _actions;
    private readonly ICounsellorAvailability _availability;
    private readonly OfficeHoursOptions _hours;
    private readonly DialogOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<DialogEngine> _logger;
    private readonly Lazy<TextMatcher> _matcher;
    private readonly Lazy<TimeZoneInfo> _zone;

    public DialogEngine(
        IDialogContentProvider content,
        DialogActionRegistry actions,
        ICounsellorAvailability availability,
        IOptions<OfficeHoursOptions> hours,
        IOptions<DialogOptions> options,
        TimeProvider time,
        ILogger<DialogEngine> logger)
    {
        _content = content;
        _actions = actions;
        _availability = availability;
        _hours = hours.Value;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _matcher = new(() => new TextMatcher(Content.Synonyms));
        _zone = new(_hours.ResolveTimeZone);
    }

    public async Task<DialogTurn> UserJoinedAsync(ITurnContext turn, DialogState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(state);
        var run = NewRun(turn, state, cancellationToken);
        FollowChannelLocale(state, turn.Activity.Locale);
        FollowMunicipality(state, turn.Activity);
        if (!state.Greeted)
        {
            state.Greeted = true;
            await StartFlowAsync(run, WellKnownFlows.Welcome, preAnswer: null);
        }

        return run.Result();
    }

    public async Task<DialogTurn> MessageAsync(ITurnContext turn, DialogState state, string? text, TriageResult triage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(triage);
        var run = NewRun(turn, state, cancellationToken);
        FollowChannelLocale(state, turn.Activity.Locale);
        FollowMunicipality(state, turn.Activity);
        RecordTriage(run, triage);

        if (triage.Risk == RiskLevel.Crisis)
        {
            // Safety first: before the welcome, before any answer, whatever flow runs.
            state.Greeted = true;
            await InterruptAsync(run, WellKnownFlows.Crisis);
            return run.Result();
        }

        var aside = false;
        // A high risk gets an aside, not right after another one. When the triage is only unsure, the aside is
        // the check-in, and only once in the conversation.
        if (triage.Risk == RiskLevel.High && state.MessagesSinceAside is null or >= MessagesBetweenAsides && !(triage.Tentative && state.CheckedIn))
        {
            state.CheckedIn |= triage.Tentative;
            state.MessagesSinceAside = 0;
            aside = true;
            await ExecuteAsync(run, Content.Flows[triage.Tentative ? WellKnownFlows.CheckIn : WellKnownFlows.HighRisk], 0, preAnswer: null, isAside: true);
        }

        if (!state.Greeted)
        {
            state.Greeted = true;
            var answered = await StartFlowAsync(run, WellKnownFlows.Welcome, preAnswer: text);
            if (!answered && TextMatcher.MatchIntent(Content.Intents, text) is { } first)
            {
                await InterruptAsync(run, first.Flow);
            }

            return run.Result();
        }

        if (!state.IsWaiting)
        {
            if (TextMatcher.MatchIntent(Content.Intents, text) is { } intent)
            {
                await InterruptAsync(run, intent.Flow);
            }
            else
            {
                await StartFlowAsync(run, state.CanResume ? WellKnownFlows.WelcomeBack : WellKnownFlows.Menu, preAnswer: text);
            }

            return run.Result();
        }

        if (!TryFind(state.Flow!, state.Step!, out var flow, out var index) || flow.Steps[index] is not AskStep ask)
        {
            // The content changed under a waiting conversation (a deployment): start again gently.
            await LostPlaceAsync(run);
            return run.Result();
        }

        var choices = VisibleChoices(ask, state);
        if (run.Matcher.MatchExact(choices, text) is { } exact)
        {
            await AnswerAsync(run, flow, index, ask, exact);
        }
        else if (TextMatcher.MatchIntent(Content.Intents, text) is { } intent)
        {
            await InterruptAsync(run, intent.Flow);
        }
        else if (run.Matcher.MatchLoose(choices, text) is { } loose)
        {
            await AnswerAsync(run, flow, index, ask, loose);
        }
        else if (ask.AcceptsText && !string.IsNullOrWhiteSpace(text))
        {
            if (ask.Save is not null)
            {
                var kept = text.Trim();
                state.Vars[ask.Save] = kept.Length > LongestKeptText ? kept[..LongestKeptText] : kept;
            }

            state.LastAnswer = null;
            state.Flow = state.Step = null;
            await ExecuteFromAsync(run, flow, index, ask.Next);
        }
        else if (aside)
        {
            // The aside already answered this message; ask the question again without "I did not understand".
            await RenderAskAsync(run, flow, ask, keepCount: true);
        }
        else
        {
            await NotUnderstoodAsync(run, flow, index, ask, text);
        }

        return run.Result();
    }

    private DialogContent Content => _content.Current;

    private Run NewRun(ITurnContext turn, DialogState state, CancellationToken cancellationToken) =>
        new(turn, state, _matcher.Value, _time.GetUtcNow(), _zone.Value, cancellationToken)
        {
            Team = Content.Resources.TeamOf(turn.Activity),
        };

    private static void FollowChannelLocale(DialogState state, string? locale)
    {
        if (!state.LocaleChosen && locale is not null)
        {
            state.Locale = DialogLocales.FromActivity(locale);
        }
    }

    /// <summary>
    /// A conversation that came in through a municipality's channel (its LINE account) is about that municipality:
    /// its windows are the ones shown, and the person is not asked for their area. They can still name another.
    /// </summary>
    private void FollowMunicipality(DialogState state, IActivity activity)
    {
        if (state.Vars.ContainsKey("area") || state.Vars.ContainsKey("area-asked"))
        {
            return;
        }

        if (Content.Resources.Municipality(activity) is { } municipality)
        {
            state.Vars["area"] = municipality.Id;
            state.Vars["area-asked"] = "yes";
        }
    }

    private void RecordTriage(Run run, TriageResult triage)
    {
        var state = run.State;
        if (state.MessagesSinceAside is { } since)
        {
            state.MessagesSinceAside = since + 1;
        }

        if (triage.Risk > state.HighestRisk)
        {
            state.HighestRisk = triage.Risk;
            state.RiskRaisedAt = run.Now;
            LogRiskRaised(_logger, run.Turn.Activity.Conversation?.Id, triage.Risk);
        }

        foreach (var topic in triage.Topics.Select(t => t.ToString().ToLowerInvariant()).Where(t => !state.Topics.Contains(t)))
        {
            state.Topics.Add(topic);
        }

        if (triage.Speaker != Speaker.Unknown)
        {
            state.Speaker = triage.Speaker.ToString().ToLowerInvariant();
        }
    }

    /// <summary>
    /// An intent or a crisis: remember the question the person was at (unless this interrupts an
    /// interruption: the place to go back to stays the original one), then run the flow.
    /// </summary>
    private async Task InterruptAsync(Run run, string flowName)
    {
        var state = run.State;
        if (!state.Interrupted)
        {
            // Going back to the menu's own question would be no different from starting again.
            var keep = state.IsWaiting && state.Flow != WellKnownFlows.Menu;
            state.ResumeFlow = keep ? state.Flow : null;
            state.ResumeStep = keep ? state.Step : null;
            state.Interrupted = true;
        }

        LogInterrupted(_logger, run.Turn.Activity.Conversation?.Id, flowName);
        state.Flow = state.Step = null;
        await StartFlowAsync(run, flowName, preAnswer: null);
    }

    /// <summary>Starts a flow. With <paramref name="preAnswer"/>, its first question takes that text as the answer when it matches a button. Returns whether it did.</summary>
    private async Task<bool> StartFlowAsync(Run run, string flowName, string? preAnswer)
    {
        var flow = Content.Flows[flowName];
        EnterFlow(run.State, flow.Name);
        return await ExecuteAsync(run, flow, 0, preAnswer, isAside: false);
    }

    /// <summary>The menu is a fresh start: nothing is left to resume.</summary>
    private static void EnterFlow(DialogState state, string flowName)
    {
        if (flowName == WellKnownFlows.Menu)
        {
            ClearResume(state);
        }
    }

    private static void ClearResume(DialogState state)
    {
        state.ResumeFlow = state.ResumeStep = null;
        state.Interrupted = false;
    }

    private async Task AnswerAsync(Run run, Flow flow, int index, AskStep ask, Choice choice)
    {
        var state = run.State;
        state.LastAnswer = choice.Value;
        if (ask.Save is not null)
        {
            state.Vars[ask.Save] = choice.Value;
        }

        SetVariables(state, choice.Set);
        state.Flow = state.Step = null;
        await ExecuteFromAsync(run, flow, index, choice.Target ?? ask.Next);
    }

    private async Task NotUnderstoodAsync(Run run, Flow flow, int index, AskStep ask, string? text)
    {
        var state = run.State;
        if (state.AskCount >= 2)
        {
            // The question was shown twice already: never a third time. Move on.
            LogMovedOn(_logger, run.Turn.Activity.Conversation?.Id, flow.Name, ask.Id);
            state.Flow = state.Step = null;
            state.LastAnswer = null;
            if (ask.Otherwise is null)
            {
                run.Say(Content.Texts.Get("moving-on", state.Locale));
            }

            await ExecuteFromAsync(run, flow, index, ask.Otherwise);
            return;
        }

        var reply = IsStaleClick(run, text) ? "stale-choice"
            : TextMatcher.Normalize(text).Length > LongMessage ? "thanks-for-writing"
            : "not-understood";
        run.Say(Content.Texts.Get(reply, state.Locale));
        state.AskCount++;
        await RenderAskAsync(run, flow, ask, keepCount: true);
    }

    /// <summary>The text is a button of an earlier question (a click on an old button).</summary>
    private bool IsStaleClick(Run run, string? text)
    {
        var typed = TextMatcher.Normalize(text);
        if (typed.Length == 0)
        {
            return false;
        }

        var current = $"{run.State.Flow}/{run.State.Step}";
        foreach (var key in run.State.RecentAsks.Where(k => k != current))
        {
            var parts = key.Split('/');
            if (parts.Length == 2 && TryFind(parts[0], parts[1], out var flow, out var i) && flow.Steps[i] is AskStep earlier
                && earlier.Choices.Any(c => c.Label.All.Any(l => TextMatcher.Normalize(l) == typed)))
            {
                return true;
            }
        }

        return false;
    }

    private async Task LostPlaceAsync(Run run)
    {
        var state = run.State;
        LogLostPlace(_logger, run.Turn.Activity.Conversation?.Id, state.Flow, state.Step);
        state.Flow = state.Step = null;
        ClearResume(state);
        run.Say(Content.Texts.Get("lost-place", state.Locale));
        await StartFlowAsync(run, WellKnownFlows.Menu, preAnswer: null);
    }

    /// <summary>Continues after the step at <paramref name="index"/>: to <paramref name="target"/>, or the step below when null.</summary>
    private async Task ExecuteFromAsync(Run run, Flow flow, int index, Target? target)
    {
        var next = Resolve(run, flow, index, target);
        if (next is { } position)
        {
            await ExecuteAsync(run, position.Flow, position.Index, preAnswer: null, isAside: false);
        }
    }

    /// <summary>Where a target leads; null when the flow stops there (the bot then waits for the person).</summary>
    private (Flow Flow, int Index)? Resolve(Run run, Flow flow, int index, Target? target)
    {
        var state = run.State;
        switch (target?.Kind)
        {
            case null:
                return (flow, index + 1);
            case TargetKind.Step:
                return (flow, flow.IndexOf(target.Name!));
            case TargetKind.Flow:
                var other = Content.Flows[target.Name!];
                EnterFlow(state, other.Name);
                return (other, 0);
            case TargetKind.Resume:
                if (state.CanResume && TryFind(state.ResumeFlow!, state.ResumeStep!, out var resumeFlow, out var resumeIndex))
                {
                    ClearResume(state);
                    LogResumed(_logger, run.Turn.Activity.Conversation?.Id, resumeFlow.Name);
                    return (resumeFlow, resumeIndex);
                }

                // Nothing to go back to: the menu.
                ClearResume(state);
                return (Content.Flows[WellKnownFlows.Menu], 0);
            default:
                Idle(state);
                return null;
        }
    }

    /// <summary>
    /// Runs steps from <paramref name="index"/> until a question (the bot then waits) or the end of
    /// the flow. Returns whether <paramref name="preAnswer"/> answered the first question.
    /// </summary>
    private async Task<bool> ExecuteAsync(Run run, Flow flow, int index, string? preAnswer, bool isAside)
    {
        var state = run.State;
        var answered = false;
        while (true)
        {
            if (++run.Steps > MaxStepsPerTurn)
            {
                LogRunaway(_logger, run.Turn.Activity.Conversation?.Id, flow.Name);
                Idle(state);
                run.Say(Content.Texts.Get("lost-place", state.Locale));
                return answered;
            }

            if (index < 0 || index >= flow.Steps.Count)
            {
                if (!isAside)
                {
                    Idle(state);
                }

                return answered;
            }

            var step = flow.Steps[index];
            Target? next = step.Next;
            switch (step)
            {
                case SayStep say:
                    run.Say(await FillAsync(run, say.Text.For(state.Locale)));
                    break;

                case SetStep set:
                    SetVariables(state, set.Values);
                    break;

                case ActionStep action:
                    if (await RunActionAsync(run, action))
                    {
                        return answered;
                    }

                    break;

                case BranchStep branch:
                    var rule = await FirstHoldingAsync(run, branch);
                    if (rule is not null)
                    {
                        next = rule.Target;
                    }

                    break;

                case JumpStep jump:
                    next = jump.Target;
                    break;

                case AskStep ask:
                    var choices = VisibleChoices(ask, state);
                    if (preAnswer is not null && (run.Matcher.MatchExact(choices, preAnswer) ?? run.Matcher.MatchLoose(choices, preAnswer)) is { } choice)
                    {
                        // The person already said it (e.g. typed 「家族のこと」 as their first message).
                        await AnswerAsync(run, flow, index, ask, choice);
                        return true;
                    }

                    await RenderAskAsync(run, flow, ask, keepCount: false);
                    return answered;
            }

            if (isAside)
            {
                index = next is { Kind: TargetKind.Step } ? flow.IndexOf(next.Name!) : index + 1;
                continue;
            }

            var position = Resolve(run, flow, index, next);
            if (position is null)
            {
                return answered;
            }

            (flow, index) = position.Value;
        }
    }

    /// <summary>Runs an action step. Returns true when the action ended the flow.</summary>
    private async Task<bool> RunActionAsync(Run run, ActionStep step)
    {
        var said = new List<Activity>();
        var context = new DialogActionContext(run.Turn, run.State, Content, step.Arguments, run.Now, run.Zone, said);
        await _actions.Resolve(step.Action).RunAsync(context, run.CancellationToken);
        run.Actions.Add(step.Action);
        LogAction(_logger, run.Turn.Activity.Conversation?.Id, step.Action);
        foreach (var activity in said)
        {
            run.Send(activity);
        }

        if (context.FlowEnded)
        {
            Idle(run.State);
            ClearResume(run.State);
            return true;
        }

        if (context.AnsweredElsewhere)
        {
            Idle(run.State);
            return true;
        }

        return false;
    }

    private async Task RenderAskAsync(Run run, Flow flow, AskStep ask, bool keepCount)
    {
        var state = run.State;
        var key = $"{flow.Name}/{ask.Id}";
        state.RecentAsks.Remove(key);
        state.RecentAsks.Add(key);
        if (state.RecentAsks.Count > RecentAskMemory)
        {
            state.RecentAsks.RemoveAt(0);
        }

        state.Flow = flow.Name;
        state.Step = ask.Id;
        if (!keepCount)
        {
            state.AskCount = 1;
        }

        var labels = VisibleChoices(ask, state).Select(c => c.Label.For(state.Locale)).ToList();
        run.Ask(await FillAsync(run, ask.Text.For(state.Locale)), labels);
    }

    private static List<Choice> VisibleChoices(AskStep ask, DialogState state) =>
        ask.Choices.Where(c => c.Target?.Kind != TargetKind.Resume || state.CanResume).ToList();

    private async Task<BranchRule?> FirstHoldingAsync(Run run, BranchStep branch)
    {
        foreach (var rule in branch.Rules)
        {
            if (rule.When is null || await HoldsAsync(run, rule.When))
            {
                return rule;
            }
        }

        return null;
    }

    private async Task<bool> HoldsAsync(Run run, Condition condition)
    {
        var state = run.State;
        switch (condition.Kind)
        {
            case ConditionKind.Var:
                var has = state.Vars.TryGetValue(condition.Name!, out var value);
                if (condition.IsSet is { } mustBeSet && has != mustBeSet)
                {
                    return false;
                }

                return condition.Values.Count == 0 || (has && condition.Values.Contains(value!, StringComparer.Ordinal));
            case ConditionKind.Answer:
                return state.LastAnswer is not null && condition.Values.Contains(state.LastAnswer, StringComparer.Ordinal);
            case ConditionKind.Risk:
                return condition.Values.Any(v => v switch
                {
                    "normal" => state.HighestRisk == RiskLevel.Normal,
                    "high" => state.HighestRisk >= RiskLevel.High,
                    _ => state.HighestRisk >= RiskLevel.Crisis,
                });
            case ConditionKind.Topic:
                return condition.Values.Any(state.Topics.Contains);
            case ConditionKind.Speaker:
                return state.Speaker is not null && condition.Values.Contains(state.Speaker, StringComparer.Ordinal);
            default:
                var availability = await run.AvailabilityAsync(_availability);
                return condition.Values.Any(v => v switch
                {
                    "available" => availability.AvailableNow,
                    "unavailable" => !availability.AvailableNow,
                    "out-of-hours" => !availability.InHours,
                    _ => availability.InHours && !availability.AvailableNow, // nobody-online
                });
        }
    }

    private static void SetVariables(DialogState state, IReadOnlyDictionary<string, string?> values)
    {
        foreach (var (name, value) in values)
        {
            if (value is null)
            {
                state.Vars.Remove(name);
            }
            else
            {
                state.Vars[name] = value;
            }
        }
    }

    private static void Idle(DialogState state)
    {
        state.Flow = state.Step = null;
        state.AskCount = 0;
    }

    private bool TryFind(string flowName, string stepId, out Flow flow, out int index)
    {
        if (Content.Flows.TryGetValue(flowName, out flow!))
        {
            index = flow.IndexOf(stepId);
            return index >= 0;
        }

        index = -1;
        return false;
    }

    /// <summary>Fills <c>{privacy-url}</c>, <c>{counsellor-hours}</c> and <c>{counsellors-next}</c>.</summary>
    private async Task<string> FillAsync(Run run, string text)
    {
        if (!text.Contains('{', StringComparison.Ordinal))
        {
            return text;
        }

        var locale = run.State.Locale;
        text = text.Replace("{privacy-url}", _options.PrivacyNoticeUrl, StringComparison.Ordinal);
        if (text.Contains("{counsellor", StringComparison.Ordinal))
        {
            var availability = await run.AvailabilityAsync(_availability);
            // No hours limit is not "24 hours a day": counsellors are there when one is signed in, and never promised otherwise.
            var hours = availability.Hours.IsAlways
                ? Content.Texts.Get("counsellor-hours-unlimited", locale)
                : HoursText.Schedule(availability.Hours, locale, availability.ClosedOnHolidays);
            text = text.Replace("{counsellor-hours}", hours, StringComparison.Ordinal);
            var next = availability.NextAvailableAt is { } at
                ? HoursText.Moment(TimeZoneInfo.ConvertTime(at, run.Zone).DateTime, run.LocalNow, locale)
                : Content.Texts.Get("counsellors-next-unknown", locale);
            text = text.Replace("{counsellors-next}", next, StringComparison.Ordinal);
        }

        return text;
    }

    [LoggerMessage(EventId = 1110, Level = LogLevel.Information, Message = "Risk raised to {Risk} in conversation {ConversationId}")]
    private static partial void LogRiskRaised(ILogger logger, string? conversationId, RiskLevel risk);

    [LoggerMessage(EventId = 1111, Level = LogLevel.Debug, Message = "Flow {Flow} interrupts conversation {ConversationId}")]
    private static partial void LogInterrupted(ILogger logger, string? conversationId, string flow);

    [LoggerMessage(EventId = 1112, Level = LogLevel.Debug, Message = "Conversation {ConversationId} resumes flow {Flow}")]
    private static partial void LogResumed(ILogger logger, string? conversationId, string flow);

    [LoggerMessage(EventId = 1113, Level = LogLevel.Debug, Message = "Action {Action} ran in conversation {ConversationId}")]
    private static partial void LogAction(ILogger logger, string? conversationId, string action);

    [LoggerMessage(EventId = 1114, Level = LogLevel.Information, Message = "Question {Flow}/{Step} not understood twice in conversation {ConversationId}; moving on")]
    private static partial void LogMovedOn(ILogger logger, string? conversationId, string flow, string step);

    [LoggerMessage(EventId = 1115, Level = LogLevel.Warning, Message = "Conversation {ConversationId} waited at {Flow}/{Step}, which the content no longer has; back to the menu")]
    private static partial void LogLostPlace(ILogger logger, string? conversationId, string? flow, string? step);

    [LoggerMessage(EventId = 1116, Level = LogLevel.Error, Message = "Flow {Flow} ran too many steps without asking in conversation {ConversationId}; stopped")]
    private static partial void LogRunaway(ILogger logger, string? conversationId, string flow);

    /// <summary>One turn's work in progress: the replies, the actions run, the clock.</summary>
    private sealed class Run(ITurnContext turn, DialogState state, TextMatcher matcher, DateTimeOffset now, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        private readonly List<Activity> _replies = [];
        private CounsellorAvailability? _availability;

        public ITurnContext Turn { get; } = turn;

        public DialogState State { get; } = state;

        public TextMatcher Matcher { get; } = matcher;

        public DateTimeOffset Now { get; } = now;

        public TimeZoneInfo Zone { get; } = zone;

        public DateTime LocalNow => TimeZoneInfo.ConvertTime(Now, Zone).DateTime;

        public CancellationToken CancellationToken { get; } = cancellationToken;

        public List<string> Actions { get; } = [];

        public int Steps { get; set; }

        /// <summary>The municipality whose counsellors serve this conversation, if it came through a municipality's channel.</summary>
        public string? Team { get; init; }

        public async ValueTask<CounsellorAvailability> AvailabilityAsync(ICounsellorAvailability availability) =>
            _availability ??= await availability.CheckAsync(Team, CancellationToken);

        public void Say(string text) => _replies.Add(Stamp(MessageFactory.Text(text)));

        public void Send(Activity activity)
        {
            activity.Locale ??= State.Locale;
            activity.TextFormat ??= TextFormatTypes.Markdown;
            _replies.Add(activity);
        }

        public void Ask(string text, IReadOnlyList<string> choices) =>
            _replies.Add(Stamp(choices.Count == 0 ? MessageFactory.Text(text) : MessageFactory.SuggestedActions(choices, text, ssml: null, inputHint: null)));

        public DialogTurn Result() => new(_replies, Actions);

        private Activity Stamp(IMessageActivity activity)
        {
            activity.Locale = State.Locale;
            activity.TextFormat = TextFormatTypes.Markdown;
            return (Activity)activity;
        }
    }
}

/// <summary>Runs the flows for one turn; the bot loads the state before and saves it after.</summary>
public interface IDialogEngine
{
    /// <summary>A person opened the chat: the welcome, once per conversation.</summary>
    Task<DialogTurn> UserJoinedAsync(ITurnContext turn, DialogState state, CancellationToken cancellationToken);

    /// <summary>A message from the person, already triaged.</summary>
    Task<DialogTurn> MessageAsync(ITurnContext turn, DialogState state, string? text, TriageResult triage, CancellationToken cancellationToken);
}

/// <summary>What a turn produced: the replies to send (after the state is saved) and the actions that ran.</summary>
public sealed record DialogTurn(IReadOnlyList<Activity> Replies, IReadOnlyList<string> Actions);
