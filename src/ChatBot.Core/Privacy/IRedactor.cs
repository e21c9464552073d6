namespace ChatBot.Core.Privacy;

/// <summary>
/// Removes personal details from a text before it is stored, logged or sent to any AI service,
/// replacing each with a typed placeholder such as 〔電話番号〕.
/// </summary>
public interface IRedactor
{
    ValueTask<RedactionResult> RedactAsync(string text, string? locale, CancellationToken cancellationToken);
}

/// <summary>The redacted text and what was replaced (kinds and positions in the original, never the values).</summary>
public sealed record RedactionResult(string Text, IReadOnlyList<RedactedSpan> Spans)
{
    public bool Changed => Spans.Count > 0;
}

/// <summary>One replaced span of the original text.</summary>
public sealed record RedactedSpan(string Kind, int Start, int Length);
