using ChatBot.Core.Triage;

namespace ChatBot.Core.Tests.Triage;

/// <summary>
/// The labeled set written by the team (dialogs/triage/examples.jsonl). Every miss found
/// in the field goes there first. The triage must keep crisis recall at 0.98 or more and raise a false
/// alarm on at most 5% of normal messages.
/// </summary>
public sealed class LabeledSetTests
{
    private static readonly IReadOnlyList<(int Line, LabeledMessage Message)> Set = Load();

    private static IReadOnlyList<(int, LabeledMessage)> Load()
    {
        using var reader = new StreamReader(Path.Combine(RepoPaths.Dialogs, "triage", "examples.jsonl"));
        return TriageEvaluation.ReadLabeled(reader);
    }

    [Fact]
    public void The_set_has_at_least_360_messages_and_a_third_of_them_hard()
    {
        Assert.True(Set.Count >= 360, $"{Set.Count} messages");
        Assert.True(Set.Count(x => x.Message.Hard) * 3 >= Set.Count, $"{Set.Count(x => x.Message.Hard)} hard of {Set.Count}");
        Assert.Equal(Set.Count, Set.Select(x => x.Message.Text).Distinct(StringComparer.Ordinal).Count());
        Assert.All(Enum.GetValues<RiskLevel>(), risk => Assert.Contains(Set, x => x.Message.Risk == risk));
        Assert.All(Enum.GetValues<Speaker>(), speaker => Assert.Contains(Set, x => x.Message.Speaker == speaker));
    }

    [Fact]
    public void Crisis_recall_and_false_alarms_on_normal_messages_meet_the_thresholds()
    {
        var evaluation = TriageEvaluation.Run(TriageFixture.Triage, Set);

        Assert.True(evaluation.MeetsThresholds, evaluation.Report());
    }

    [Fact]
    public void The_rules_alone_also_meet_the_thresholds_so_the_examples_stay_a_safety_net()
    {
        var evaluation = TriageEvaluation.Run(TriageFixture.Rules, Set);

        Assert.True(evaluation.MeetsThresholds, evaluation.Report());
        Assert.Equal((0, 0), evaluation.Tentative);
    }

    [Fact]
    public void The_evaluation_fails_a_triage_that_misses_crises()
    {
        var blind = new Moq.Mock<ITriage>();
        blind.Setup(t => t.Classify(Moq.It.IsAny<string>())).Returns(TriageResult.Empty);

        var evaluation = TriageEvaluation.Run(blind.Object, Set);

        Assert.False(evaluation.MeetsThresholds);
        Assert.Equal(0, evaluation.CrisisRecall);
        Assert.Equal(1, evaluation.DangerReadAsNormalRate);
        Assert.Equal((0, 0), evaluation.Tentative);
        Assert.Equal(Set.Count(x => x.Message.Risk != RiskLevel.Normal || x.Message.Speaker != Speaker.Unknown), evaluation.Misses.Count);
        Assert.Contains("thresholds: NOT MET", evaluation.Report(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_evaluation_counts_what_only_the_examples_raised()
    {
        var unsure = new Moq.Mock<ITriage>();
        unsure.Setup(t => t.Classify(Moq.It.IsAny<string>())).Returns(new TriageResult(RiskLevel.High, Speaker.Self, [], [RuleBasedTriage.ExamplesMatchId]) { Tentative = true });

        var evaluation = TriageEvaluation.Run(unsure.Object, Set);

        Assert.Equal(0, evaluation.DangerReadAsNormalRate);
        Assert.Equal(Set.Count(x => x.Message.Risk == RiskLevel.Normal), evaluation.Tentative.Normal);
        Assert.Equal(Set.Count(x => x.Message.Risk != RiskLevel.Normal), evaluation.Tentative.Danger);
        Assert.Contains("raised only by the examples", evaluation.Report(), StringComparison.Ordinal);
    }
}
