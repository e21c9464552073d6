using Microsoft.Bot.Schema;

namespace ChatBot.Core.Conversations;

/// <summary>
/// The ordered record of what was said in each conversation, on every channel: the source of the
/// Direct Line watermark, of replays after a reconnect, and later of the transcript a counsellor sees.
/// </summary>
public interface IConversationLog
{
    /// <summary>Registers a conversation. Returns false when it already existed.</summary>
    Task<bool> CreateAsync(string conversationId, string channelId, string userKey, CancellationToken cancellationToken);

    /// <summary>What is known about a conversation (no content), or null when it does not exist.</summary>
    Task<ConversationInfo?> GetInfoAsync(string conversationId, CancellationToken cancellationToken);

    /// <summary>True while the conversation exists and has not been ended.</summary>
    Task<bool> IsOpenAsync(string conversationId, CancellationToken cancellationToken);

    /// <summary>Marks a conversation as ended (quick exit, end of session). Returns false when unknown or already ended.</summary>
    Task<bool> EndAsync(string conversationId, CancellationToken cancellationToken);

    /// <summary>
    /// Appends an activity: stamps it with the next sequence number, an id derived from it, and a
    /// server timestamp that is strictly later than every earlier one in the same conversation.
    /// </summary>
    Task<LoggedActivity> AppendAsync(string conversationId, Activity activity, CancellationToken cancellationToken);

    /// <summary>Activities after <paramref name="watermark"/> (0 = from the start), oldest first.</summary>
    Task<IReadOnlyList<LoggedActivity>> ReadAfterAsync(string conversationId, long watermark, int max, CancellationToken cancellationToken);
}

/// <summary>A conversation's bookkeeping: channel, pseudonymous user key and times. Never content.</summary>
public sealed record ConversationInfo(string Id, string ChannelId, string UserKey, DateTimeOffset CreatedAt, DateTimeOffset LastActivityAt, DateTimeOffset? EndedAt);
