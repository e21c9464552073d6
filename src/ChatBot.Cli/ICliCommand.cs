namespace ChatBot.Cli;

/// <summary>One sub-command of <c>chatbot</c>.</summary>
public interface ICliCommand
{
    /// <summary>The first word on the command line, e.g. <c>triage</c>.</summary>
    string Name { get; }

    /// <summary>One line of help, e.g. <c>triage [eval FILE.jsonl]   classify lines from stdin</c>.</summary>
    string Usage { get; }

    /// <summary>Runs the command; returns the process exit code (0 ok, 1 failed check, 2 bad usage).</summary>
    Task<int> RunAsync(CliContext context, CancellationToken cancellationToken);
}

/// <summary>What a command gets: its arguments (without its own name), the standard streams and configuration.</summary>
public sealed record CliContext(string[] Args, TextReader In, TextWriter Out, TextWriter Error, Microsoft.Extensions.Configuration.IConfiguration Configuration);
