using ChatBot.Core.Conversations;
using ChatBot.Core.Handoff;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace ChatBot.Web.Channels.Line;

/// <summary>
/// Delivers <c>handoff.status</c> events from the counsellor desk into the bot for LINE conversations,
/// as an external desk would through the channel. The person never sees the event itself.
/// </summary>
internal sealed class LineHandoffEvents(IServiceProvider services) : IHandoffEventDispatcher
{
    public bool Handles(string channelId) => string.Equals(channelId, LineAdapter.ChannelId, StringComparison.Ordinal);

    public async Task DispatchAsync(ConversationInfo conversation, Activity statusEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentNullException.ThrowIfNull(statusEvent);
        // Resolved late: the adapter runs the handoff middleware, which (through the desk's outbox) leads back here.
        var adapter = services.GetRequiredService<LineAdapter>();
        statusEvent.From = new ChannelAccount("handoff-hub", "Counsellor desk", RoleTypes.Bot);
        await adapter.ProcessOnBehalfAsync(conversation.Id, statusEvent, services.GetRequiredService<IBot>(), cancellationToken);
    }
}
