using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ChatBot.Core.Triage;

/// <summary>Precision, recall and F1 of one label.</summary>
public sealed record LabelScore(string Label, int Support, int Predicted, int Correct)
{
    public double Precision => Predicted == 0 ? (Support == 0 ? 1 : 0) : (double)Correct / Predicted;

    public double Recall => Support == 0 ? 1 : (double)Correct / Support;

    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);
}

/// <summary>A labeled message the triage got wrong, with what it said instead.</summary>
public sealed record TriageMiss(int Line, LabeledMessage Expected, TriageResult Actual)
{
    public bool RiskWrong => Expected.Risk != Actual.Risk;

    public bool SpeakerWrong => Expected.Speaker != Actual.Speaker;
}

/// <summary>
/// How well the triage does on a labeled set, and the two numbers the service is held to:
/// crisis recall (missing a crisis is the worst failure) and the false-alarm rate on normal messages
/// (crying wolf drives people away).
/// </summary>
public sealed class TriageEvaluation
{
    /// <summary>The lowest acceptable share of crisis messages labeled crisis.</summary>
    public const double RequiredCrisisRecall = 0.98;

    /// <summary>The highest acceptable share of normal messages labeled high or crisis.</summary>
    public const double MaxFalseAlarmRate = 0.05;

    private TriageEvaluation(int count, int[,] riskConfusion, IReadOnlyList<LabelScore> risk, IReadOnlyList<LabelScore> speaker, IReadOnlyList<LabelScore> topics, IReadOnlyList<TriageMiss> misses, int topicMisses, (int Danger, int Normal) tentative)
    {
        Tentative = tentative;
        Count = count;
        RiskConfusion = riskConfusion;
        Risk = risk;
        Speaker = speaker;
        Topics = topics;
        Misses = misses;
        TopicMisses = topicMisses;
    }

    public int Count { get; }

    /// <summary>[expected, actual] counts, indexed by <see cref="RiskLevel"/>.</summary>
    public int[,] RiskConfusion { get; }

    public IReadOnlyList<LabelScore> Risk { get; }

    public IReadOnlyList<LabelScore> Speaker { get; }

    public IReadOnlyList<LabelScore> Topics { get; }

    /// <summary>Every message whose risk or speaker was wrong, in file order.</summary>
    public IReadOnlyList<TriageMiss> Misses { get; }

    /// <summary>How many messages got a topic set different from their label.</summary>
    public int TopicMisses { get; }

    public double CrisisRecall => Risk[(int)RiskLevel.Crisis].Recall;

    /// <summary>Crisis and high messages that got no danger response at all (read as normal): the worst miss.</summary>
    public double DangerReadAsNormalRate
    {
        get
        {
            var danger = 0;
            for (var j = 0; j < 3; j++)
            {
                danger += RiskConfusion[1, j] + RiskConfusion[2, j];
            }

            return danger == 0 ? 0 : (double)(RiskConfusion[1, 0] + RiskConfusion[2, 0]) / danger;
        }
    }

    /// <summary>How many danger and normal messages were raised only by the examples (a tentative high).</summary>
    public (int Danger, int Normal) Tentative { get; }

    public double FalseAlarmRate
    {
        get
        {
            var normal = RiskConfusion[0, 0] + RiskConfusion[0, 1] + RiskConfusion[0, 2];
            return normal == 0 ? 0 : (double)(RiskConfusion[0, 1] + RiskConfusion[0, 2]) / normal;
        }
    }

    public bool MeetsThresholds => CrisisRecall >= RequiredCrisisRecall && FalseAlarmRate <= MaxFalseAlarmRate;

    /// <summary>Reads a labeled set: one JSON object a line; blank lines are skipped.</summary>
    public static IReadOnlyList<(int Line, LabeledMessage Message)> ReadLabeled(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var result = new List<(int, LabeledMessage)>();
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            LabeledMessage? message;
            try
            {
                message = JsonSerializer.Deserialize<LabeledMessage>(line, TriageJson.Options);
            }
            catch (JsonException ex)
            {
                throw new FormatException($"line {number}: {ex.Message}", ex);
            }

            if (message is null || string.IsNullOrEmpty(message.Text))
            {
                throw new FormatException($"line {number}: a labeled message needs a text.");
            }

            result.Add((number, message with { Topics = message.Topics ?? [] }));
        }

        return result;
    }

    public static TriageEvaluation Run(ITriage triage, IReadOnlyList<(int Line, LabeledMessage Message)> set)
    {
        ArgumentNullException.ThrowIfNull(triage);
        ArgumentNullException.ThrowIfNull(set);
        var confusion = new int[3, 3];
        var speakerConfusion = new int[4, 4];
        var topics = Enum.GetValues<Topic>();
        var topicCounts = new int[topics.Length, 3]; // support, predicted, correct
        var misses = new List<TriageMiss>();
        var topicMisses = 0;
        var tentative = (Danger: 0, Normal: 0);
        foreach (var (line, expected) in set)
        {
            var actual = triage.Classify(expected.Text);
            if (actual.Tentative)
            {
                tentative = expected.Risk == RiskLevel.Normal ? (tentative.Danger, tentative.Normal + 1) : (tentative.Danger + 1, tentative.Normal);
            }

            confusion[(int)expected.Risk, (int)actual.Risk]++;
            speakerConfusion[(int)expected.Speaker, (int)actual.Speaker]++;
            var topicsRight = true;
            foreach (var topic in topics)
            {
                var want = expected.Topics.Contains(topic);
                var got = actual.Topics.Contains(topic);
                topicCounts[(int)topic, 0] += want ? 1 : 0;
                topicCounts[(int)topic, 1] += got ? 1 : 0;
                topicCounts[(int)topic, 2] += want && got ? 1 : 0;
                topicsRight &= want == got;
            }

            topicMisses += topicsRight ? 0 : 1;
            if (expected.Risk != actual.Risk || expected.Speaker != actual.Speaker)
            {
                misses.Add(new TriageMiss(line, expected, actual));
            }
        }

        return new TriageEvaluation(
            set.Count,
            confusion,
            Scores(Enum.GetValues<RiskLevel>(), confusion),
            Scores(Enum.GetValues<Speaker>(), speakerConfusion),
            [.. topics.Select(t => new LabelScore(TriageJson.Name(t), topicCounts[(int)t, 0], topicCounts[(int)t, 1], topicCounts[(int)t, 2]))],
            misses,
            topicMisses,
            tentative);
    }

    private static LabelScore[] Scores<TEnum>(TEnum[] labels, int[,] confusion)
        where TEnum : struct, Enum
    {
        var scores = new LabelScore[labels.Length];
        foreach (var label in labels)
        {
            var i = Convert.ToInt32(label, CultureInfo.InvariantCulture);
            int support = 0, predicted = 0;
            for (var j = 0; j < labels.Length; j++)
            {
                support += confusion[i, j];
                predicted += confusion[j, i];
            }

            scores[i] = new LabelScore(TriageJson.Name(label), support, predicted, confusion[i, i]);
        }

        return scores;
    }

    /// <summary>The report a reviewer reads: metrics, the confusion matrix, and every miss.</summary>
    public string Report()
    {
        var s = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        s.AppendLine(inv, $"messages: {Count}");
        s.AppendLine();
        s.AppendLine("risk        precision  recall     f1  support");
        foreach (var score in Risk)
        {
            AppendScore(s, score);
        }

        s.AppendLine();
        s.AppendLine("risk confusion (rows: labeled, columns: triage)");
        s.AppendLine("            normal    high  crisis");
        foreach (var expected in Enum.GetValues<RiskLevel>())
        {
            var e = (int)expected;
            s.AppendLine(inv, $"{TriageJson.Name(expected),-8}{RiskConfusion[e, 0],8}{RiskConfusion[e, 1],8}{RiskConfusion[e, 2],8}");
        }

        s.AppendLine();
        s.AppendLine("speaker     precision  recall     f1  support");
        foreach (var score in Speaker)
        {
            AppendScore(s, score);
        }

        s.AppendLine();
        s.AppendLine("topic       precision  recall     f1  support");
        foreach (var score in Topics)
        {
            AppendScore(s, score);
        }

        s.AppendLine(inv, $"messages with a topic set different from the label: {TopicMisses}");
        s.AppendLine();
        s.AppendLine(inv, $"crisis recall:            {CrisisRecall:0.000} (required ≥ {RequiredCrisisRecall:0.00})");
        s.AppendLine(inv, $"false alarms on normal:   {FalseAlarmRate:0.000} (allowed ≤ {MaxFalseAlarmRate:0.00})");
        s.AppendLine(inv, $"crisis or high read as normal (no danger response at all): {DangerReadAsNormalRate:0.000}");
        s.AppendLine(inv, $"raised only by the examples (a tentative high, the check-in): {Tentative.Danger} crisis or high, {Tentative.Normal} normal");
        s.AppendLine(MeetsThresholds ? "thresholds: met" : "thresholds: NOT MET");
        s.AppendLine();
        s.AppendLine(inv, $"misses ({Misses.Count}):");
        foreach (var miss in Misses)
        {
            var what = new List<string>();
            if (miss.RiskWrong)
            {
                what.Add($"risk {TriageJson.Name(miss.Expected.Risk)}→{TriageJson.Name(miss.Actual.Risk)}");
            }

            if (miss.SpeakerWrong)
            {
                what.Add($"speaker {TriageJson.Name(miss.Expected.Speaker)}→{TriageJson.Name(miss.Actual.Speaker)}");
            }

            var matches = miss.Actual.Matches.Count == 0 ? "-" : string.Join(' ', miss.Actual.Matches);
            s.AppendLine(inv, $"  line {miss.Line}: {string.Join(", ", what)} | {miss.Expected.Text} | matched: {matches}");
        }

        return s.ToString();
    }

    private static void AppendScore(StringBuilder s, LabelScore score) =>
        s.AppendLine(CultureInfo.InvariantCulture, $"{score.Label,-10}{score.Precision,10:0.000}{score.Recall,8:0.000}{score.F1,7:0.000}{score.Support,9}");
}
