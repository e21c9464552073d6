using ChatBot.Core.Content;
using ChatBot.Core.Triage;

namespace ChatBot.Core.Tests.Triage;

/// <summary>
/// What the triage learns from dialogs/triage/examples.jsonl: a safety net under the rules that can only
/// raise a message no rule read as danger to a tentative high.
/// </summary>
public sealed class ExampleModelTests
{
    private const string OneRule = """
        language: ja
        cues:
          - id: ja.die
            risk: high
            terms: [死にたい]
        """;

    private static readonly LabeledMessage[] Small =
    [
        Danger("薬を全部のんだ、ふわふわする"),
        Danger("薬をためてある、もう飲む"),
        Danger("ためた薬を並べた"),
        Danger("薬をぜんぶ飲んでしまった"),
        Normal("今日は天気がいいので散歩した"),
        Normal("ご飯を食べて、少し眠い"),
        Normal("支援センターの場所を教えてください"),
        Normal("天気のいい日は外に出たい"),
        Danger("I'm going to take all the pills tonight"),
        Normal("I went for a walk in the park today"),
    ];

    [Fact]
    public void A_message_no_rule_reads_but_that_is_like_the_danger_examples_gets_a_tentative_high()
    {
        var triage = SmallTriage();

        var result = triage.Classify("さっき薬をのんだ。ふわふわしてる");

        Assert.Equal(RiskLevel.High, result.Risk);
        Assert.True(result.Tentative);
        Assert.Contains(RuleBasedTriage.ExamplesMatchId, result.Matches);
        Assert.Equal(Speaker.Self, result.Speaker);
    }

    [Fact]
    public void A_message_like_the_normal_examples_stays_normal()
    {
        var triage = SmallTriage();

        var result = triage.Classify("天気がいいから散歩に行きたい");

        Assert.Equal(RiskLevel.Normal, result.Risk);
        Assert.False(result.Tentative);
        Assert.DoesNotContain(RuleBasedTriage.ExamplesMatchId, result.Matches);
    }

    [Fact]
    public void What_a_rule_found_is_never_changed_by_the_examples()
    {
        var triage = SmallTriage();

        var result = triage.Classify("死にたい。薬を全部のんだ");

        Assert.Equal(RiskLevel.High, result.Risk);
        Assert.False(result.Tentative);
        Assert.DoesNotContain(RuleBasedTriage.ExamplesMatchId, result.Matches);
    }

    [Fact]
    public void Each_script_is_judged_by_its_own_examples_and_never_by_the_others()
    {
        var japaneseOnly = ExampleModel.Train(Small.Where(m => !char.IsAsciiLetter(m.Text[0])));
        var triage = new RuleBasedTriage(TriageLexicon.Load([("t.yaml", OneRule)]), japaneseOnly, examplesThreshold: -50);

        // With no English examples there is no English model: even the lowest threshold raises nothing.
        Assert.Equal(RiskLevel.Normal, triage.Classify("took all the pills, feeling floaty").Risk);
        Assert.Equal(RiskLevel.High, triage.Classify("薬をのんだ").Risk);
    }

    [Fact]
    public async Task The_service_learns_from_the_examples_file_and_honours_the_threshold_setting()
    {
        await using var core = await CoreServices.StartAsync(new Dictionary<string, string?> { ["Triage:ExampleThreshold"] = "50" });

        var triage = Assert.IsType<RuleBasedTriage>(core.Get<ITriage>());

        Assert.NotNull(triage.Examples);
        Assert.True(triage.Examples.DangerExamples > 1000 && triage.Examples.NormalExamples > 500);
        Assert.DoesNotContain(RuleBasedTriage.ExamplesMatchId, triage.Classify("いまODった　ストックしてたやつ全部　なんかふわふわしてきた").Matches);
    }

    [Fact]
    public async Task With_learning_from_examples_turned_off_the_rules_work_alone()
    {
        await using var core = await CoreServices.StartAsync(new Dictionary<string, string?> { ["Triage:LearnFromExamples"] = "false" });

        var triage = Assert.IsType<RuleBasedTriage>(core.Get<ITriage>());

        Assert.Null(triage.Examples);
    }

    [Fact]
    public void A_broken_examples_file_stops_the_start_with_the_file_and_the_line()
    {
        var dialogs = Directory.CreateTempSubdirectory("chatbot-examples-");
        try
        {
            Directory.CreateDirectory(Path.Combine(dialogs.FullName, "triage"));
            File.WriteAllLines(Path.Combine(dialogs.FullName, "triage", "examples.jsonl"),
            [
                """{"text": "死にたい", "risk": "high", "speaker": "self", "topics": [], "hard": false}""",
                """{"text": "こんにちは", "risk": "urgent"}""",
            ]);

            var error = Assert.Throws<InvalidDataException>(() =>
                TriageContent.LoadExamples(new ContentOptions { DialogsPath = dialogs.FullName }, new TriageOptions()));

            Assert.Contains("triage/examples.jsonl", error.Message, StringComparison.Ordinal);
            Assert.Contains("line 2", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            dialogs.Delete(recursive: true);
        }
    }

    [Fact]
    public void Examples_with_no_danger_at_all_are_refused()
    {
        var error = Assert.Throws<InvalidDataException>(() => ExampleModel.Train(Small.Where(m => m.Risk == RiskLevel.Normal)));

        Assert.Contains("danger", error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// The honest measure: nine batches written by people who never saw the rules or the examples. The model
    /// is learnt from the examples without the batch, then asked about the batch alone (no rules). What it
    /// must keep doing: flag most danger, and flag a minority of normal messages (which in these batches are
    /// mostly hard normals full of frightening words: 死ぬほど, ゲームで死んだ, a knife in cooking).
    /// The figures it gives are in tests/ChatBot.Core.Tests/Triage/README.md.
    /// </summary>
    [Theory]
    [InlineData("heldout-9.jsonl")]
    [InlineData("heldout-10.jsonl")]
    [InlineData("heldout-11.jsonl")]
    [InlineData("heldout-12.jsonl")]
    [InlineData("heldout-13.jsonl")]
    [InlineData("heldout-14.jsonl")]
    [InlineData("heldout-15.jsonl")]
    [InlineData("heldout-16.jsonl")]
    [InlineData("heldout-17.jsonl")]
    public void On_a_batch_it_never_saw_the_model_flags_most_danger_and_few_normal_messages(string batch)
    {
        var held = Read(RepoPaths.TestData(Path.Combine("Triage", batch)));
        var texts = held.Select(m => m.Text).ToHashSet(StringComparer.Ordinal);
        var model = ExampleModel.Train(Read(Path.Combine(RepoPaths.Dialogs, "triage", "examples.jsonl")).Where(m => !texts.Contains(m.Text)));

        var danger = held.Where(m => m.Risk != RiskLevel.Normal).ToList();
        var normal = held.Where(m => m.Risk == RiskLevel.Normal).ToList();
        var found = danger.Count(m => Flagged(model, m.Text)) / (double)danger.Count;
        var falseAlarms = normal.Count(m => Flagged(model, m.Text)) / (double)normal.Count;

        Assert.True(found >= 0.75, $"{batch}: the model alone flagged {found:P1} of danger messages, {falseAlarms:P1} of normal");
        Assert.True(falseAlarms <= 0.20, $"{batch}: the model alone flagged {falseAlarms:P1} of normal messages");
    }

    /// <summary>One rule (死にたい → high) and a model of the small examples, raising at even odds.</summary>
    private static RuleBasedTriage SmallTriage() =>
        new(TriageLexicon.Load([("t.yaml", OneRule)]), ExampleModel.Train(Small), examplesThreshold: 0);

    private static bool Flagged(ExampleModel model, string text)
    {
        using var buffer = TriageText.NormalizeMessage(text);
        return model.Score(buffer.Written) >= TriageOptions.DefaultExampleThreshold;
    }

    private static List<LabeledMessage> Read(string path)
    {
        using var reader = new StreamReader(path);
        return [.. TriageEvaluation.ReadLabeled(reader).Select(x => x.Message)];
    }

    private static LabeledMessage Danger(string text) => new(text, RiskLevel.Crisis, Speaker.Self, [], false, null);

    private static LabeledMessage Normal(string text) => new(text, RiskLevel.Normal, Speaker.Unknown, [], false, null);
}
