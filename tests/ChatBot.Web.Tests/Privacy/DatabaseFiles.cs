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
        return ChatBot.Tests.Shared.DatabaseBytes.Hold(await ChatBot.Tests.Shared.DatabaseBytes.ReadAsync(server.Directory), text);
    }
}
