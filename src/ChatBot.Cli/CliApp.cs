using Microsoft.Extensions.Configuration;

namespace ChatBot.Cli;

/// <summary>
/// The <c>chatbot</c> command. Each sub-command is one <see cref="ICliCommand"/> in its own file,
/// listed once in <see cref="Commands"/>.
/// </summary>
public static class CliApp
{
    private static readonly ICliCommand[] Commands =
    [
        new PurgeCommand(),
        new TriageCommand(),
        new DialogsCommand(),
        new CounsellorCommand(),
    ];

    public static async Task<int> RunAsync(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stderr);
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            await WriteUsageAsync(args.Length == 0 ? stderr : stdout);
            return args.Length == 0 ? 2 : 0;
        }

        var command = Commands.FirstOrDefault(c => string.Equals(c.Name, args[0], StringComparison.Ordinal));
        if (command is null)
        {
            await stderr.WriteLineAsync($"chatbot: unknown command '{args[0]}'.");
            await WriteUsageAsync(stderr);
            return 2;
        }

        var context = new CliContext(args[1..], stdin, stdout, stderr, BuildConfiguration());
        return await command.RunAsync(context, cancellationToken);
    }

    /// <summary>
    /// The same configuration sources as the web host: appsettings.json of the web project when run
    /// from the repository, then environment variables (<c>ConnectionStrings__ChatBot</c> and so on).
    /// </summary>
    public static IConfiguration BuildConfiguration()
    {
        var builder = new ConfigurationBuilder();
        var webProject = Path.GetFullPath(Path.Combine("src", "ChatBot.Web"));
        var webSettings = Path.Combine(webProject, "appsettings.json");
        if (File.Exists(webSettings))
        {
            builder.AddJsonFile(webSettings, optional: true);
        }

        var configuration = builder.AddEnvironmentVariables().Build();
        if (!Directory.Exists(webProject))
        {
            return configuration;
        }

        // `dotnet run --project src/ChatBot.Web` runs the service in its project folder, so its relative
        // paths (the SQLite file, the key files) start there: the command must find the same files.
        var overrides = new Dictionary<string, string?>();
        var connection = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(
            configuration.GetConnectionString(Core.Storage.DatabaseOptions.ConnectionStringName) ?? Core.Storage.DatabaseOptions.DefaultConnectionString);
        if (!string.IsNullOrEmpty(connection.DataSource) && !Path.IsPathRooted(connection.DataSource) && !connection.DataSource.StartsWith(':'))
        {
            connection.DataSource = Path.Combine(webProject, connection.DataSource);
            overrides["ConnectionStrings:" + Core.Storage.DatabaseOptions.ConnectionStringName] = connection.ToString();
        }

        var dataDirectory = configuration["DataDirectory"] is { Length: > 0 } d ? d : "data";
        if (!Path.IsPathRooted(dataDirectory))
        {
            overrides["DataDirectory"] = Path.Combine(webProject, dataDirectory);
        }

        return new ConfigurationBuilder().AddConfiguration(configuration).AddInMemoryCollection(overrides).Build();
    }

    private static async Task WriteUsageAsync(TextWriter writer)
    {
        await writer.WriteLineAsync("usage: chatbot <command> [arguments]");
        await writer.WriteLineAsync();
        foreach (var command in Commands)
        {
            await writer.WriteLineAsync($"  {command.Usage}");
        }
    }
}
