using ChatBot.Core.Conversations;
using Microsoft.Bot.Schema;

namespace ChatBot.Web.Channels.Line;

/// <summary>
/// Proactive delivery on LINE (a counsellor's message, an answer to a message left out of hours): the
/// person's last reply token if it is still fresh and unused — replies are free — else a push with a retry key.
/// </summary>
internal sealed class LineMessenger(LineAdapter adapter) : IChannelMessenger
{
    public string ChannelId => LineAdapter.ChannelId;

    public Task<IReadOnlyList<string>> SendAsync(ConversationInfo conversation, IReadOnlyList<Activity> activities, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        return adapter.DeliverAsync(conversation.Id, activities, cancellationToken);
    }
}
