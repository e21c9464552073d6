using ChatBot.Core.Bot;
using Microsoft.Extensions.Logging;

namespace ChatBot.Core.Handoff;

/// <summary>Calls every registered <see cref="IHandoffNotifier"/>; a failing one is logged and skipped.</summary>
internal sealed partial class HandoffNotifications(IEnumerable<IHandoffNotifier> notifiers, ILogger<HandoffNotifications> logger)
{
    public Task QueueChangedAsync(CancellationToken cancellationToken) =>
        EachAsync(n => n.QueueChangedAsync(cancellationToken), "queue");

    public Task CrisisAsync(QueueItem item, CancellationToken cancellationToken) =>
        EachAsync(n => n.CrisisAsync(item, cancellationToken), "crisis");

    public Task MessageAsync(RelayedMessage message, string? holderId, CancellationToken cancellationToken) =>
        EachAsync(n => n.MessageAsync(message, holderId, cancellationToken), "message");

    public Task ConversationChangedAsync(string conversationId, string state, string? holderId, string? previousHolderId, CancellationToken cancellationToken) =>
        EachAsync(n => n.ConversationChangedAsync(conversationId, state, holderId, previousHolderId, cancellationToken), "conversation");

    private async Task EachAsync(Func<IHandoffNotifier, Task> notify, string kind)
    {
        foreach (var notifier in notifiers)
        {
            try
            {
                await notify(notifier);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogNotifyFailed(logger, new WithheldMessageException(ex), kind);
            }
        }
    }

    [LoggerMessage(EventId = 4200, Level = LogLevel.Warning, Message = "A console notification ({Kind}) failed; the handoff goes on")]
    private static partial void LogNotifyFailed(ILogger logger, Exception exception, string kind);
}
