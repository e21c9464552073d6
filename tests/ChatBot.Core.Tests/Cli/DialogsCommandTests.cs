using ChatBot.Cli;
using ChatBot.Core.Tests.Dialogs;

namespace ChatBot.Core.Tests.Cli;

public sealed class DialogsCommandTests : IDisposable
{
    private readonly DialogsFolder _dialogs = new();

    public void Dispose() => _dialogs.Dispose();

    [Fact]
    public async Task Validate_succeeds_on_the_repository_content()
    {
        var (code, output, _) = await RunAsync("validate");

        Assert.Equal(0, code);
        Assert.StartsWith("ok: ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_prints_each_error_as_file_line_message_and_fails()
    {
        _dialogs.Replace("flows/closing.yaml", "  - action: end", "  - action: fly-to-the-moon");
        _dialogs.Replace("flows/pause.yaml", "  - end: true", "    next: nowhere\n  - end: true");

        var (code, output, error) = await RunAsync("validate");

        Assert.Equal(1, code);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains(lines, l => l.StartsWith("dialogs/flows/closing.yaml:9: unknown action 'fly-to-the-moon'", StringComparison.Ordinal));
        Assert.Contains("dialogs/flows/pause.yaml:9: unknown step 'nowhere' in flow 'pause'", lines);
        Assert.Contains("error(s).", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Test_runs_the_scenarios_and_counts_passes_and_failures()
    {
        Directory.CreateDirectory(Path.Combine(_dialogs.Root, "tests", "fixtures"));
        File.Copy(Path.Combine(RepoPaths.Dialogs, "tests", "fixtures", "crisis-lines.yaml"), Path.Combine(_dialogs.Root, "tests", "fixtures", "crisis-lines.yaml"));
        _dialogs.Write("tests/two.yaml", """
            scenarios:
              - name: Greets
                turns:
                  - join: true
                    says: [匿名・無料]
              - name: Expects something never said
                turns:
                  - join: true
                    says: [さようなら]
            """);

        var (code, output, _) = await RunAsync("test");

        Assert.Equal(1, code);
        Assert.Contains("  pass  Greets", output, StringComparison.Ordinal);
        Assert.Contains("  FAIL  Expects something never said", output, StringComparison.Ordinal);
        Assert.Contains("expected the bot to say \"さようなら\"", output, StringComparison.Ordinal);
        Assert.Contains("1 passed, 1 failed", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_sub_command_shows_the_usage()
    {
        var (code, _, error) = await RunAsync("frobnicate");

        Assert.Equal(2, code);
        Assert.Contains("dialogs validate", error, StringComparison.Ordinal);
    }

    private async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var context = new CliContext(args, TextReader.Null, output, error, _dialogs.Configuration());

        var code = await new DialogsCommand().RunAsync(context, CancellationToken.None);

        return (code, output.ToString(), error.ToString());
    }
}
