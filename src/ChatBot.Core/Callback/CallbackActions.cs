using ChatBot.Core.Conversations;
using ChatBot.Core.Dialogs;
using ChatBot.Core.Privacy;
using ChatBot.Core.Retention;
using ChatBot.Core.Storage;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Core.Callback;

/// <summary>The variables the call-back actions set for the flow's branches (<c>dialogs/flows/callback.yaml</c>).</summary>
internal static class CallbackVars
{
    /// <summary><c>new</c>: the consent text was shown; <c>kept</c>: a contact is already kept for a call-back.</summary>
    public const string Request = "callback";

    /// <summary><c>ok</c>, <c>again</c> (ask once more) or <c>gave-up</c>.</summary>
    public const string Contact = "callback-contact";

    /// <summary>How many messages were not a contact (a counter, never the text).</summary>
    public const string Tries = "callback-tries";

    /// <summary>The time window button chosen (<see cref="CallbackWindows"/>), saved by the question.</summary>
    public const string Window = "callback-window";

    /// <summary><c>yes</c>: a kept contact was deleted; <c>none</c>: there was none.</summary>
    public const string Withdrawn = "callback-withdrawn";
}

/// <summary><c>callback-offer</c>: shows the consent text (what, why, who, how long, how to withdraw), unless a contact is already kept.</summary>
internal sealed class CallbackOfferAction(CallbackStore store, CallbackNotice notice) : IDialogAction
{
    public const string Name = "callback-offer";

    public async Task RunAsync(DialogActionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.State.Vars.Remove(CallbackVars.Tries);
        var live = await store.GetLiveAsync(context.Turn.Activity.Conversation.Id, cancellationToken);
        if (live is { State: not CallbackState.Collecting })
        {
            context.State.Vars[CallbackVars.Request] = "kept";
            return;
        }

        context.State.Vars[CallbackVars.Request] = "new";
        context.Say(notice.Text(context.Locale));
    }
}

/// <summary>
/// <c>callback-consent</c>: the person agreed. Records the consent (notice versions, language, time) with a new
/// request: the highest risk so far and the person's last words (already redacted) for the counsellor's list.
/// </summary>
internal sealed partial class CallbackConsentAction(
    CallbackStore store,
    IConversationLog log,
    IAuditLog audit,
    IEnumerable<IPrivacyNotice> privacyNotices,
    IOptions<CallbackOptions> options,
    ILogger<CallbackConsentAction> logger) : IDialogAction
{
    public const string Name = "callback-consent";

    private const int SummaryLines = 3;
    private const int LineLength = 120;

    /// <summary>Which wording the person agreed to: <c>PRIVACY/CALLBACK</c>, e.g. <c>2026-11-28/callback-consent-2026-12</c>.</summary>
    public string NoticeVersion => privacyNotices.LastOrDefault() is { } privacy
        ? privacy.Version + "/" + options.Value.NoticeVersion
        : options.Value.NoticeVersion;

    public async Task RunAsync(DialogActionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var activity = context.Turn.Activity;
        var conversationId = activity.Conversation.Id;
        var summary = await SummaryAsync(context, conversationId, activity.Id, cancellationToken);
        var (request, created) = await store.StartAsync(
            new NewCallback(conversationId, activity.ChannelId ?? "unknown", context.Locale, context.State.HighestRisk, summary, NoticeVersion,
                context.Content.Resources.TeamOf(activity)),
            cancellationToken);
        context.State.Vars.Remove(CallbackVars.Tries);
        if (!created)
        {
            context.State.Vars[CallbackVars.Request] = "kept";
            return;
        }

        await audit.WriteAsync(Handoff.HandoffService.PersonActor, "callback.consented", conversationId, $"request={request.Id};notice={NoticeVersion}", cancellationToken);
        LogConsented(logger, conversationId, request.Id);
    }

    /// <summary>The person's last messages in their own words: buttons and set phrases they tapped or typed say nothing about them.</summary>
    private async Task<string> SummaryAsync(DialogActionContext context, string conversationId, string? currentId, CancellationToken cancellationToken)
    {
        var phrases = SetPhrases(context.Content);
        var lines = (await log.ReadAfterAsync(conversationId, 0, 1000, cancellationToken))
            .Select(l => l.Activity)
            .Where(a => a.Type == ActivityTypes.Message && a.From?.Role == RoleTypes.User && a.Id != currentId && !string.IsNullOrWhiteSpace(a.Text))
            .Select(a => a.Text.Trim().ReplaceLineEndings(" "))
            .Where(t => !phrases.Contains(TextMatcher.Normalize(t)))
            .TakeLast(SummaryLines)
            .Select(t => t.Length > LineLength ? string.Concat(t.AsSpan(0, LineLength), "…") : t);
        return string.Join('\n', lines);
    }

    private static HashSet<string> SetPhrases(DialogContent content)
    {
        var phrases = new HashSet<string>(StringComparer.Ordinal);
        foreach (var choice in content.Flows.Values.SelectMany(f => f.Steps).OfType<AskStep>().SelectMany(a => a.Choices))
        {
            phrases.UnionWith(choice.Label.All.Concat(choice.Also.Values.SelectMany(v => v)).Select(TextMatcher.Normalize));
        }

        foreach (var intent in content.Intents)
        {
            phrases.UnionWith(intent.Phrases.Values.SelectMany(v => v).Select(TextMatcher.Normalize));
        }

        return phrases;
    }

    [LoggerMessage(EventId = 6010, Level = LogLevel.Information, Message = "Call-back consent given in conversation {ConversationId} (request {RequestId})")]
    private static partial void LogConsented(ILogger logger, string conversationId, string requestId);
}

/// <summary>
/// <c>callback-await-contact</c>, right before the question that asks for the contact: the person's next message,
/// and only that one, may be taken as the contact (see <see cref="CallbackCapture"/>).
/// </summary>
internal sealed class CallbackAwaitContactAction(CallbackStore store) : IDialogAction
{
    public const string Name = "callback-await-contact";

    public async Task RunAsync(DialogActionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (await store.AwaitContactAsync(context.Turn.Activity.Conversation.Id, cancellationToken))
        {
            context.Turn.TurnState.Set(new CallbackAwaitingContact());
        }
    }
}

/// <summary>
/// <c>callback-contact</c>, after the person answered the contact question: confirms the contact taken from their
/// message (<c>callback-contact: ok</c>, and the request opens for counsellors), or asks again kindly
/// (<c>again</c>), at most twice, then gives up gracefully (<c>gave-up</c>: nothing is kept).
/// </summary>
internal sealed partial class CallbackContactAction(CallbackStore store, IAuditLog audit, ILogger<CallbackContactAction> logger) : IDialogAction
{
    public const string Name = "callback-contact";

    /// <summary>Asked once, then again at most twice.</summary>
    private const int MostTries = 3;

    public async Task RunAsync(DialogActionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var conversationId = context.Turn.Activity.Conversation.Id;
        // Where no redaction ran before the bot (the conversation tests), the contact is still in the message itself.
        if (CallbackContact.TryFind(context.Turn.Activity.Text, out var unredacted))
        {
            await store.StageContactAsync(conversationId, unredacted, cancellationToken);
        }

        var request = await store.ConfirmContactAsync(conversationId, context.State.HighestRisk, cancellationToken);
        var vars = context.State.Vars;
        if (request is not null)
        {
            vars[CallbackVars.Contact] = "ok";
            vars.Remove(CallbackVars.Tries);
            await audit.WriteAsync(Handoff.HandoffService.PersonActor, "callback.requested", conversationId,
                $"request={request.Id};kind={(request.ContactKind is { } kind ? CallbackWire.Kind(kind) : "unknown")}", cancellationToken);
            LogRequested(logger, conversationId, request.Id);
            return;
        }

        var tries = (vars.TryGetValue(CallbackVars.Tries, out var counted) && int.TryParse(counted, out var n) ? n : 0) + 1;
        if (tries >= MostTries)
        {
            vars[CallbackVars.Contact] = "gave-up";
            vars.Remove(CallbackVars.Tries);
            await store.AbandonAsync(conversationId, cancellationToken);
            LogGaveUp(logger, conversationId);
            return;
        }

        vars[CallbackVars.Contact] = "again";
        vars[CallbackVars.Tries] = tries.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    [LoggerMessage(EventId = 6011, Level = LogLevel.Information, Message = "Call-back requested in conversation {ConversationId} (request {RequestId})")]
    private static partial void LogRequested(ILogger logger, string conversationId, string requestId);

    [LoggerMessage(EventId = 6012, Level = LogLevel.Information, Message = "No contact could be taken for a call-back in conversation {ConversationId}; nothing kept")]
    private static partial void LogGaveUp(ILogger logger, string conversationId);
}

/// <summary><c>callback-window</c>: keeps the time of day the person chose (the variable is then cleared from the state).</summary>
internal sealed class CallbackWindowAction(CallbackStore store) : IDialogAction
{
    public const string Name = "callback-window";

    public async Task RunAsync(DialogActionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.State.Vars.Remove(CallbackVars.Window, out var window) && CallbackWindows.IsKnown(window))
        {
            await store.SetWindowAsync(context.Turn.Activity.Conversation.Id, window, cancellationToken);
        }
    }
}

/// <summary>
/// <c>callback-withdraw</c> (「連絡先を消して」): deletes a kept contact at once and closes its call-back as withdrawn
/// (<c>callback-withdrawn: yes</c>), or finds none (<c>none</c>).
/// </summary>
internal sealed partial class CallbackWithdrawAction(CallbackStore store, IAuditLog audit, SqliteDatabase database, ILogger<CallbackWithdrawAction> logger) : IDialogAction
{
    public const string Name = "callback-withdraw";

    public async Task RunAsync(DialogActionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var conversationId = context.Turn.Activity.Conversation.Id;
        var withdrawn = await store.WithdrawAsync(conversationId, cancellationToken);
        context.State.Vars.Remove(CallbackVars.Tries);
        if (withdrawn is null)
        {
            context.State.Vars[CallbackVars.Withdrawn] = "none";
            return;
        }

        context.State.Vars[CallbackVars.Withdrawn] = "yes";
        await audit.WriteAsync(Handoff.HandoffService.PersonActor, "callback.withdrawn", conversationId, $"request={withdrawn.Id}", cancellationToken);
        // The encrypted contact is overwritten in the database file, and gone from the write-ahead log too.
        await database.CheckpointAsync(cancellationToken);
        LogWithdrawn(logger, conversationId, withdrawn.Id);
    }

    [LoggerMessage(EventId = 6013, Level = LogLevel.Information, Message = "Call-back withdrawn by the person in conversation {ConversationId} (request {RequestId})")]
    private static partial void LogWithdrawn(ILogger logger, string conversationId, string requestId);
}
