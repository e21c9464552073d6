namespace ChatBot.Core.Privacy;

/// <summary>
/// Replaces a channel's user id (a LINE user id, a Web Chat user id, an Azure channel's user id) with a
/// keyed hash, so the id itself is never stored, logged or put in a URL next to a conversation, while the
/// same person still maps to the same key.
/// </summary>
public interface IPseudonymizer
{
    /// <summary>
    /// A stable pseudonym such as <c>u_Xy3…</c> for one person on one channel: the same input gives the
    /// same pseudonym across restarts; without the key it cannot be turned back into the id, nor
    /// recomputed from a guessed id.
    /// </summary>
    string Pseudonymize(string channelId, string channelUserId);
}
