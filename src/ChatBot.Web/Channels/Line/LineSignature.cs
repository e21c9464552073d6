using System.Security.Cryptography;
using System.Text;

namespace ChatBot.Web.Channels.Line;

/// <summary>
/// LINE's webhook signature: Base64(HMAC-SHA256(channel secret, raw body)) in <c>x-line-signature</c>,
/// checked over the exact bytes received, in constant time, before anything is parsed.
/// </summary>
internal static class LineSignature
{
    public static bool IsValid(ReadOnlySpan<byte> rawBody, string channelSecret, string? header)
    {
        if (string.IsNullOrEmpty(header) || header.Length > 128)
        {
            return false;
        }

        Span<byte> given = stackalloc byte[96];
        if (!Convert.TryFromBase64String(header, given, out var written) || written != 32)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[32];
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(channelSecret), rawBody, expected);
        return CryptographicOperations.FixedTimeEquals(expected, given[..written]);
    }

    public static string Compute(ReadOnlySpan<byte> rawBody, string channelSecret) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(channelSecret), rawBody));
}
