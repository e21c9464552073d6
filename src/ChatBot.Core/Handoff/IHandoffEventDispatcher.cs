using ChatBot.Core.Conversations;
using Microsoft.Bot.Schema;

namespace ChatBot.Core.Handoff;

/// <summary>
/// Delivers a <c>handoff.status</c> event from the agent hub (our queue) into the bot pipeline of the
/// conversation's channel, as an external agent desk would. Implemented by the host per channel.
/// </summary>
public interface IHandoffEventDispatcher
{
    /// <summary>True when this dispatcher serves conversations of the channel.</summary>
    bool Handles(string channelId);

    Task DispatchAsync(ConversationInfo conversation, Activity statusEvent, CancellationToken cancellationToken);
}
