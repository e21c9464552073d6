using System.Security.Cryptography;

namespace ChatBot.Core.Storage;

/// <summary>
/// A secret key kept in a file of the data folder: generated once (owner-only permissions, written
/// atomically so two instances starting together agree on one key) and read back on every start.
/// A damaged file stops the start instead of silently replacing the key.
/// </summary>
public static class KeyFile
{
    /// <summary>Creates the folder, readable by the service's own user only, when it does not exist; returns its full path.</summary>
    public static string EnsureOwnerOnlyDirectory(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var directory = Path.GetFullPath(path);
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

        return directory;
    }

    public static byte[] LoadOrCreate(string dataDirectory, string fileName, int length, string whatBreaksWithoutIt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        var directory = EnsureOwnerOnlyDirectory(dataDirectory);
        var path = Path.Combine(directory, fileName);
        if (File.Exists(path))
        {
            return Read(path, length, whatBreaksWithoutIt);
        }

        var key = RandomNumberGenerator.GetBytes(length);
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
            return Read(path, length, whatBreaksWithoutIt);
        }
    }

    /// <summary>Base64 of at least <paramref name="minimumLength"/> bytes, or null.</summary>
    public static byte[]? Decode(string value, int minimumLength)
    {
        ArgumentNullException.ThrowIfNull(value);
        var buffer = new byte[value.Length];
        return Convert.TryFromBase64String(value.Trim(), buffer, out var written) && written >= minimumLength ? buffer[..written] : null;
    }

    private static byte[] Read(string path, int length, string whatBreaksWithoutIt) =>
        Decode(File.ReadAllText(path), length)
        ?? throw new InvalidDataException($"{path} does not hold a base64 key of at least {length} bytes. Restore it from a backup; {whatBreaksWithoutIt}");
}
