using System.Text;

namespace ChatBot.Core.Dialogs;

/// <summary>
/// Understands a typed answer where it reasonably can: the same words in full-width or half-width,
/// katakana or hiragana (はい・ハイ・ﾊｲ), with or without spaces and punctuation; a synonym from
/// <c>dialogs/synonyms.yaml</c> (うん → はい); the number of the button; a button label inside a short
/// sentence (「自分のことです」); a small typo in a longer label (「人と話たい」).
/// </summary>
public sealed class TextMatcher
{
    /// <summary>Beyond this length a message is someone talking, not a button answer.</summary>
    private const int LongestLooseAnswer = 60;

    /// <summary>How many characters a short sentence may add around a label (「はい、お願いします」).</summary>
    private const int MostExtraCharacters = 8;

    /// <summary>How many words a short English sentence around a label may have ("they are in their 30s I think").</summary>
    private const int MostWords = 8;

    private readonly Dictionary<string, IReadOnlyList<string>> _synonyms = new(StringComparer.Ordinal);

    public TextMatcher(IEnumerable<SynonymGroup> synonyms)
    {
        ArgumentNullException.ThrowIfNull(synonyms);
        foreach (var group in synonyms)
        {
            var words = group.Words.Select(Normalize).Where(w => w.Length > 0).Distinct().ToList();
            foreach (var word in words)
            {
                _synonyms[word] = words;
            }
        }
    }

    /// <summary>
    /// The comparable form of a text: Unicode NFKC (full-width letters and digits to half-width,
    /// half-width kana to full-width), lower case, katakana to hiragana, and only letters and digits kept.
    /// Emoji and punctuation alone normalise to the empty string.
    /// </summary>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var folded = text.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        var builder = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            if (c is >= '\u30A1' and <= '\u30F6')
            {
                builder.Append((char)(c - 0x60));
            }
            else if (char.IsLetterOrDigit(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>Words of a text, for matching Latin-script phrases on word boundaries ("no" is not in "know").</summary>
    public static IReadOnlyList<string> Words(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return [];
        }

        var folded = text.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        var spaced = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            spaced.Append(char.IsLetterOrDigit(c) ? c : ' ');
        }

        return spaced.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>The choice whose label, an alias or a synonym of either is exactly what was typed (after normalising).</summary>
    public Choice? MatchExact(IReadOnlyList<Choice> choices, string? text)
    {
        ArgumentNullException.ThrowIfNull(choices);
        var typed = Normalize(text);
        if (typed.Length == 0)
        {
            return null;
        }

        return Unique(choices.Where(c => Candidates(c).Contains(typed)));
    }

    /// <summary>
    /// A looser reading, tried after the global intents: the button's number (when no label has a
    /// digit), a label inside a short sentence, or a label with a small typo. Only an unambiguous
    /// reading counts.
    /// </summary>
    public Choice? MatchLoose(IReadOnlyList<Choice> choices, string? text)
    {
        ArgumentNullException.ThrowIfNull(choices);
        var typed = Normalize(text);
        if (typed.Length == 0 || typed.Length > LongestLooseAnswer)
        {
            return null;
        }

        if (typed.Length == 1 && typed[0] is >= '1' and <= '9' && !choices.Any(c => c.Label.All.Any(l => l.Any(char.IsDigit))))
        {
            var index = typed[0] - '1';
            return index < choices.Count ? choices[index] : null;
        }

        var words = Words(text);
        var inside = Unique(choices.Where(c => Candidates(c).Any(k => Contains(typed, words, k))));
        if (inside is not null)
        {
            return inside;
        }

        var distances = choices
            .Select(c => (Choice: c, Distance: Candidates(c).Where(k => k.Length >= 4).Select(k => Distance(typed, k, Allowed(k))).DefaultIfEmpty(int.MaxValue).Min()))
            .Where(x => x.Distance != int.MaxValue)
            .ToList();
        if (distances.Count == 0)
        {
            return null;
        }

        var best = distances.Min(x => x.Distance);
        return Unique(distances.Where(x => x.Distance == best).Select(x => x.Choice));
    }

    /// <summary>The global intent a message expresses: a whole-message phrase (small typos allowed) or a distinctive phrase inside it.</summary>
    public static Intent? MatchIntent(IReadOnlyList<Intent> intents, string? text)
    {
        ArgumentNullException.ThrowIfNull(intents);
        var typed = Normalize(text);
        if (typed.Length == 0)
        {
            return null;
        }

        foreach (var intent in intents)
        {
            if (intent.Phrases.Values.SelectMany(p => p).Select(Normalize).Any(p => p == typed))
            {
                return intent;
            }
        }

        var words = Words(text);
        foreach (var intent in intents)
        {
            if (intent.Contains.Values.SelectMany(p => p).Select(Normalize).Any(p => p.Length > 0 && Contains(typed, words, p)))
            {
                return intent;
            }
        }

        if (typed.Length <= LongestLooseAnswer)
        {
            foreach (var intent in intents)
            {
                if (intent.Phrases.Values.SelectMany(p => p).Select(Normalize).Any(p => p.Length >= 5 && Distance(typed, p, 1) <= 1))
                {
                    return intent;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Edit distance counting a swap of two neighbouring characters as one edit (「とこ」 for 「こと」,
    /// "abuot" for "about"), or <c>int.MaxValue</c> once it is certainly above <paramref name="max"/>.
    /// </summary>
    public static int Distance(string a, string b, int max)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (Math.Abs(a.Length - b.Length) > max)
        {
            return int.MaxValue;
        }

        var beforePrevious = new int[b.Length + 1];
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    current[j] = Math.Min(current[j], beforePrevious[j - 2] + 1);
                }

                rowMin = Math.Min(rowMin, current[j]);
            }

            if (rowMin > max)
            {
                return int.MaxValue;
            }

            (beforePrevious, previous, current) = (previous, current, beforePrevious);
        }

        return previous[b.Length] <= max ? previous[b.Length] : int.MaxValue;
    }

    private static int Allowed(string label) => label.Length >= 8 ? 2 : 1;

    /// <summary>
    /// Whether a short message contains a phrase: Japanese anywhere in the text, Latin script only
    /// as whole words. A long message does not count: a label inside a paragraph is not an answer.
    /// </summary>
    private static bool Contains(string typed, IReadOnlyList<string> words, string phrase)
    {
        if (phrase.Length < 2)
        {
            return false;
        }

        if (phrase.Any(c => c > '\u007F'))
        {
            return typed.Length - phrase.Length <= MostExtraCharacters && typed.Contains(phrase, StringComparison.Ordinal);
        }

        return words.Count <= MostWords && ContainsWordRun(words, phrase);
    }

    /// <summary>A Latin phrase written without spaces ("aboutme") matches consecutive words ("about", "me").</summary>
    private static bool ContainsWordRun(IReadOnlyList<string> words, string phrase)
    {
        for (var start = 0; start < words.Count; start++)
        {
            var run = new StringBuilder();
            for (var end = start; end < words.Count && run.Length < phrase.Length; end++)
            {
                run.Append(words[end]);
                if (run.ToString() == phrase)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private HashSet<string> Candidates(Choice choice)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        foreach (var text in choice.Label.All.Concat(choice.Also.Values.SelectMany(a => a)))
        {
            var normalized = Normalize(text);
            if (normalized.Length == 0)
            {
                continue;
            }

            result.Add(normalized);
            if (_synonyms.TryGetValue(normalized, out var group))
            {
                result.UnionWith(group);
            }
        }

        return result;
    }

    private static Choice? Unique(IEnumerable<Choice> choices)
    {
        var list = choices.Distinct().Take(2).ToList();
        return list.Count == 1 ? list[0] : null;
    }
}
