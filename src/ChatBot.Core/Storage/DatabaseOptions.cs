namespace ChatBot.Core.Storage;

/// <summary>Where the embedded database lives. Bound from <c>ConnectionStrings:ChatBot</c>.</summary>
public sealed class DatabaseOptions
{
    public const string ConnectionStringName = "ChatBot";

    /// <summary>The default keeps everything in one SQLite file under <c>./data/</c>.</summary>
    public const string DefaultConnectionString = "Data Source=data/chatbot.db";

    public string ConnectionString { get; set; } = DefaultConnectionString;
}
