using Microsoft.Bot.Schema;

namespace ChatBot.Core.Conversations;

/// <summary>
/// Sends activities into an existing conversation later, outside any turn of the person's — a
/// counsellor's message, a reminder, an answer to a message left out of hours. The host routes it to
/// the channel the conversation lives on (Direct Line now, LINE later), in order with the person's turns.
/// </summary>
public interface IConversationMessenger
{
    /// <summary>Sends the activities; returns the ids the channel gave them. Throws <see cref="KeyNotFoundException"/> for an unknown or ended conversation.</summary>
    Task<IReadOnlyList<string>> SendAsync(string conversationId, IReadOnlyList<Activity> activities, CancellationToken cancellationToken);
}

/// <summary>One channel's way of delivering proactive activities; the host picks it by channel id.</summary>
public interface IChannelMessenger
{
    string ChannelId { get; }

    Task<IReadOnlyList<string>> SendAsync(ConversationInfo conversation, IReadOnlyList<Activity> activities, CancellationToken cancellationToken);
}

/// <summary>Routes proactive activities to the channel a conversation lives on.</summary>
internal sealed class ConversationMessenger(IConversationLog log, IEnumerable<IChannelMessenger> channels) : IConversationMessenger
{
    public async Task<IReadOnlyList<string>> SendAsync(string conversationId, IReadOnlyList<Activity> activities, CancellationToken cancellationToken)
    {
        var info = await log.GetInfoAsync(conversationId, cancellationToken);
        if (info is null || info.EndedAt is not null)
        {
            throw new KeyNotFoundException($"Conversation {conversationId} does not exist or has ended.");
        }

        var channel = channels.FirstOrDefault(c => string.Equals(c.ChannelId, info.ChannelId, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"No messenger is registered for channel '{info.ChannelId}'.");
        return await channel.SendAsync(info, activities, cancellationToken);
    }
}
