using System.Globalization;
using ChatBot.Core.Assistance;
using ChatBot.Core.Bot;
using ChatBot.Core.Conversations;
using ChatBot.Core.Dialogs;
using ChatBot.Core.Privacy;
using ChatBot.Core.Retention;
using ChatBot.Core.Triage;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Newtonsoft.Json.Linq;

namespace ChatBot.Core.Handoff;

/// <summary>What the dialog engine calls for its <c>handoff</c> action.</summary>
public interface IHandoffService
{
    /// <summary>
    /// Tells the person what a counsellor would see, who the counsellors are and how long the wait is, and
    /// asks 「つないでほしい」 / 「要約だけ共有してつなぐ」 / 「まだいい」. Nothing is shared until they answer yes;
    /// the answer is handled by <see cref="HandoffMiddleware"/> on their next message.
    /// </summary>
    Task OfferAsync(ITurnContext turnContext, HandoffRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// The same offer, returned instead of sent, for a caller that sends its replies together and in order
    /// (the dialog engine): the pending offer is stored, and the activity is the consent question with its
    /// three choices — or, when the conversation is already waiting or with a counsellor, a note saying so.
    /// </summary>
    Task<Activity> PrepareOfferAsync(ITurnContext turnContext, HandoffRequest request, CancellationToken cancellationToken);
}

/// <summary>
/// The person's side of the handoff, inside their turns: the consent offer and answer, the
/// <c>handoff.initiate</c> event, our agent hub taking that event into the queue, waiting, cancelling and ending.
/// </summary>
internal sealed partial class HandoffService(
    HandoffStore store,
    HandoffTexts texts,
    HandoffAvailability availability,
    IConversationLog log,
    HandoffNotifications notifications,
    HandoffStatusOutbox outbox,
    IAuditLog audit,
    IEnumerable<ITriage> triages,
    IEnumerable<IRedactor> redactors,
    IEnumerable<IPrivacyNotice> privacyNotices,
    IDialogContentProvider content,
    IHandoffSummarizer summarizer,
    ExcerptHandoffSummary excerpts,
    IOptions<HandoffOptions> options,
    TimeProvider time,
    ILogger<HandoffService> logger) : IHandoffService
{
    /// <summary>The person, as an actor in the audit log (never an id that could identify them).</summary>
    public const string PersonActor = "resident";

    public async Task OfferAsync(ITurnContext turnContext, HandoffRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        await turnContext.SendActivityAsync(await PrepareOfferAsync(turnContext, request, cancellationToken), cancellationToken);
    }

    public Task<Activity> PrepareOfferAsync(ITurnContext turnContext, HandoffRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        return PrepareOfferAsync(turnContext, request, turnContext.Activity.Locale, cancellationToken);
    }

    /// <summary>The offer in <paramref name="locale"/> (the language the person chose in the dialogs, which may differ from the channel's).</summary>
    internal async Task<Activity> PrepareOfferAsync(ITurnContext turnContext, HandoffRequest request, string? locale, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(request);
        var conversationId = turnContext.Activity.Conversation.Id;
        var set = texts.For(locale);
        var open = await store.GetOpenAsync(conversationId, cancellationToken);
        if (open is not null)
        {
            return await OpenMessageAsync(open, set, cancellationToken);
        }

        await store.SetOfferAsync(conversationId, set.Locale, request, time.GetUtcNow(), cancellationToken);
        var team = content.Current.Resources.TeamOf(turnContext.Activity);
        var waiting = await store.WaitingAsync(cancellationToken);
        var now = await availability.GetAsync(await store.ActiveAsync(null, cancellationToken), team, cancellationToken);
        var position = waiting.Count(e => e.Risk >= request.Risk && SameTeam(e, team)) + 1;
        var wait = now.Available
            ? HandoffTexts.Fill(set.Consent.WaitEstimate, ("estimate", HandoffAvailability.Describe(set, availability.EstimateMinutes(now, position))))
            : set.Consent.WaitNobody;
        var notice = HandoffTexts.Fill(set.Consent.Notice, ("wait", wait));
        LogOffered(logger, conversationId, HandoffWire.Risk(request.Risk), now.Available);
        return Message(MessageFactory.SuggestedActions([set.Consent.Accept, set.Consent.SummaryOnly, set.Consent.Decline], notice, ssml: null, inputHint: null), set);
    }

    /// <summary>The person asked for a counsellor by phrase or menu button: offer, with what is known so far.</summary>
    public async Task OfferFromConversationAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var request = await BuildRequestAsync(turnContext.Activity.Conversation.Id, turnContext.Activity.Locale, turnContext.Activity.Id, cancellationToken);
        await OfferAsync(turnContext, request, cancellationToken);
    }

    /// <summary>
    /// The answer to a pending consent question. Returns false when the text is no answer (the offer then
    /// lapses and the message goes on to the bot).
    /// </summary>
    public async Task<bool> AnswerOfferAsync(ITurnContext turnContext, (HandoffRequest Request, string Locale) offer, CancellationToken cancellationToken)
    {
        var conversationId = turnContext.Activity.Conversation.Id;
        var answer = texts.MatchConsent(turnContext.Activity.Text);
        // The offer is consumed by whatever comes next: a consent is given to one question, once.
        var consumed = await store.RemoveOfferAsync(conversationId, cancellationToken);
        var set = texts.For(offer.Locale);
        switch (answer)
        {
            case ConsentAnswer.None:
                LogOfferLapsed(logger, conversationId);
                return false;
            case ConsentAnswer.Decline:
                await turnContext.SendActivityAsync(MessageFactory.Text(set.Consent.Declined), cancellationToken);
                LogDeclined(logger, conversationId);
                return true;
        }

        if (!consumed)
        {
            return true; // Answered twice at once; the first answer already started the handoff.
        }

        var scope = answer == ConsentAnswer.SummaryOnly ? ShareScope.SummaryOnly : ShareScope.Full;
        var summary = await SummaryForCounsellorAsync(conversationId, set.Locale, offer.Request, turnContext.Activity.Id, cancellationToken);
        var context = new HandoffContext
        {
            ConversationId = conversationId,
            ChannelId = turnContext.Activity.ChannelId,
            Locale = set.Locale,
            Risk = HandoffWire.Risk(offer.Request.Risk),
            Speaker = HandoffWire.Speaker(offer.Request.Speaker),
            Summary = summary,
            Consent = new HandoffConsent
            {
                Scope = HandoffWire.Scope(scope),
                NoticeVersion = NoticeVersion,
                GivenAt = time.GetUtcNow(),
            },
        };
        foreach (var topic in offer.Request.Topics)
        {
            context.Topics.Add(HandoffWire.Topic(topic));
        }

        var transcript = scope == ShareScope.Full ? await BuildTranscriptAsync(conversationId, set.Locale, cancellationToken) : null;
        await turnContext.SendActivityAsync(EventFactory.CreateHandoffInitiation(turnContext, context, transcript), cancellationToken);
        return true;
    }

    /// <summary>
    /// Our agent hub receiving <c>handoff.initiate</c>: the conversation enters the queue with its consent,
    /// the person is told their place (or, with nobody on duty, that their message is kept, with the crisis
    /// lines), and the console hears of it — every online counsellor at once for a crisis.
    /// </summary>
    public async Task AcceptInitiationAsync(ITurnContext turnContext, Activity initiation, CancellationToken cancellationToken)
    {
        var context = (initiation.Value as JObject)?.ToObject<HandoffContext>();
        var conversationId = string.IsNullOrEmpty(context?.ConversationId) ? initiation.Conversation?.Id : context.ConversationId;
        if (context is null || string.IsNullOrEmpty(conversationId))
        {
            LogBadInitiation(logger, turnContext.Activity.Conversation?.Id);
            return;
        }

        var set = texts.For(context.Locale);
        var request = new HandoffRequest(HandoffWire.ParseRisk(context.Risk), HandoffWire.ParseSpeaker(context.Speaker), HandoffWire.ParseTopics(context.Topics), context.Summary ?? string.Empty);
        var scope = HandoffWire.ParseScope(context.Consent.Scope);
        var team = content.Current.Resources.TeamOf(turnContext.Activity);
        var now = await availability.GetAsync(await store.ActiveAsync(null, cancellationToken), team, cancellationToken);
        var channelId = string.IsNullOrEmpty(context.ChannelId) ? turnContext.Activity.ChannelId : context.ChannelId;
        var (entry, created) = await store.EnqueueAsync(
            new NewHandoff(conversationId, channelId, set.Locale, request, scope, LeftMessage: !now.Available, context.Consent.NoticeVersion, context.Consent.GivenAt, team),
            time.GetUtcNow(),
            cancellationToken);
        if (!created)
        {
            await TellOpenAsync(turnContext, entry, set, cancellationToken);
            return;
        }

        await audit.WriteAsync(PersonActor, "handoff.consented", conversationId, $"scope={HandoffWire.Scope(scope)};notice={context.Consent.NoticeVersion}", cancellationToken);
        var position = await PositionAsync(entry, cancellationToken);
        var text = now.Available
            ? HandoffTexts.Fill(set.Queue.Queued, ("position", Number(position)), ("estimate", HandoffAvailability.Describe(set, availability.EstimateMinutes(now, position))))
            : HandoffTexts.Fill(set.Queue.LeftMessage, ("crisis", set.Crisis));
        await turnContext.SendActivityAsync(MessageFactory.SuggestedActions([set.Queue.Cancel], text, ssml: null, inputHint: null), cancellationToken);
        LogQueued(logger, conversationId, HandoffWire.Risk(entry.Risk), position, entry.LeftMessage);

        await notifications.QueueChangedAsync(cancellationToken);
        if (entry.Risk == RiskLevel.Crisis)
        {
            await notifications.CrisisAsync(ToItem(entry, position, null), cancellationToken);
        }
    }

    /// <summary>
    /// A message from the person while their conversation is handed off: it goes to the console; while
    /// waiting they get a short acknowledgement now and then (never more often than the reassurance interval).
    /// A crisis raises the entry to the top of the queue and alerts everyone.
    /// </summary>
    public async Task RelayFromPersonAsync(ITurnContext turnContext, HandoffEntry entry, RiskLevel risk, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        var now = time.GetUtcNow();
        await store.TouchAsync(entry.Id, now, cancellationToken);
        var raised = risk > entry.Risk && await store.RaiseRiskAsync(entry.Id, risk, cancellationToken);
        var effectiveRisk = raised ? risk : entry.Risk;
        await notifications.MessageAsync(
            new RelayedMessage(entry.ConversationId, activity.Id, "person", null, activity.Text ?? string.Empty, activity.Timestamp ?? now, HandoffWire.Risk(risk), entry.Team),
            entry.ClaimedBy,
            cancellationToken);
        LogRelayed(logger, entry.ConversationId, HandoffWire.State(entry.State));

        if (raised)
        {
            var updated = entry with { Risk = effectiveRisk };
            await notifications.QueueChangedAsync(cancellationToken);
            if (effectiveRisk == RiskLevel.Crisis)
            {
                await notifications.CrisisAsync(ToItem(updated, entry.State == HandoffState.Waiting ? await PositionAsync(updated, cancellationToken) : null, null), cancellationToken);
            }
        }

        if (entry.State == HandoffState.Waiting && risk != RiskLevel.Crisis
            && (entry.LastReassuredAt is null || now - entry.LastReassuredAt >= options.Value.ReassuranceInterval)
            && await store.MarkReassuredAsync(entry.Id, entry.LastReassuredAt, now, cancellationToken))
        {
            var set = texts.For(entry.Locale);
            await turnContext.SendActivityAsync(MessageFactory.SuggestedActions([set.Queue.Cancel], set.Queue.WaitingAck, ssml: null, inputHint: null), cancellationToken);
        }
    }

    /// <summary>The person stops waiting (Cancel) or ends the conversation with the counsellor.</summary>
    public async Task PersonEndsAsync(ITurnContext? turnContext, HandoffEntry entry, CancellationToken cancellationToken)
    {
        var waiting = entry.State == HandoffState.Waiting;
        var ended = await store.EndAsync(entry.Id, entry.State, waiting ? HandoffState.Cancelled : HandoffState.Ended, PersonActor, holder: null, time.GetUtcNow(), cancellationToken);
        if (!ended)
        {
            return;
        }

        await audit.WriteAsync(PersonActor, waiting ? "handoff.cancelled" : "handoff.ended", entry.ConversationId, null, cancellationToken);
        if (turnContext is not null)
        {
            var set = texts.For(entry.Locale);
            await turnContext.SendActivityAsync(MessageFactory.Text(waiting ? set.Queue.Cancelled : set.Counsellor.Ended), cancellationToken);
        }

        outbox.Post(entry.ConversationId, waiting ? HandoffStates.Failed : HandoffStates.Completed, waiting ? "The person stopped waiting." : "The person ended the conversation.");
        await notifications.QueueChangedAsync(cancellationToken);
        await notifications.ConversationChangedAsync(entry.ConversationId, waiting ? "cancelled" : "ended", null, entry.ClaimedBy, cancellationToken);
        LogPersonEnded(logger, entry.ConversationId, waiting);
    }

    public async Task TellOpenAsync(ITurnContext turnContext, HandoffEntry entry, HandoffTextSet set, CancellationToken cancellationToken) =>
        await turnContext.SendActivityAsync(await OpenMessageAsync(entry, set, cancellationToken), cancellationToken);

    /// <summary>"You are already with a counsellor" or "you are already waiting, number N".</summary>
    private async Task<Activity> OpenMessageAsync(HandoffEntry entry, HandoffTextSet set, CancellationToken cancellationToken)
    {
        if (entry.State == HandoffState.Active)
        {
            return Message(MessageFactory.Text(set.Counsellor.AlreadyConnected), set);
        }

        var position = await PositionAsync(entry, cancellationToken);
        return Message(MessageFactory.SuggestedActions([set.Queue.Cancel], HandoffTexts.Fill(set.Queue.AlreadyWaiting, ("position", Number(position))), ssml: null, inputHint: null), set);
    }

    private static Activity Message(IMessageActivity message, HandoffTextSet set)
    {
        message.Locale ??= set.Locale;
        return (Activity)message;
    }

    /// <summary>1-based place of a waiting entry in the queue order.</summary>
    /// <summary>The place in the queue of the entry's own team (another municipality's queue does not hold anyone up).</summary>
    public async Task<int> PositionAsync(HandoffEntry entry, CancellationToken cancellationToken)
    {
        var waiting = (await store.WaitingAsync(cancellationToken)).Where(e => SameTeam(e, entry.Team)).ToList();
        var index = waiting.FindIndex(e => e.Id == entry.Id);
        return index < 0 ? waiting.Count + 1 : index + 1;
    }

    private static bool SameTeam(HandoffEntry entry, string? team) => entry.Team is null || team is null || entry.Team == team;

    /// <summary>
    /// Which wording the person agreed to: the privacy notice's version and the version of the handoff
    /// consent text (<see cref="HandoffOptions.NoticeVersion"/>), e.g. <c>2026-11-28/handoff-consent-2026-11</c>.
    /// </summary>
    public string NoticeVersion => privacyNotices.LastOrDefault() is { } privacy
        ? privacy.Version + "/" + options.Value.NoticeVersion
        : options.Value.NoticeVersion;

    public RiskLevel Classify(string? text)
    {
        var triage = triages.LastOrDefault();
        return triage is null || string.IsNullOrWhiteSpace(text) ? RiskLevel.Normal : triage.Classify(text).Risk;
    }

    public static QueueItem ToItem(HandoffEntry entry, int? position, string? claimedByName) => new(
        entry.ConversationId,
        HandoffWire.Risk(entry.Risk),
        entry.WaitingSince,
        HandoffWire.Speaker(entry.Speaker),
        [.. entry.Topics.Select(HandoffWire.Topic)],
        QueueItem.FirstLines(entry.Summary),
        HandoffWire.State(entry.State),
        position,
        entry.LeftMessage,
        claimedByName,
        entry.Locale,
        HandoffWire.Scope(entry.Scope),
        entry.Team);

    /// <summary>
    /// What is known when the person asks by phrase: the highest risk, latest speaker and every topic triage
    /// found in their messages, and the summary of <see cref="IHandoffSummarizer"/> (their last few messages,
    /// redacted and shortened; an AI summary of the redacted messages when AI is configured).
    /// </summary>
    internal async Task<HandoffRequest> BuildRequestAsync(string conversationId, string? locale, string? excludeActivityId, CancellationToken cancellationToken)
    {
        var said = (await PersonMessagesAsync(conversationId, cancellationToken))
            .Where(a => a.Id != excludeActivityId && !texts.IsRequest(a.Text))
            .ToList();
        var triage = triages.LastOrDefault();
        var risk = RiskLevel.Normal;
        var speaker = Speaker.Unknown;
        var topics = new List<Topic>();
        foreach (var activity in said)
        {
            if (triage is null)
            {
                break;
            }

            var result = triage.Classify(activity.Text);
            risk = result.Risk > risk ? result.Risk : risk;
            speaker = result.Speaker != Speaker.Unknown ? result.Speaker : speaker;
            topics.AddRange(result.Topics.Where(t => !topics.Contains(t)));
        }

        // Before consent nothing leaves the process: the offer keeps the local excerpts; the summary the
        // counsellor reads (an AI's, when configured) is written once the person has said yes.
        var summary = await excerpts.SummarizeAsync(
            new HandoffSummaryInput(conversationId, locale, [.. said.Select(a => a.Text)], risk, speaker, topics),
            cancellationToken);
        return new HandoffRequest(risk, speaker, topics, summary);
    }

    /// <summary>
    /// The summary for the counsellor, written after consent: without AI, the one the offer carried (the excerpts,
    /// or the caller's own); with AI, the model's summary of the conversation so far.
    /// </summary>
    private async Task<string> SummaryForCounsellorAsync(string conversationId, string locale, HandoffRequest request, string? excludeActivityId, CancellationToken cancellationToken)
    {
        if (ReferenceEquals(summarizer, excerpts))
        {
            return request.Summary;
        }

        var said = (await PersonMessagesAsync(conversationId, cancellationToken))
            .Where(a => a.Id != excludeActivityId && !texts.IsRequest(a.Text) && texts.MatchConsent(a.Text) == ConsentAnswer.None)
            .Select(a => a.Text)
            .ToList();
        if (said.Count == 0)
        {
            return request.Summary;
        }

        return await summarizer.SummarizeAsync(new HandoffSummaryInput(conversationId, locale, said, request.Risk, request.Speaker, request.Topics), cancellationToken);
    }

    /// <summary>The conversation so far, redacted, for the transcript attachment of <c>handoff.initiate</c>.</summary>
    private async Task<Transcript> BuildTranscriptAsync(string conversationId, string locale, CancellationToken cancellationToken)
    {
        var activities = new List<Activity>();
        foreach (var logged in await log.ReadAfterAsync(conversationId, 0, 1000, cancellationToken))
        {
            var activity = logged.Activity;
            if (activity.Type != ActivityTypes.Message || string.IsNullOrEmpty(activity.Text))
            {
                continue;
            }

            activities.Add(new Activity(ActivityTypes.Message)
            {
                Id = activity.Id,
                Timestamp = activity.Timestamp,
                From = new ChannelAccount(role: activity.From?.Role, name: activity.From?.Role == RoleTypes.User ? null : activity.From?.Name),
                Text = await RedactAsync(activity.Text, locale, cancellationToken),
            });
        }

        return new Transcript(activities);
    }

    private async Task<List<Activity>> PersonMessagesAsync(string conversationId, CancellationToken cancellationToken) =>
        [.. (await log.ReadAfterAsync(conversationId, 0, 1000, cancellationToken))
            .Select(l => l.Activity)
            .Where(a => a.Type == ActivityTypes.Message && a.From?.Role == RoleTypes.User && !string.IsNullOrWhiteSpace(a.Text))];

    private async Task<string> RedactAsync(string text, string? locale, CancellationToken cancellationToken)
    {
        var redactor = redactors.LastOrDefault();
        return redactor is null ? text : (await redactor.RedactAsync(text, locale, cancellationToken)).Text;
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    [LoggerMessage(EventId = 4000, Level = LogLevel.Information, Message = "Handoff offered in conversation {ConversationId} (risk {Risk}, available {Available})")]
    private static partial void LogOffered(ILogger logger, string conversationId, string risk, bool available);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Handoff declined in conversation {ConversationId}")]
    private static partial void LogDeclined(ILogger logger, string conversationId);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Debug, Message = "Handoff offer lapsed in conversation {ConversationId}: the next message was no answer")]
    private static partial void LogOfferLapsed(ILogger logger, string conversationId);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information, Message = "Conversation {ConversationId} queued for a counsellor (risk {Risk}, position {Position}, left a message {LeftMessage})")]
    private static partial void LogQueued(ILogger logger, string conversationId, string risk, int position, bool leftMessage);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Warning, Message = "A handoff.initiate without a usable context in conversation {ConversationId} was ignored")]
    private static partial void LogBadInitiation(ILogger logger, string? conversationId);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Debug, Message = "Person's message relayed to the console in conversation {ConversationId} ({State})")]
    private static partial void LogRelayed(ILogger logger, string conversationId, string state);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Information, Message = "Person left the handoff in conversation {ConversationId} (while waiting {Waiting})")]
    private static partial void LogPersonEnded(ILogger logger, string conversationId, bool waiting);
}
