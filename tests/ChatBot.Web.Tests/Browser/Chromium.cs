using System.Diagnostics;

namespace ChatBot.Web.Tests.Browser;

/// <summary>
/// Debian's chromium, driven by Playwright through <c>ExecutablePath</c> (Playwright's own browser download
/// is not available here). Install it with <c>apt-get update &amp;&amp; apt-get install -y chromium</c>;
/// <c>.ci/run</c> does so on CI.
/// </summary>
internal static class Chromium
{
    public static readonly string[] Arguments =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    private static readonly Lazy<string?> Found = new(FindExecutable);

    /// <summary>The result of <c>command -v chromium</c>, or null when it finds nothing.</summary>
    public static string? ExecutablePath => Found.Value;

    /// <summary>On CI (CI=true) a missing browser fails the browser tests instead of skipping them.</summary>
    public static bool IsRequired => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public const string MissingMessage =
        "Chromium was not found (`command -v chromium` found nothing). Install it with `apt-get update && apt-get install -y chromium`.";

    private static string? FindExecutable()
    {
        try
        {
            var start = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, UseShellExecute = false };
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add("command -v chromium");
            using var process = Process.Start(start)!;
            var path = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            return process.ExitCode == 0 && path.Length > 0 && File.Exists(path) ? path : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}

/// <summary>
/// A browser test: skipped, with the reason, when chromium is missing on a developer's machine; run (and so
/// failing with <see cref="Chromium.MissingMessage"/>) when CI=true.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (Chromium.ExecutablePath is null && !Chromium.IsRequired)
        {
            Skip = Chromium.MissingMessage;
        }
    }
}
