using ChatBot.Core.Conversations;
using ChatBot.Core.Counsellors;
using ChatBot.Core.Dialogs;
using ChatBot.Core.Privacy;
using ChatBot.Core.Resources;
using ChatBot.Core.Retention;
using ChatBot.Core.Triage;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Newtonsoft.Json.Linq;

namespace ChatBot.Core.Handoff;

/// <summary>How a console action went; the console API maps it to an HTTP status.</summary>
public enum DeskOutcome
{
    /// <summary>Done (200).</summary>
    Ok,

    /// <summary>No such conversation in the queue (404).</summary>
    NotFound,

    /// <summary>Another counsellor holds it (409).</summary>
    HeldByAnother,

    /// <summary>The handoff is over or not in a state for this action (409).</summary>
    NotOpen,

    /// <summary>The request itself is wrong: empty text, unknown counsellor to transfer to (400).</summary>
    Invalid,

    /// <summary>The role does not allow it (403).</summary>
    Forbidden,
}

public sealed record DeskResult<T>(DeskOutcome Outcome, T? Value, string? Error)
{
    public static DeskResult<T> Ok(T value) => new(DeskOutcome.Ok, value, null);

    public static DeskResult<T> Fail(DeskOutcome outcome, string error) => new(outcome, default, error);
}

/// <summary>
/// A conversation as a counsellor opens it: the entry, consent, triage history, transcript and notes, and how
/// many messages to the person the channel could not deliver (LINE pushes refused or failing).
/// </summary>
public sealed record ConversationView(
    QueueItem Entry,
    ConsentView? Consent,
    IReadOnlyList<TriageView> Triage,
    IReadOnlyList<TranscriptLine> Transcript,
    IReadOnlyList<CounsellorNote> Notes,
    bool HeldByYou,
    int Undelivered = 0);

/// <summary>A window of the catalog as the console offers it: <see cref="Message"/> is what the person would receive.</summary>
public sealed record ResourceChoice(string Id, string Name, string? Area, IReadOnlyList<string> Needs, bool Matches, bool Sample, string Message);

public sealed record ConsentView(string Scope, string NoticeVersion, DateTimeOffset GivenAt);

/// <summary>
/// Triage of one of the person's messages: when, how urgent, which topics, and what raised it (never the text
/// here): <see cref="Signals"/> are the rule ids that counted (<c>ja.plan.end-time</c>, <c>examples.similar</c>),
/// <see cref="Tentative"/> is true when only the resemblance to the labeled examples raised it.
/// </summary>
public sealed record TriageView(DateTimeOffset At, string Risk, string Speaker, IReadOnlyList<string> Topics, IReadOnlyList<string> Signals, bool Tentative)
{
    public static TriageView Of(DateTimeOffset at, TriageResult result) => new(
        at,
        HandoffWire.Risk(result.Risk),
        HandoffWire.Speaker(result.Speaker),
        [.. result.Topics.Select(HandoffWire.Topic)],
        result.Signals,
        result.Tentative);
}

/// <summary>One line of the transcript. <c>From</c>: person, bot or counsellor.</summary>
public sealed record TranscriptLine(string? Id, string From, string? Name, string Text, DateTimeOffset At);

/// <summary>Today's figures for supervisors.</summary>
public sealed record TodayFigures(int Waiting, int Active, double? MedianWaitSeconds, IReadOnlyDictionary<string, int> WaitingByRisk, int HandedOffToday, int CounsellorsOnline);

/// <summary>What counsellors do from the console. Every view and action is written to the audit log.</summary>
public interface ICounsellorDesk
{
    Task<IReadOnlyList<QueueItem>> QueueAsync(CancellationToken cancellationToken);

    /// <summary>The queue as <paramref name="viewer"/> works it: only the municipalities they serve (see <see cref="Counsellor.Serves"/>).</summary>
    Task<IReadOnlyList<QueueItem>> QueueAsync(Counsellor viewer, CancellationToken cancellationToken);

    /// <summary>Active conversations: the counsellor's own, or every one for a supervisor.</summary>
    Task<IReadOnlyList<QueueItem>> ActiveAsync(Counsellor viewer, CancellationToken cancellationToken);

    Task<DeskResult<ConversationView>> ViewAsync(string conversationId, Counsellor viewer, CancellationToken cancellationToken);

    Task<DeskResult<ConversationView>> ClaimAsync(string conversationId, Counsellor counsellor, CancellationToken cancellationToken);

    Task<DeskResult<TranscriptLine>> SendAsync(string conversationId, Counsellor counsellor, string text, CancellationToken cancellationToken);

    /// <summary>
    /// The catalog's windows a counsellor can send into this conversation, those matching what the person talked
    /// about (triage topics) first, each with the exact message the person would see in their language.
    /// </summary>
    Task<DeskResult<IReadOnlyList<ResourceChoice>>> ResourcesAsync(string conversationId, Counsellor counsellor, CancellationToken cancellationToken);

    /// <summary>Sends a window of the catalog (name, what it offers, hours, tappable phone number) as the counsellor's message.</summary>
    Task<DeskResult<TranscriptLine>> SendResourceAsync(string conversationId, Counsellor counsellor, string resourceId, CancellationToken cancellationToken);

    Task<DeskResult<bool>> TypingAsync(string conversationId, Counsellor counsellor, CancellationToken cancellationToken);

    Task<DeskResult<CounsellorNote>> AddNoteAsync(string conversationId, Counsellor counsellor, string text, CancellationToken cancellationToken);

    Task<DeskResult<QueueItem>> TransferAsync(string conversationId, Counsellor counsellor, string toUsername, CancellationToken cancellationToken);

    /// <summary>Back to the bot.</summary>
    Task<DeskResult<QueueItem>> ReleaseAsync(string conversationId, Counsellor counsellor, CancellationToken cancellationToken);

    Task<DeskResult<QueueItem>> CloseAsync(string conversationId, Counsellor counsellor, string? closingMessage, CancellationToken cancellationToken);

    Task<DeskResult<TodayFigures>> TodayAsync(Counsellor viewer, CancellationToken cancellationToken);

    Task<IReadOnlyList<Counsellor>> OnlineAsync(CancellationToken cancellationToken);
}

internal sealed partial class CounsellorDesk(
    HandoffStore store,
    HandoffService service,
    HandoffTexts texts,
    ICounsellorDirectory directory,
    ICounsellorPresence presence,
    IConversationLog log,
    IConversationMessenger messenger,
    HandoffNotifications notifications,
    HandoffStatusOutbox outbox,
    IAuditLog audit,
    IEnumerable<ITriage> triages,
    IEnumerable<IRedactor> redactors,
    IEnumerable<IDeliveryReport> deliveries,
    IDialogContentProvider content,
    IOptions<HandoffOptions> options,
    IOptions<OfficeHoursOptions> hours,
    TimeProvider time,
    ILogger<CounsellorDesk> logger) : ICounsellorDesk
{
    /// <summary>Actions on one conversation run one at a time, so a message never lands after a close it raced with.</summary>
    // Its own instance: the desk sends through the channel adapters, which take their own conversation locks.
    private readonly ConversationLocks _locks = new();

    public async Task<IReadOnlyList<QueueItem>> QueueAsync(CancellationToken cancellationToken)
    {
        var waiting = await store.WaitingAsync(cancellationToken);
        return [.. waiting.Select((e, i) => HandoffService.ToItem(e, i + 1, null))];
    }

    public async Task<IReadOnlyList<QueueItem>> QueueAsync(Counsellor viewer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var waiting = await store.WaitingAsync(cancellationToken);
        return [.. waiting.Where(e => viewer.Serves(e.Team)).Select((e, i) => HandoffService.ToItem(e, i + 1, null))];
    }

    public async Task<IReadOnlyList<QueueItem>> ActiveAsync(Counsellor viewer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var active = await store.ActiveAsync(viewer.IsSupervisor ? null : viewer.Id, cancellationToken);
        var items = new List<QueueItem>();
        foreach (var entry in active)
        {
            items.Add(HandoffService.ToItem(entry, null, await NameOfAsync(entry.ClaimedBy, cancellationToken)));
        }

        return items;
    }

    public async Task<DeskResult<ConversationView>> ViewAsync(string conversationId, Counsellor viewer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var entry = await store.GetLatestAsync(conversationId, cancellationToken);
        if (entry is null)
        {
            return DeskResult<ConversationView>.Fail(DeskOutcome.NotFound, "No such conversation in the queue.");
        }

        if (!viewer.Serves(entry.Team))
        {
            return DeskResult<ConversationView>.Fail(DeskOutcome.Forbidden, "This conversation belongs to another municipality's team.");
        }

        if (entry.State == HandoffState.Active && entry.ClaimedBy != viewer.Id && !viewer.IsSupervisor)
        {
            return DeskResult<ConversationView>.Fail(DeskOutcome.HeldByAnother, "Another counsellor holds this conversation.");
        }

        await audit.WriteAsync(viewer.Actor, "conversation.viewed", conversationId, null, cancellationToken);
        return DeskResult<ConversationView>.Ok(await BuildViewAsync(entry, viewer, cancellationToken));
    }

    public async Task<DeskResult<ConversationView>> ClaimAsync(string conversationId, Counsellor counsellor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(counsellor);
        using var turn = await _locks.AcquireAsync(conversationId, cancellationToken);
        // An entry's municipality never changes, so checking it before the atomic claim is safe.
        if (await store.GetOpenAsync(conversationId, cancellationToken) is { } open && !counsellor.Serves(open.Team))
        {
            return DeskResult<ConversationView>.Fail(DeskOutcome.Forbidden, "This conversation belongs to another municipality's team.");
        }

        var (outcome, entry) = await store.ClaimAsync(conversationId, counsellor.Id, time.GetUtcNow(), cancellationToken);
        switch (outcome)
        {
            case ClaimOutcome.NotFound:
                return DeskResult<ConversationView>.Fail(DeskOutcome.NotFound, "No such conversation in the queue.");
            case ClaimOutcome.NotOpen:
                return DeskResult<ConversationView>.Fail(DeskOutcome.NotOpen, $"This conversation's handoff is {HandoffWire.State(entry!.State)}.");
            case ClaimOutcome.HeldByAnother:
                return DeskResult<ConversationView>.Fail(DeskOutcome.HeldByAnother, "Another counsellor has already taken this conversation.");
            case ClaimOutcome.AlreadyYours:
                return DeskResult<ConversationView>.Ok(await BuildViewAsync(entry!, counsellor, cancellationToken));
        }

        await audit.WriteAsync(counsellor.Actor, "handoff.claimed", conversationId, null, cancellationToken);
        LogClaimed(logger, conversationId, counsellor.Id);
        var set = texts.For(entry!.Locale);
        await TellPersonAsync(entry, HandoffTexts.Fill(set.Counsellor.Joined, ("name", counsellor.DisplayName)), cancellationToken);
        outbox.Post(conversationId, HandoffStates.Accepted, null);
        await notifications.QueueChangedAsync(cancellationToken);
        await notifications.ConversationChangedAsync(conversationId, "active", counsellor.Id, null, cancellationToken);
        return DeskResult<ConversationView>.Ok(await BuildViewAsync(entry, counsellor, cancellationToken));
    }

    public async Task<DeskResult<TranscriptLine>> SendAsync(string conversationId, Counsellor counsellor, string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(counsellor);
        var invalid = CheckText(text);
        if (invalid is not null)
        {
            return DeskResult<TranscriptLine>.Fail(DeskOutcome.Invalid, invalid);
        }

        using var turn = await _locks.AcquireAsync(conversationId, cancellationToken);
        var (entry, failure) = await HeldAsync<TranscriptLine>(conversationId, counsellor, cancellationToken);
        if (entry is null)
        {
            return failure!;
        }

        return await SendAsCounsellorAsync(entry, counsellor, text.Trim(), "handoff.message.sent", null, cancellationToken);
    }

    public async Task<DeskResult<IReadOnlyList<ResourceChoice>>> ResourcesAsync(string conversationId, Counsellor counsellor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(counsellor);
        var (entry, failure) = await HeldAsync<IReadOnlyList<ResourceChoice>>(conversationId, counsellor, cancellationToken);
        if (entry is null)
        {
            return failure!;
        }

        var current = content.Current;
        var catalog = current.Resources;
        var needs = catalog.NeedsForTopics(entry.Topics).ToList();
        // A municipality's conversation gets its own area's windows (and the prefecture's and national ones).
        var matching = catalog.Search(catalog.AreaById(entry.Team), needs, int.MaxValue);
        var choices = matching
            .Select(e => new ResourceChoice(
                e.Id,
                e.Name.For(entry.Locale),
                catalog.AreaById(e.Area)?.Name.For(entry.Locale),
                e.Needs,
                e.Needs.Any(needs.Contains),
                e.Sample,
                ResourceText.Entry(e, entry.Locale, current.Texts)))
            .ToList();
        return DeskResult<IReadOnlyList<ResourceChoice>>.Ok(choices);
    }

    public async Task<DeskResult<TranscriptLine>> SendResourceAsync(string conversationId, Counsellor counsellor, string resourceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(counsellor);
        var current = content.Current;
        var resource = current.Resources.Entries.FirstOrDefault(e => string.Equals(e.Id, resourceId, StringComparison.Ordinal));
        if (resource is null)
        {
            return DeskResult<TranscriptLine>.Fail(DeskOutcome.Invalid, "No window of the catalog has this id.");
        }

        using var turn = await _locks.AcquireAsync(conversationId, cancellationToken);
        var (entry, failure) = await HeldAsync<TranscriptLine>(conversationId, counsellor, cancellationToken);
        if (entry is null)
        {
            return failure!;
        }

        return await SendAsCounsellorAsync(entry, counsellor, ResourceText.Entry(resource, entry.Locale, current.Texts), "handoff.resource.sent", resource.Id, cancellationToken);
    }

    /// <summary>A message from the counsellor, under their display name, through the person's channel; audited and shown in the console.</summary>
    private async Task<DeskResult<TranscriptLine>> SendAsCounsellorAsync(HandoffEntry entry, Counsellor counsellor, string text, string auditAction, string? auditDetail, CancellationToken cancellationToken)
    {
        var activity = MessageFactory.Text(text);
        activity.TextFormat = TextFormatTypes.Markdown;
        activity.Properties[HandoffMiddleware.CounsellorProperty] = JObject.FromObject(new { id = CounsellorAccountId(counsellor), name = counsellor.DisplayName });
        var ids = await SendToPersonAsync(entry, [activity], cancellationToken);
        if (ids is null)
        {
            return DeskResult<TranscriptLine>.Fail(DeskOutcome.NotOpen, "The person's conversation has ended.");
        }

        var now = time.GetUtcNow();
        await store.TouchAsync(entry.Id, now, cancellationToken);
        await audit.WriteAsync(counsellor.Actor, auditAction, entry.ConversationId, auditDetail, cancellationToken);
        var line = new TranscriptLine(ids.FirstOrDefault(), "counsellor", counsellor.DisplayName, activity.Text, activity.Timestamp ?? now);
        await notifications.MessageAsync(new RelayedMessage(entry.ConversationId, line.Id, line.From, line.Name, line.Text, line.At, HandoffWire.Risk(RiskLevel.Normal), entry.Team), entry.ClaimedBy, cancellationToken);
        return DeskResult<TranscriptLine>.Ok(line);
    }

    public async Task<DeskResult<bool>> TypingAsync(string conversationId, Counsellor counsellor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(counsellor);
        var (entry, failure) = await HeldAsync<bool>(conversationId, counsellor, cancellationToken);
        if (entry is null)
        {
            return failure!;
        }

        var typing = new Activity(ActivityTypes.Typing);
        typing.Properties[HandoffMiddleware.CounsellorProperty] = JObject.FromObject(new { id = CounsellorAccountId(counsellor), name = counsellor.DisplayName });
        return DeskResult<bool>.Ok(await SendToPersonAsync(entry, [typing], cancellationToken) is not null);
    }

    public async Task<DeskResult<CounsellorNote>> AddNoteAsync(string conversationId, Counsellor counsellor, string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(counsellor);
        var invalid = CheckText(text);
        if (invalid is not null)
        {
            return DeskResult<CounsellorNote>.Fail(DeskOutcome.Invalid, invalid);
        }

        var entry = await store.GetLatestAsync(conversationId, cancellationToken);
        if (entry is null)
        {
            return DeskResult<CounsellorNote>.Fail(DeskOutcome.NotFound, "No such conversation in the queue.");
        }

        if (entry.ClaimedBy != counsellor.Id && !counsellor.IsSupervisor)
        {
            return entry.State == HandoffState.Active
                ? DeskResult<CounsellorNote>.Fail(DeskOutcome.HeldByAnother, "Another counsellor holds this conversation.")
                : DeskResult<CounsellorNote>.Fail(DeskOutcome.NotOpen, "Only the counsellor who held this conversation, or a supervisor, can write notes on it.");
        }

        var note = await store.AddNoteAsync(conversationId, entry.Id, counsellor, text.Trim(), time.GetUtcNow(), cancellationToken);
        await audit.WriteAsync(counsellor.Actor, "handoff.note.added", conversationId, null, cancellationToken);
        return DeskResult<CounsellorNote>.Ok(note);
    }

    public async Task<DeskResult<QueueItem>> TransferAsync(string conversationId, Counsellor counsellor, string toUsername, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(counsellor);
        var target = string.IsNullOrWhiteSpace(toUsername) ? null : await directory.FindByUsernameAsync(toUsername.Trim(), cancellationToken);
        if (target is null)
        {
            return DeskResult<QueueItem>.Fail(DeskOutcome.Invalid, "There is no counsellor with that username.");
        }

        using var turn = await _locks.AcquireAsync(conversationId, cancellationToken);
        var (entry, failure) = await HeldAsync<QueueItem>(conversationId, counsellor, cancellationToken);
        if (entry is null)
        {
            return failure!;
        }

        if (target.Id == counsellor.Id)
        {
            return DeskResult<QueueItem>.Fail(DeskOutcome.Invalid, "The conversation is already yours.");
        }

        if (!target.Serves(entry.Team))
        {
            return DeskResult<QueueItem>.Fail(DeskOutcome.Invalid, "That counsellor does not serve this conversation's municipality.");
        }

        if (!await store.TransferAsync(entry.Id, counsellor.Id, target.Id, time.GetUtcNow(), cancellationToken))
        {
            return DeskResult<QueueItem>.Fail(DeskOutcome.HeldByAnother, "You no longer hold this conversation.");
        }

        await audit.WriteAsync(counsellor.Actor, "handoff.transferred", conversationId, "to=" + target.Actor, cancellationToken);
        var set = texts.For(entry.Locale);
        await TellPersonAsync(entry, HandoffTexts.Fill(set.Counsellor.Transferred, ("name", target.DisplayName)), cancellationToken);
        await notifications.ConversationChangedAsync(conversationId, "active", target.Id, counsellor.Id, cancellationToken);
        return DeskResult<QueueItem>.Ok(HandoffService.ToItem(entry with { ClaimedBy = target.Id }, null, target.DisplayName));
    }

    public Task<DeskResult<QueueItem>> ReleaseAsync(string conversationId, Counsellor counsellor, CancellationToken cancellationToken) =>
        FinishAsync(conversationId, counsellor, HandoffState.Released, closingMessage: null, cancellationToken);

    public Task<DeskResult<QueueItem>> CloseAsync(string conversationId, Counsellor counsellor, string? closingMessage, CancellationToken cancellationToken)
    {
        if (closingMessage is not null && closingMessage.Trim().Length > 0 && CheckText(closingMessage) is { } invalid)
        {
            return Task.FromResult(DeskResult<QueueItem>.Fail(DeskOutcome.Invalid, invalid));
        }

        return FinishAsync(conversationId, counsellor, HandoffState.Closed, closingMessage, cancellationToken);
    }

    public async Task<DeskResult<TodayFigures>> TodayAsync(Counsellor viewer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (!viewer.IsSupervisor)
        {
            return DeskResult<TodayFigures>.Fail(DeskOutcome.Forbidden, "Only supervisors see today's figures.");
        }

        var now = time.GetUtcNow();
        var zone = hours.Value.ResolveTimeZone();
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var midnight = new DateTimeOffset(local.Date, local.Offset);
        var entries = await store.SinceAsync(midnight, cancellationToken);
        var waiting = entries.Where(e => e.State == HandoffState.Waiting).ToList();
        var waits = entries.Where(e => e.ClaimedAt is not null && e.WaitingSince >= midnight)
            .Select(e => (e.ClaimedAt!.Value - e.WaitingSince).TotalSeconds)
            .Order()
            .ToList();
        double? median = waits.Count == 0 ? null
            : waits.Count % 2 == 1 ? waits[waits.Count / 2] : (waits[(waits.Count / 2) - 1] + waits[waits.Count / 2]) / 2;
        var byRisk = new Dictionary<string, int>(StringComparer.Ordinal)
        {
            ["crisis"] = waiting.Count(e => e.Risk == RiskLevel.Crisis),
            ["high"] = waiting.Count(e => e.Risk == RiskLevel.High),
            ["normal"] = waiting.Count(e => e.Risk == RiskLevel.Normal),
        };
        var online = await presence.ActiveAsync(cancellationToken);
        return DeskResult<TodayFigures>.Ok(new TodayFigures(
            waiting.Count,
            entries.Count(e => e.State == HandoffState.Active),
            median,
            byRisk,
            entries.Count(e => e.WaitingSince >= midnight),
            online.Count));
    }

    public Task<IReadOnlyList<Counsellor>> OnlineAsync(CancellationToken cancellationToken) => presence.ActiveAsync(cancellationToken);

    private async Task<DeskResult<QueueItem>> FinishAsync(string conversationId, Counsellor counsellor, HandoffState to, string? closingMessage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(counsellor);
        using var turn = await _locks.AcquireAsync(conversationId, cancellationToken);
        var (entry, failure) = await HeldAsync<QueueItem>(conversationId, counsellor, cancellationToken);
        if (entry is null)
        {
            return failure!;
        }

        if (!await store.EndAsync(entry.Id, HandoffState.Active, to, counsellor.Actor, counsellor.Id, time.GetUtcNow(), cancellationToken))
        {
            return DeskResult<QueueItem>.Fail(DeskOutcome.NotOpen, "This conversation is no longer open.");
        }

        var state = HandoffWire.State(to);
        await audit.WriteAsync(counsellor.Actor, to == HandoffState.Closed ? "handoff.closed" : "handoff.released", conversationId, null, cancellationToken);
        LogFinished(logger, conversationId, state);
        var set = texts.For(entry.Locale);
        if (to == HandoffState.Closed && !string.IsNullOrWhiteSpace(closingMessage))
        {
            var closing = MessageFactory.Text(closingMessage.Trim());
            closing.Properties[HandoffMiddleware.CounsellorProperty] = JObject.FromObject(new { id = CounsellorAccountId(counsellor), name = counsellor.DisplayName });
            await SendToPersonAsync(entry, [closing, MessageFactory.Text(set.Counsellor.Closed)], cancellationToken);
        }
        else
        {
            await TellPersonAsync(entry, to == HandoffState.Closed ? set.Counsellor.Closed : set.Counsellor.Released, cancellationToken);
        }

        outbox.Post(conversationId, HandoffStates.Completed, to == HandoffState.Released ? "Released back to the bot." : "Closed by the counsellor.");
        await notifications.ConversationChangedAsync(conversationId, state, null, counsellor.Id, cancellationToken);
        return DeskResult<QueueItem>.Ok(HandoffService.ToItem(entry with { State = to }, null, counsellor.DisplayName));
    }

    /// <summary>The open entry this counsellor holds, or the reason they cannot act on it.</summary>
    private async Task<(HandoffEntry? Entry, DeskResult<T>? Failure)> HeldAsync<T>(string conversationId, Counsellor counsellor, CancellationToken cancellationToken)
    {
        var entry = await store.GetLatestAsync(conversationId, cancellationToken);
        if (entry is null)
        {
            return (null, DeskResult<T>.Fail(DeskOutcome.NotFound, "No such conversation in the queue."));
        }

        if (entry.State == HandoffState.Waiting)
        {
            return (null, DeskResult<T>.Fail(DeskOutcome.NotOpen, "Claim this conversation first."));
        }

        if (entry.State != HandoffState.Active)
        {
            return (null, DeskResult<T>.Fail(DeskOutcome.NotOpen, $"This conversation's handoff is {HandoffWire.State(entry.State)}."));
        }

        return entry.ClaimedBy == counsellor.Id
            ? (entry, null)
            : (null, DeskResult<T>.Fail(DeskOutcome.HeldByAnother, "Another counsellor holds this conversation."));
    }

    private string? CheckText(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "The text is empty.";
        }

        return text.Length > options.Value.MaxMessageLength ? $"The text is longer than {options.Value.MaxMessageLength} characters." : null;
    }

    private Task TellPersonAsync(HandoffEntry entry, string text, CancellationToken cancellationToken) =>
        SendToPersonAsync(entry, [MessageFactory.Text(text)], cancellationToken);

    /// <summary>Sends through the conversation's own channel, logged like everything else; null when the conversation has ended.</summary>
    private async Task<IReadOnlyList<string>?> SendToPersonAsync(HandoffEntry entry, IReadOnlyList<Activity> activities, CancellationToken cancellationToken)
    {
        foreach (var activity in activities)
        {
            activity.Locale ??= entry.Locale;
        }

        try
        {
            return await messenger.SendAsync(entry.ConversationId, activities, cancellationToken);
        }
        catch (KeyNotFoundException)
        {
            LogConversationGone(logger, entry.ConversationId);
            return null;
        }
    }

    private async Task<ConversationView> BuildViewAsync(HandoffEntry entry, Counsellor viewer, CancellationToken cancellationToken)
    {
        var consent = await store.GetConsentAsync(entry.Id, cancellationToken);
        var from = entry.Scope == ShareScope.SummaryOnly ? consent?.GivenAt ?? entry.WaitingSince : (DateTimeOffset?)null;
        var triage = triages.LastOrDefault();
        var redactor = redactors.LastOrDefault();
        var transcript = new List<TranscriptLine>();
        var history = new List<TriageView>();
        foreach (var logged in await log.ReadAfterAsync(entry.ConversationId, 0, 2000, cancellationToken))
        {
            var activity = logged.Activity;
            if (activity.Type != ActivityTypes.Message || string.IsNullOrEmpty(activity.Text))
            {
                continue;
            }

            var at = activity.Timestamp ?? entry.WaitingSince;
            var person = activity.From?.Role == RoleTypes.User;
            if (person && triage is not null)
            {
                var result = triage.Classify(activity.Text);
                history.Add(TriageView.Of(at, result));
            }

            if (from is not null && at < from)
            {
                continue; // The person shared the summary only: the conversation before the handoff stays hidden.
            }

            var fromCounsellor = activity.From?.Id?.StartsWith(CounsellorIdPrefix, StringComparison.Ordinal) == true;
            var text = activity.Text;
            if (redactor is not null && consent is not null && at < consent.GivenAt)
            {
                text = (await redactor.RedactAsync(text, entry.Locale, cancellationToken)).Text;
            }

            transcript.Add(new TranscriptLine(activity.Id, person ? "person" : fromCounsellor ? "counsellor" : "bot", person ? null : activity.From?.Name, text, at));
        }

        var notes = entry.ClaimedBy == viewer.Id || viewer.IsSupervisor ? await store.NotesAsync(entry.ConversationId, cancellationToken) : [];
        var position = entry.State == HandoffState.Waiting ? await service.PositionAsync(entry, cancellationToken) : (int?)null;
        return new ConversationView(
            HandoffService.ToItem(entry, position, await NameOfAsync(entry.ClaimedBy, cancellationToken)),
            consent is null ? null : new ConsentView(HandoffWire.Scope(consent.Scope), consent.NoticeVersion, consent.GivenAt),
            history,
            transcript,
            notes,
            entry.ClaimedBy == viewer.Id && entry.State == HandoffState.Active,
            await UndeliveredAsync(entry.ConversationId, cancellationToken));
    }

    private async Task<int> UndeliveredAsync(string conversationId, CancellationToken cancellationToken)
    {
        var count = 0;
        foreach (var report in deliveries)
        {
            count += await report.CountUndeliveredAsync(conversationId, cancellationToken);
        }

        return count;
    }

    private async Task<string?> NameOfAsync(string? counsellorId, CancellationToken cancellationToken) =>
        counsellorId is null ? null : (await directory.FindAsync(counsellorId, cancellationToken))?.DisplayName;

    private const string CounsellorIdPrefix = "counsellor-";

    /// <summary>The <c>from.id</c> of a counsellor's messages: stable per counsellor, never the username.</summary>
    private static string CounsellorAccountId(Counsellor counsellor) => CounsellorIdPrefix + counsellor.Id;

    [LoggerMessage(EventId = 4300, Level = LogLevel.Information, Message = "Conversation {ConversationId} claimed by counsellor {CounsellorId}")]
    private static partial void LogClaimed(ILogger logger, string conversationId, string counsellorId);

    [LoggerMessage(EventId = 4301, Level = LogLevel.Information, Message = "Handoff of conversation {ConversationId} {State}")]
    private static partial void LogFinished(ILogger logger, string conversationId, string state);

    [LoggerMessage(EventId = 4302, Level = LogLevel.Information, Message = "Conversation {ConversationId} has ended on its channel; nothing was sent")]
    private static partial void LogConversationGone(ILogger logger, string conversationId);
}
