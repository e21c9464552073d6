using System.Text;

namespace ChatBot.Tests.Shared;

/// <summary>
/// Every byte of a SQLite database's files (the main file, write-ahead log, shared memory), for the tests that
/// prove deleted or redacted text cannot be read from the disk. Shared by both test projects (linked source).
/// </summary>
internal static class DatabaseBytes
{
    public static async Task<byte[]> ReadAsync(string folder, string fileName = "chatbot.db")
    {
        for (var attempt = 0; ; attempt++)
        {
            var bytes = new List<byte>();
            try
            {
                foreach (var file in Directory.GetFiles(folder, fileName + "*"))
                {
                    await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                    using var copy = new MemoryStream();
                    await stream.CopyToAsync(copy);
                    bytes.AddRange(copy.ToArray());
                }

                return [.. bytes];
            }
            catch (FileNotFoundException) when (attempt < 10)
            {
                // SQLite removed the write-ahead log as the last connection closed (its pages went into the main
                // file, perhaps after that was read): read every file again so nothing is missed.
            }
        }
    }

    /// <summary>Whether <paramref name="text"/> appears in <paramref name="bytes"/> as UTF-8 or UTF-16.</summary>
    public static bool Hold(byte[] bytes, string text) =>
        bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0 || bytes.AsSpan().IndexOf(Encoding.Unicode.GetBytes(text)) >= 0;
}
