namespace ChatBot.Core.Privacy;

/// <summary>
/// Replaces the ids channels give people (a LINE user id, a Web Chat user id) with pseudonyms, so
/// that nothing stored, logged or put in a URL can be traced back to the channel account without the key.
/// </summary>
public interface IPseudonymizer
{
    /// <summary>
    /// A stable pseudonym such as <c>u_Xy3…</c> for one person on one channel: the same input gives the
    /// same pseudonym across restarts; without the key it cannot be turned back into the id.
    /// </summary>
    string UserId(string channelId, string channelUserId);
}
