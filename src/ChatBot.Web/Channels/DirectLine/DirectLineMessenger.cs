using ChatBot.Core.Conversations;
using Microsoft.Bot.Schema;

namespace ChatBot.Web.Channels.DirectLine;

/// <summary>Proactive delivery on Direct Line: a continuation turn through <see cref="DirectLineAdapter"/>, so it is logged, streamed and replayed on reconnect like any reply.</summary>
internal sealed class DirectLineMessenger(DirectLineAdapter adapter) : IChannelMessenger
{
    public string ChannelId => DirectLineChannel.ChannelId;

    public async Task<IReadOnlyList<string>> SendAsync(ConversationInfo conversation, IReadOnlyList<Activity> activities, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        var reference = new ConversationReference
        {
            ChannelId = ChannelId,
            Conversation = new ConversationAccount(id: conversation.Id),
            Bot = adapter.BotAccount,
            User = new ChannelAccount(conversation.UserKey, role: RoleTypes.User),
            ServiceUrl = "https://localhost/v3/directline",
        };
        var ids = new List<string>();
        await adapter.ContinueConversationAsync(adapter.BotAccount.Id, reference, async (turn, ct) =>
        {
            var responses = await turn.SendActivitiesAsync([.. activities.Cast<IActivity>()], ct);
            ids.AddRange(responses.Select(r => r.Id));
        }, cancellationToken);
        return ids;
    }
}
