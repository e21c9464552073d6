using ChatBot.Core.Storage;
using Microsoft.Extensions.Options;

namespace ChatBot.Core.Tests.Storage;

/// <summary>A real SQLite file in a temporary folder, opened as the service opens it.</summary>
internal sealed class TempDatabase : IDisposable
{
    public TempDatabase()
    {
        Directory.CreateDirectory(Folder);
    }

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "chatbot-core-tests", Guid.NewGuid().ToString("N"));

    public string FilePath => Path.Combine(Folder, "chatbot.db");

    /// <summary>A fresh <see cref="SqliteDatabase"/> on the same file, as after a restart.</summary>
    public SqliteDatabase Open(params SqlSchema[] schemas) =>
        new(Options.Create(new DatabaseOptions { ConnectionString = $"Data Source={FilePath}" }), schemas);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean.
        }
    }
}
