using System.Text;

namespace ChatBot.Core.Privacy;

/// <summary>Choosing among overlapping spans and writing the redacted text.</summary>
internal static class RedactionText
{
    /// <summary>
    /// When detectors disagree about the same characters, the more specific kind wins (an e-mail
    /// address contains digits; a URL contains a handle), then the longer span.
    /// </summary>
    private static readonly string[] Precedence =
    [
        RedactionKinds.Email, RedactionKinds.Url, RedactionKinds.Phone, RedactionKinds.CardNumber,
        RedactionKinds.AccountId, RedactionKinds.PostalCode, RedactionKinds.IdNumber, RedactionKinds.Address,
        RedactionKinds.Name,
    ];

    /// <summary>Non-overlapping spans in text order, chosen by <see cref="Precedence"/> then length.</summary>
    public static List<RedactedSpan> Resolve(List<Candidate> candidates, int textLength)
    {
        var ordered = candidates
            .Where(c => c.Length > 0 && c.Start >= 0 && c.End <= textLength)
            .OrderBy(c => Array.IndexOf(Precedence, c.Kind))
            .ThenByDescending(c => c.Length)
            .ThenBy(c => c.Start);
        var taken = new bool[textLength];
        var chosen = new List<RedactedSpan>();
        foreach (var candidate in ordered)
        {
            if (Array.IndexOf(taken, true, candidate.Start, candidate.Length) >= 0)
            {
                continue;
            }

            Array.Fill(taken, true, candidate.Start, candidate.Length);
            chosen.Add(new RedactedSpan(candidate.Kind, candidate.Start, candidate.Length));
        }

        chosen.Sort((a, b) => a.Start.CompareTo(b.Start));
        return chosen;
    }

    /// <summary>
    /// Joins spans from two redactors: overlapping spans become one span covering both (nothing
    /// either found stays readable), with the kind of the longer one.
    /// </summary>
    public static List<RedactedSpan> Union(IEnumerable<RedactedSpan> spans)
    {
        var merged = new List<RedactedSpan>();
        foreach (var span in spans.Where(s => s.Length > 0).OrderBy(s => s.Start).ThenByDescending(s => s.Length))
        {
            if (merged.Count > 0 && span.Start < merged[^1].Start + merged[^1].Length)
            {
                var last = merged[^1];
                var end = Math.Max(last.Start + last.Length, span.Start + span.Length);
                var kind = span.Length > last.Length ? span.Kind : last.Kind;
                merged[^1] = new RedactedSpan(kind, last.Start, end - last.Start);
            }
            else
            {
                merged.Add(span);
            }
        }

        return merged;
    }

    /// <summary>Replaces each span (sorted, non-overlapping) by its placeholder.</summary>
    public static RedactionResult Apply(string text, IReadOnlyList<RedactedSpan> spans, bool japanese)
    {
        if (spans.Count == 0)
        {
            return new RedactionResult(text, []);
        }

        var builder = new StringBuilder(text.Length);
        var position = 0;
        foreach (var span in spans)
        {
            builder.Append(text, position, span.Start - position);
            builder.Append(RedactionKinds.Placeholder(span.Kind, japanese));
            position = span.Start + span.Length;
        }

        builder.Append(text, position, text.Length - position);
        return new RedactionResult(builder.ToString(), spans);
    }
}
