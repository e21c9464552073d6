using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace ChatBot.Core.Privacy;

/// <summary>
/// The key of the pseudonym hash: from <c>Privacy:PseudonymKey</c> when set, else generated once and
/// kept in <c>{DataDirectory}/pseudonym.key</c>, readable by the service's own user only, so pseudonyms
/// survive restarts. A damaged key file stops the service rather than silently giving everyone new pseudonyms.
/// </summary>
internal sealed class PseudonymKey
{
    public const string FileName = "pseudonym.key";
    public const int MinimumLength = 32;

    public PseudonymKey(IOptions<PrivacyOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var configured = options.Value.PseudonymKey;
        Bytes = string.IsNullOrWhiteSpace(configured)
            ? LoadOrCreate(options.Value.DataDirectory)
            : Decode(configured) ?? throw new OptionsValidationException(PrivacyOptions.SectionName, typeof(PrivacyOptions), [$"Privacy:PseudonymKey must be base64 of at least {MinimumLength} bytes."]);
    }

    public byte[] Bytes { get; }

    public static byte[]? Decode(string value)
    {
        var buffer = new byte[value.Length];
        return Convert.TryFromBase64String(value.Trim(), buffer, out var written) && written >= MinimumLength ? buffer[..written] : null;
    }

    private static byte[] LoadOrCreate(string dataDirectory)
    {
        var directory = Path.GetFullPath(dataDirectory);
        if (!Directory.Exists(directory))
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(directory);
            }
            else
            {
                Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        var path = Path.Combine(directory, FileName);
        if (File.Exists(path))
        {
            return Read(path);
        }

        var key = RandomNumberGenerator.GetBytes(MinimumLength);
        var temporary = path + "." + Guid.NewGuid().ToString("N");
        var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var writer = new StreamWriter(temporary, System.Text.Encoding.ASCII, create))
        {
            writer.Write(Convert.ToBase64String(key));
        }

        try
        {
            File.Move(temporary, path, overwrite: false);
            return key;
        }
        catch (IOException)
        {
            // Another instance wrote its key first: everyone uses that one.
            File.Delete(temporary);
            return Read(path);
        }
    }

    private static byte[] Read(string path) =>
        Decode(File.ReadAllText(path))
        ?? throw new InvalidDataException(
            $"{path} does not hold a base64 key of at least {MinimumLength} bytes. Restore it from a backup; deleting it gives every person a new pseudonym.");
}
