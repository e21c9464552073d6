using ChatBot.Core.Dialogs.Testing;

namespace ChatBot.Core.Tests.Dialogs;

/// <summary>
/// Plays every conversation test written in <c>dialogs/tests/*.yaml</c> (the same ones
/// <c>chatbot dialogs test</c> runs). A failure names the scenario and shows the expected and the actual turn.
/// </summary>
public sealed class ConversationTranscriptTests
{
    private static readonly Lazy<TranscriptSuite> Suite = new(() => TranscriptSuite.Load(RepoPaths.Dialogs));
    private static readonly Lazy<TranscriptRunner> Runner = new(() => new TranscriptRunner(RepoPaths.Dialogs, Suite.Value.Fixtures));

    public static TheoryData<string> Scenarios()
    {
        var data = new TheoryData<string>();
        foreach (var scenario in Suite.Value.Scenarios)
        {
            data.Add(scenario.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Scenario(string name)
    {
        var scenario = Suite.Value.Scenarios.Single(s => s.Name == name);

        var outcome = await Runner.Value.RunAsync(scenario, CancellationToken.None);

        Assert.True(outcome.Passed, outcome.Message);
    }

    [Fact]
    public void Every_test_file_loads()
    {
        Assert.Empty(Suite.Value.Errors);
    }

    [Fact]
    public void There_are_at_least_forty_scenarios_covering_both_languages()
    {
        Assert.True(Suite.Value.Scenarios.Count >= 40, $"only {Suite.Value.Scenarios.Count} scenarios");
        Assert.Contains(Suite.Value.Scenarios, s => s.Locale == "en");
        Assert.Contains(Suite.Value.Scenarios, s => s.Turns.Any(t => t.Kind == TranscriptTurnKind.Restart));
        Assert.Contains(Suite.Value.Scenarios, s => s.Turns.Any(t => t.Kind == TranscriptTurnKind.Clock));
    }

    [Fact]
    public async Task A_failing_scenario_shows_the_expected_and_the_actual_turn()
    {
        var folder = Path.Combine(Path.GetTempPath(), "chatbot-transcript-failure", Guid.NewGuid().ToString("N"), "dialogs");
        try
        {
            Directory.CreateDirectory(Path.Combine(folder, "tests", "fixtures"));
            File.Copy(Path.Combine(RepoPaths.Dialogs, "tests", "fixtures", "crisis-lines.yaml"), Path.Combine(folder, "tests", "fixtures", "crisis-lines.yaml"));
            File.WriteAllText(Path.Combine(folder, "tests", "wrong.yaml"), """
                scenarios:
                  - name: Expects the wrong greeting
                    turns:
                      - join: true
                        says: [さようなら]
                        choices: [はい]
                """);
            var suite = TranscriptSuite.Load(folder);
            var runner = new TranscriptRunner(RepoPaths.Dialogs, suite.Fixtures);

            var outcome = await runner.RunAsync(Assert.Single(suite.Scenarios), CancellationToken.None);

            Assert.False(outcome.Passed);
            Assert.Contains("scenario 'Expects the wrong greeting'", outcome.Message, StringComparison.Ordinal);
            Assert.Contains("turn 1 (dialogs/tests/wrong.yaml:4) join", outcome.Message, StringComparison.Ordinal);
            Assert.Contains("expected the bot to say \"さようなら\"", outcome.Message, StringComparison.Ordinal);
            Assert.Contains("expected the choices [はい], got [自分のこと | 家族・身近な人のこと | 支援について知りたい | 人と話したい | 折り返し連絡がほしい]", outcome.Message, StringComparison.Ordinal);
            Assert.Contains("bot [ja]: こんにちは。", outcome.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(folder)!, recursive: true);
        }
    }
}
