using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;

namespace ChatBot.Core.Privacy;

/// <summary>
/// HMAC-SHA256 keyed hashes (base64url, prefixed <c>u_</c>). The key comes from <c>Privacy:PseudonymKey</c>
/// (base64, at least 32 bytes) or is generated once into <c>{DataDirectory}/pseudonym.key</c>, owner-only,
/// so keys are stable across restarts. Without the key, a hash cannot be turned back into the id or
/// recomputed from a guessed id.
/// </summary>
internal sealed class HmacPseudonymizer : IPseudonymizer
{
    private readonly byte[] _key;

    public HmacPseudonymizer(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var configured = configuration["Privacy:PseudonymKey"];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            _key = Convert.FromBase64String(configured);
            if (_key.Length < 32)
            {
                throw new InvalidOperationException("Privacy:PseudonymKey must be at least 32 bytes (base64).");
            }

            return;
        }

        var directory = configuration["DataDirectory"] is { Length: > 0 } d ? d : "data";
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "pseudonym.key");
        if (!File.Exists(path))
        {
            var temporary = path + "." + Guid.NewGuid().ToString("N");
            File.WriteAllText(temporary, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            try
            {
                File.Move(temporary, path, overwrite: false);
            }
            catch (IOException)
            {
                File.Delete(temporary);
            }
        }

        _key = Convert.FromBase64String(File.ReadAllText(path).Trim());
    }

    public string Pseudonymize(string channelId, string channelUserId)
    {
        ArgumentException.ThrowIfNullOrEmpty(channelId);
        ArgumentException.ThrowIfNullOrEmpty(channelUserId);
        var hash = HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(channelId + "\n" + channelUserId));
        return "u_" + Base64Url.EncodeToString(hash.AsSpan(0, 20));
    }
}
