using System.Text.Json;
using ChatBot.Cli;

namespace ChatBot.Core.Tests.Cli;

public sealed class TriageCommandTests
{
    private static async Task<(int Code, string Out, string Error)> RunAsync(string stdin, params string[] args)
    {
        using var input = new StringReader(stdin);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApp.RunAsync(args, input, output, error, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Triage_writes_one_readable_json_object_a_line_with_lower_case_labels()
    {
        var (code, output, _) = await RunAsync("今から死にます\n息子が20年ひきこもっています\n", "triage");

        Assert.Equal(0, code);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Contains("今から死にます", lines[0], StringComparison.Ordinal);
        using var first = JsonDocument.Parse(lines[0]);
        Assert.Equal("今から死にます", first.RootElement.GetProperty("text").GetString());
        Assert.Equal("crisis", first.RootElement.GetProperty("risk").GetString());
        Assert.Equal("self", first.RootElement.GetProperty("speaker").GetString());
        Assert.Contains("ja.intent", first.RootElement.GetProperty("matches").EnumerateArray().Select(m => m.GetString()));
        using var second = JsonDocument.Parse(lines[1]);
        Assert.Equal("normal", second.RootElement.GetProperty("risk").GetString());
        Assert.Equal("family", second.RootElement.GetProperty("speaker").GetString());
        Assert.Equal(["family", "isolation"], second.RootElement.GetProperty("topics").EnumerateArray().Select(t => t.GetString()));
    }

    [Fact]
    public async Task Triage_eval_passes_on_the_labeled_set_and_reports_the_matrix()
    {
        var (code, output, _) = await RunAsync(string.Empty, "triage", "eval", Path.Combine(RepoPaths.Dialogs, "triage", "examples.jsonl"));

        Assert.Equal(0, code);
        Assert.Contains("risk confusion", output, StringComparison.Ordinal);
        Assert.Contains("crisis recall:", output, StringComparison.Ordinal);
        Assert.Contains("thresholds: met", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Triage_eval_fails_and_lists_the_miss_when_a_crisis_is_missed()
    {
        var file = Path.Combine(Path.GetTempPath(), $"chatbot-eval-{Guid.NewGuid():N}.jsonl");
        await File.WriteAllTextAsync(file, """
            {"text":"こんにちは、今日は晴れですね","risk":"crisis","speaker":"unknown","topics":[],"hard":false,"note":"deliberately mislabeled"}
            {"text":"死にたい","risk":"high","speaker":"self","topics":[],"hard":false,"note":""}

            """);
        try
        {
            var (code, output, _) = await RunAsync(string.Empty, "triage", "eval", file);

            Assert.Equal(1, code);
            Assert.Contains("thresholds: NOT MET", output, StringComparison.Ordinal);
            var miss = Assert.Single(output.Split('\n'), l => l.Contains("こんにちは、今日は晴れですね", StringComparison.Ordinal));
            Assert.StartsWith("  line 1: risk crisis→normal", miss, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Triage_with_unknown_arguments_shows_its_usage()
    {
        var (code, _, error) = await RunAsync(string.Empty, "triage", "score");

        Assert.Equal(2, code);
        Assert.Contains("triage [eval FILE.jsonl]", error, StringComparison.Ordinal);
    }
}
