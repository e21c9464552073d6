using ChatBot.Core.Bot;
using ChatBot.Core.Privacy;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Logging;

namespace ChatBot.Core.Callback;

/// <summary>Left in the turn state by <c>callback-await-contact</c>: the person's next message may be their contact.</summary>
public sealed record CallbackAwaitingContact;

/// <summary>
/// The call-back contact, taken from the person's message before it is redacted — the one deliberate
/// exception to redaction. Only while the conversation's call-back request awaits a contact (the person
/// consented and was just asked for it) and only when the message holds a phone number or e-mail address:
/// that contact, and nothing else of the message, is kept encrypted, unconfirmed. The flow confirms it in the
/// same turn; anything the turn did not confirm is deleted when the turn ends, and the waiting stops unless the
/// flow asked again. The message itself goes on to be redacted like every other.
/// </summary>
internal sealed partial class CallbackCapture(CallbackStore store, ILogger<CallbackCapture> logger) : IInboundCapture
{
    public async Task CaptureAsync(Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var conversationId = activity.Conversation?.Id;
        if (!FromPerson(activity) || string.IsNullOrEmpty(conversationId) || !CallbackContact.TryFind(activity.Text, out var contact))
        {
            return;
        }

        try
        {
            if (await store.StageContactAsync(conversationId, contact, cancellationToken))
            {
                LogCaptured(logger, conversationId, CallbackWire.Kind(contact.Kind));
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The message still goes on, redacted; the flow then kindly asks for the contact again.
            LogCaptureFailed(logger, new WithheldMessageException(ex), conversationId);
        }
    }

    public async Task TurnEndedAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var activity = turnContext.Activity;
        var conversationId = activity?.Conversation?.Id;
        if (activity is null || !FromPerson(activity) || string.IsNullOrEmpty(conversationId))
        {
            // Events and proactive turns (a counsellor's message, handoff.status) leave a waiting question alone.
            return;
        }

        try
        {
            await store.EndTurnAsync(conversationId, turnContext.TurnState.Get<CallbackAwaitingContact>() is not null, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogCleanupFailed(logger, new WithheldMessageException(ex), conversationId);
        }
    }

    private static bool FromPerson(IActivity activity) =>
        activity.Type == ActivityTypes.Message && activity.From?.Role != RoleTypes.Bot;

    [LoggerMessage(EventId = 6000, Level = LogLevel.Information, Message = "Call-back contact ({Kind}) taken encrypted in conversation {ConversationId}")]
    private static partial void LogCaptured(ILogger logger, string conversationId, string kind);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Error, Message = "A call-back contact could not be kept in conversation {ConversationId}")]
    private static partial void LogCaptureFailed(ILogger logger, Exception exception, string conversationId);

    [LoggerMessage(EventId = 6001, Level = LogLevel.Error, Message = "Unconfirmed call-back contacts of conversation {ConversationId} could not be cleared after the turn; the next turn or the expiry purge will")]
    private static partial void LogCleanupFailed(ILogger logger, Exception exception, string conversationId);
}
