using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace ChatBot.Core.Privacy;

/// <summary>
/// <c>u_</c> + base64url of the first 160 bits of HMAC-SHA256(key, channel id + "\n" + user id). Channel ids
/// never contain a line break, so no two inputs collide; the same id on two channels gives two pseudonyms.
/// The key is <see cref="PseudonymKey"/> (configured, or generated once into the data folder).
/// </summary>
internal sealed class HmacPseudonymizer(PseudonymKey key) : IPseudonymizer
{
    public const string UserPrefix = "u_";
    private const int HashBytes = 20;

    public string Pseudonymize(string channelId, string channelUserId)
    {
        ArgumentException.ThrowIfNullOrEmpty(channelId);
        ArgumentException.ThrowIfNullOrEmpty(channelUserId);
        var hash = HMACSHA256.HashData(key.Bytes, Encoding.UTF8.GetBytes(channelId + "\n" + channelUserId));
        return UserPrefix + Base64Url.EncodeToString(hash.AsSpan(0, HashBytes));
    }
}
