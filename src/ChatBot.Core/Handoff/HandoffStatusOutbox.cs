using System.Threading.Channels;
using ChatBot.Core.Bot;
using ChatBot.Core.Conversations;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatBot.Core.Handoff;

/// <summary>
/// Sends <c>handoff.status</c> events (accepted, failed, completed) into the bot, one at a time and in the
/// order they happened, after the turn or request that caused them. Queued rather than sent inline because
/// a person ending a handoff does so inside their own turn, and a channel runs one turn per conversation at
/// a time. A failure is logged and never fails the action that caused it.
/// </summary>
internal sealed partial class HandoffStatusOutbox(
    IConversationLog log,
    IEnumerable<IHandoffEventDispatcher> dispatchers,
    ILogger<HandoffStatusOutbox> logger) : BackgroundService
{
    private readonly Channel<(string ConversationId, string State, string? Message)> _pending =
        Channel.CreateUnbounded<(string, string, string?)>(new UnboundedChannelOptions { SingleReader = true });

    public void Post(string conversationId, string state, string? message = null) =>
        _pending.Writer.TryWrite((conversationId, state, message));

    /// <summary>Delivers everything posted so far (the background loop does this continuously).</summary>
    internal async Task DeliverPendingAsync(CancellationToken cancellationToken)
    {
        while (_pending.Reader.TryRead(out var item))
        {
            await DeliverAsync(item.ConversationId, item.State, item.Message, cancellationToken);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var item in _pending.Reader.ReadAllAsync(stoppingToken))
            {
                await DeliverAsync(item.ConversationId, item.State, item.Message, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task DeliverAsync(string conversationId, string state, string? message, CancellationToken cancellationToken)
    {
        try
        {
            var conversation = await log.GetInfoAsync(conversationId, cancellationToken);
            if (conversation is null)
            {
                return;
            }

            var dispatcher = dispatchers.FirstOrDefault(d => d.Handles(conversation.ChannelId));
            if (dispatcher is null)
            {
                LogNoDispatcher(logger, conversationId, conversation.ChannelId, state);
                return;
            }

            var statusEvent = (Activity)EventFactory.CreateHandoffStatus(new ConversationAccount(id: conversationId), state, message);
            await dispatcher.DispatchAsync(conversation, statusEvent, cancellationToken);
            LogDelivered(logger, conversationId, state);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogFailed(logger, new WithheldMessageException(ex), conversationId, state);
        }
    }

    [LoggerMessage(EventId = 4100, Level = LogLevel.Debug, Message = "handoff.status {State} delivered in conversation {ConversationId}")]
    private static partial void LogDelivered(ILogger logger, string conversationId, string state);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Debug, Message = "No handoff event dispatcher for channel {Channel}; handoff.status {State} of conversation {ConversationId} not delivered")]
    private static partial void LogNoDispatcher(ILogger logger, string conversationId, string channel, string state);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Warning, Message = "handoff.status {State} could not be delivered in conversation {ConversationId}")]
    private static partial void LogFailed(ILogger logger, Exception exception, string conversationId, string state);
}
