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
        var webSettings = Path.Combine("src", "ChatBot.Web", "appsettings.json");
        if (File.Exists(webSettings))
        {
            builder.AddJsonFile(Path.GetFullPath(webSettings), optional: true);
        }

        return builder.AddEnvironmentVariables().Build();
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
