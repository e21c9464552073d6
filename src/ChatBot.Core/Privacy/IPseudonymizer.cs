namespace ChatBot.Core.Privacy;

/// <summary>
/// Replaces a channel's user id (a LINE user id, an Azure channel's user id) with a keyed hash, so the
/// id itself is never stored next to a conversation but the same person still maps to the same key.
/// </summary>
public interface IPseudonymizer
{
    string Pseudonymize(string channelId, string channelUserId);
}
