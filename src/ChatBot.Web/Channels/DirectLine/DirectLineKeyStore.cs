using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace ChatBot.Web.Channels.DirectLine;

/// <summary>
/// The token signing key: from configuration when given, else generated once and kept in the data
/// folder with owner-only permissions, so tokens survive a restart.
/// </summary>
internal sealed class DirectLineKeyStore
{
    public DirectLineKeyStore(IOptions<DirectLineOptions> options, IConfiguration configuration)
    {
        var configured = options.Value.TokenSigningKey;
        if (!string.IsNullOrWhiteSpace(configured))
        {
            byte[] key;
            try
            {
                key = Convert.FromBase64String(configured);
            }
            catch (FormatException ex)
            {
                throw new OptionsValidationException(DirectLineOptions.SectionName, typeof(DirectLineOptions), [$"DirectLine:TokenSigningKey is not base64: {ex.Message}"]);
            }

            if (key.Length < 32)
            {
                throw new OptionsValidationException(DirectLineOptions.SectionName, typeof(DirectLineOptions), ["DirectLine:TokenSigningKey must be at least 32 bytes."]);
            }

            SigningKey = key;
            return;
        }

        var directory = configuration["DataDirectory"] is { Length: > 0 } d ? d : "data";
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "directline-signing.key");
        if (File.Exists(path))
        {
            SigningKey = Convert.FromBase64String(File.ReadAllText(path).Trim());
            return;
        }

        SigningKey = RandomNumberGenerator.GetBytes(32);
        var temporary = path + "." + Guid.NewGuid().ToString("N");
        File.WriteAllText(temporary, Convert.ToBase64String(SigningKey));
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
            // Another instance wrote the key first: use theirs.
            File.Delete(temporary);
            SigningKey = Convert.FromBase64String(File.ReadAllText(path).Trim());
        }
    }

    public byte[] SigningKey { get; }
}
