using ChatBot.Core.Conversations;
using ChatBot.Core.Handoff;
using ChatBot.Web.Channels.DirectLine;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace ChatBot.Web.Handoff;

/// <summary>
/// Delivers <c>handoff.status</c> events from our agent hub into the bot's pipeline on Direct Line, as the
/// channel would if an external desk sent them. The event is not logged or streamed: the person never sees it.
/// </summary>
internal sealed class DirectLineHandoffEvents(IServiceProvider services) : IHandoffEventDispatcher
{
    public bool Handles(string channelId) => string.Equals(channelId, DirectLineChannel.ChannelId, StringComparison.Ordinal);

    public async Task DispatchAsync(ConversationInfo conversation, Activity statusEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentNullException.ThrowIfNull(statusEvent);
        // Resolved late: the adapter runs the handoff middleware, which (through the outbox) leads back here.
        var adapter = services.GetRequiredService<DirectLineAdapter>();
        var bot = services.GetRequiredService<IBot>();
        statusEvent.ChannelId = DirectLineChannel.ChannelId;
        statusEvent.ServiceUrl = "https://localhost/v3/directline";
        statusEvent.From = new ChannelAccount("handoff-hub", "Counsellor desk", RoleTypes.Bot);
        statusEvent.Recipient = adapter.BotAccount;
        statusEvent.Conversation = new ConversationAccount(id: conversation.Id);
        await adapter.ProcessActivityAsync(statusEvent, bot.OnTurnAsync, cancellationToken);
    }
}
