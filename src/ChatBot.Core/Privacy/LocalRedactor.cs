namespace ChatBot.Core.Privacy;

/// <summary>
/// The redactor that runs in-process, always: on its own by default, and together with the Azure
/// AI Language service when that is configured (and alone again whenever the service fails).
/// Every pattern is compiled once with <see cref="System.Text.RegularExpressions.RegexOptions.NonBacktracking"/>
/// or is a hand-written linear scan, so the time taken grows in step with the text, whatever it holds.
/// </summary>
internal sealed class LocalRedactor : IRedactor
{
    private readonly NumberDetector _numbers;
    private readonly OnlineIdentifierDetector _online;
    private readonly AddressDetector _addresses = new();
    private readonly NameDetector _names;

    public LocalRedactor(RedactionLexicon lexicon)
    {
        ArgumentNullException.ThrowIfNull(lexicon);
        Lexicon = lexicon;
        _numbers = new NumberDetector(lexicon);
        _online = new OnlineIdentifierDetector(lexicon);
        _names = new NameDetector(lexicon);
    }

    public RedactionLexicon Lexicon { get; }

    public ValueTask<RedactionResult> RedactAsync(string text, string? locale, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Redact(text, locale));
    }

    public RedactionResult Redact(string text, string? locale)
    {
        ArgumentNullException.ThrowIfNull(text);
        return RedactionText.Apply(text, Find(text), RedactionKinds.UsesJapanese(text, locale));
    }

    /// <summary>What would be redacted, as non-overlapping spans in text order.</summary>
    public List<RedactedSpan> Find(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0)
        {
            return [];
        }

        var folded = TextNormalizer.Normalize(text);
        var candidates = new List<Candidate>();
        _online.Find(folded, candidates);
        _numbers.Find(folded, candidates);
        _addresses.Find(folded, candidates);
        _names.Find(folded, candidates);
        return RedactionText.Resolve(candidates, text.Length);
    }

    /// <summary>True when <paramref name="url"/> points at a person (see <see cref="OnlineIdentifierDetector"/>).</summary>
    public bool IsPersonalUrl(string url) => _online.IsPersonalUrl(TextNormalizer.Normalize(url));

    /// <summary>True when <paramref name="text"/> (any formatting) is a public help line kept readable.</summary>
    public bool IsPublicNumber(ReadOnlySpan<char> text)
    {
        Span<char> digits = stackalloc char[Math.Min(text.Length, 32)];
        var count = 0;
        foreach (var c in text)
        {
            var folded = c is >= '\uFF10' and <= '\uFF19' ? (char)(c - 0xFEE0) : c;
            if (TextNormalizer.IsAsciiDigit(folded))
            {
                if (count == digits.Length)
                {
                    return false;
                }

                digits[count++] = folded;
            }
        }

        var value = digits[..count].ToString();
        if (value.StartsWith("81", StringComparison.Ordinal) && text.TrimStart().StartsWith("+"))
        {
            value = "0" + value[2..];
        }

        return Lexicon.PublicNumbers.Contains(value);
    }
}
