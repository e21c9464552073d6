using System.Text;
using ChatBot.Core.Storage;
using ChatBot.Web.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Web.Tests.Privacy;

/// <summary>Searches the bytes of a server's SQLite files (database, WAL, journal) after a checkpoint.</summary>
internal static class DatabaseFiles
{
    public static async Task<bool> ContainAsync(ChatBotServer server, string text)
    {
        await server.Services.GetRequiredService<SqliteDatabase>().CheckpointAsync(CancellationToken.None);
        var needle = Encoding.UTF8.GetBytes(text);
        foreach (var file in Directory.GetFiles(server.Directory, "chatbot.db*"))
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer);
            if (buffer.GetBuffer().AsSpan(0, (int)buffer.Length).IndexOf(needle) >= 0)
            {
                return true;
            }
        }

        return false;
    }
}
