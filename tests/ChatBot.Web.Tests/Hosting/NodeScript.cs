using System.Diagnostics;

namespace ChatBot.Web.Tests.Hosting;

/// <summary>Runs a Node script of the test project (its npm packages installed by the build) and returns what it printed.</summary>
internal static class NodeScript
{
    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(string folder, string script, params string[] arguments)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = RepoPaths.TestData(folder),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        // A guard against a hung script, not a speed check: the scripts stop themselves after their own timeouts.
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(guard.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
