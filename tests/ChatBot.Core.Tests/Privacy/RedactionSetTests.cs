using System.Text;
using ChatBot.Core.Privacy;
using Xunit.Abstractions;

namespace ChatBot.Core.Tests.Privacy;

public sealed class RedactionSetTests(ITestOutputHelper output)
{
    private static readonly LocalRedactor Redactor = new(RedactionLexicon.Load(RepoPaths.Dialogs));

    [Fact]
    public void Redaction_set_is_large_enough_and_every_entry_is_consistent()
    {
        var entries = RedactionSet.Load();
        Assert.True(entries.Count >= 240, $"the set has {entries.Count} snippets; at least 240 are required");
        var negatives = entries.Count(e => e.Kinds.Count == 0);
        Assert.True(negatives >= 60, $"the set has {negatives} negatives; at least 60 are required");
        Assert.Contains(entries, e => RedactionKinds.UsesJapanese(e.Text, e.Locale));
        Assert.Contains(entries, e => !RedactionKinds.UsesJapanese(e.Text, e.Locale));

        var problems = new List<string>();
        foreach (var entry in entries)
        {
            var placeholders = entry.Placeholders;
            if (!placeholders.Select(p => p.Kind).SequenceEqual(entry.Kinds))
            {
                problems.Add($"line {entry.Line}: kinds [{string.Join(",", entry.Kinds)}] do not match the placeholders of the expected text");
            }

            var japanese = RedactionKinds.UsesJapanese(entry.Text, entry.Locale);
            if (placeholders.Any(p => p.Placeholder != RedactionKinds.Placeholder(p.Kind, japanese)))
            {
                problems.Add($"line {entry.Line}: placeholders should be in {(japanese ? "Japanese" : "English")}");
            }

            var spans = entry.ExpectedSpans();
            if (spans is null)
            {
                problems.Add($"line {entry.Line}: the expected text does not line up with the text");
            }
            else if (RedactionText.Apply(entry.Text, spans, japanese).Text != entry.Expected)
            {
                problems.Add($"line {entry.Line}: the expected spans do not reproduce the expected text");
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void Local_redactor_meets_the_redaction_set_with_recall_and_precision_of_at_least_95_percent()
    {
        var entries = RedactionSet.Load();
        int expectedCount = 0, predictedCount = 0, correct = 0;
        var report = new StringBuilder();
        foreach (var entry in entries)
        {
            var expected = entry.ExpectedSpans() ?? throw new InvalidOperationException($"line {entry.Line} is malformed");
            var predicted = Redactor.Find(entry.Text);
            expectedCount += expected.Count;
            predictedCount += predicted.Count;
            var hits = predicted.Count(expected.Contains);
            correct += hits;
            if (hits != expected.Count || hits != predicted.Count)
            {
                var redacted = RedactionText.Apply(entry.Text, predicted, RedactionKinds.UsesJapanese(entry.Text, entry.Locale)).Text;
                report.AppendLine($"line {entry.Line} ({entry.Note}): expected «{entry.Expected}» got «{redacted}»");
            }
        }

        var recall = expectedCount == 0 ? 1 : (double)correct / expectedCount;
        var precision = predictedCount == 0 ? 1 : (double)correct / predictedCount;
        var summary = $"recall {recall:P1} ({correct}/{expectedCount}), precision {precision:P1} ({correct}/{predictedCount})";
        output.WriteLine(summary);
        output.WriteLine(report.ToString());
        Assert.True(recall >= 0.95 && precision >= 0.95, summary + Environment.NewLine + report);
    }
}
