using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace ChatBot.Core.Privacy;

/// <summary>
/// <c>u_</c> + base64url(HMAC-SHA256(key, channel and user id)). The channel is part of the input, so the
/// same id on two channels gives two pseudonyms; both parts are length-prefixed, so no two inputs collide.
/// </summary>
internal sealed class HmacPseudonymizer(PseudonymKey key) : IPseudonymizer
{
    public const string UserPrefix = "u_";

    public string UserId(string channelId, string channelUserId)
    {
        ArgumentException.ThrowIfNullOrEmpty(channelId);
        ArgumentException.ThrowIfNullOrEmpty(channelUserId);
        var channel = channelId.ToLowerInvariant();
        var input = Encoding.UTF8.GetBytes($"user:{channel.Length}:{channel}:{channelUserId.Length}:{channelUserId}");
        var hash = HMACSHA256.HashData(key.Bytes, input);
        return UserPrefix + Base64Url.EncodeToString(hash);
    }
}
