namespace ChatBot.Core.Conversations;

/// <summary>
/// A channel that can fail to deliver later (LINE pushes) reports how many messages in a conversation
/// could not be delivered, so the counsellor console can show them instead of letting them vanish.
/// </summary>
public interface IDeliveryReport
{
    Task<int> CountUndeliveredAsync(string conversationId, CancellationToken cancellationToken);
}
