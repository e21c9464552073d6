using System.Text.Json;
using System.Text.RegularExpressions;
using ChatBot.Core.Privacy;

namespace ChatBot.Core.Tests.Privacy;

/// <summary>
/// The labelled redaction set (redaction-set.jsonl): each line a snippet, the text it should become,
/// the kinds replaced, and a note. Expected spans are recovered by lining the expected text up with
/// the original around its placeholders.
/// </summary>
internal static class RedactionSet
{
    public const string File = "Privacy/redaction-set.jsonl";

    private static readonly Dictionary<string, string> KindOfPlaceholder = RedactionKinds.All
        .SelectMany(kind => new[] { (RedactionKinds.Placeholder(kind, true), kind), (RedactionKinds.Placeholder(kind, false), kind) })
        .ToDictionary(p => p.Item1, p => p.kind, StringComparer.Ordinal);

    private static readonly Regex Placeholder = new(string.Join("|", KindOfPlaceholder.Keys.Select(Regex.Escape)));

    public static IReadOnlyList<Entry> Load()
    {
        var options = new JsonSerializerOptions { PropertyNameCaseInsensitive = true };
        return System.IO.File.ReadLines(RepoPaths.TestData(File))
            .Where(line => line.Trim().Length > 0)
            .Select((line, index) => (JsonSerializer.Deserialize<Entry>(line, options) ?? throw new InvalidDataException($"line {index + 1} is empty")) with { Line = index + 1 })
            .ToList();
    }

    public sealed record Entry(string Text, string Expected, IReadOnlyList<string> Kinds, string Note, string? Locale)
    {
        public int Line { get; init; }

        /// <summary>Placeholders of the expected text, in order.</summary>
        public IReadOnlyList<(string Placeholder, string Kind)> Placeholders =>
            Placeholder.Matches(Expected).Select(m => (m.Value, KindOfPlaceholder[m.Value])).ToList();

        /// <summary>The spans of the original the expected text replaces, or null when they do not line up.</summary>
        public IReadOnlyList<RedactedSpan>? ExpectedSpans()
        {
            var placeholders = Placeholder.Matches(Expected);
            var pattern = new System.Text.StringBuilder("^");
            var position = 0;
            foreach (Match placeholder in placeholders)
            {
                pattern.Append(Regex.Escape(Expected[position..placeholder.Index])).Append("(.+?)");
                position = placeholder.Index + placeholder.Length;
            }

            pattern.Append(Regex.Escape(Expected[position..])).Append('$');
            var match = Regex.Match(Text, pattern.ToString(), RegexOptions.Singleline);
            if (!match.Success)
            {
                return null;
            }

            return placeholders
                .Select((p, i) => new RedactedSpan(KindOfPlaceholder[p.Value], match.Groups[i + 1].Index, match.Groups[i + 1].Length))
                .ToList();
        }
    }
}
