using System.Buffers;
using System.Globalization;
using System.Text;

namespace ChatBot.Core.Triage;

/// <summary>
/// Folds a message into the form the triage lexicons are matched against, so that the ways people
/// write around a word (width, script, spacing, emoji, repeated letters) do not hide it:
/// <list type="bullet">
/// <item>NFKC per character (full/half width, circled digits, compatibility forms), with the kana
/// voicing marks of half-width katakana composed again (ｶﾞ → が), which is what NFKC does for Japanese;</item>
/// <item>lower case, katakana folded to hiragana (シニタイ → しにたい);</item>
/// <item>punctuation, symbols, emoji, spaces and control characters removed inside words (「死 に た い」,
/// 「死、に、た、い」, 「死😭に」), except that one space is kept between two Latin words;</item>
/// <item>the long-vowel mark, wave dash and small vowel kana dropped (しにたーい, しにたぁい);</item>
/// <item>runs of three or more of the same character cut to two (死にたいいいい → 死にたいい);</item>
/// <item>sentence ends (。．.！!？? and line breaks) kept as one <see cref="Boundary"/>, because negation,
/// idioms and time words only apply within a clause;</item>
/// <item>apostrophes dropped (don't → dont, I'm → im); lone surrogates and unknown characters act as separators.</item>
/// </list>
/// Lexicon terms go through the same folding when they are compiled, so a term written naturally
/// (「シニタイ」, "I'm") matches every spelling that folds to the same text.
/// Work is bounded: at most <see cref="HeadChars"/> characters from the start and
/// <see cref="TailChars"/> from the end of a longer text are read.
/// </summary>
internal static class TriageText
{
    /// <summary>Marks the end of a clause in folded text.</summary>
    public const char Boundary = '\n';

    /// <summary>How much of the start of a very long message is read (LINE allows 5,000 characters a message).</summary>
    public const int HeadChars = 8_000;

    /// <summary>How much of the end of a very long message is read (a goodbye often comes last).</summary>
    public const int TailChars = 2_000;

    private const byte KindSeparator = 0;
    private const byte KindKeep = 1;
    private const byte KindDrop = 2;
    private const byte KindBoundary = 3;
    private const byte KindVoicing = 4;
    private const byte KindSemiVoicing = 5;

    // For every BMP character: its folded form when that is one character, or '\uFFFF' when the
    // folded form is in Expansions (zero or several characters).
    private static readonly char[] Fold = new char[65536];
    private static readonly string?[] Expansions = new string?[65536];

    // For every folded character: what it does in the output.
    private static readonly byte[] Kinds = new byte[65536];

    // Kana + voicing mark → voiced kana (か + ゛ → が), and + semi-voicing (は + ゜ → ぱ).
    private static readonly char[] Voiced = new char[65536];
    private static readonly char[] SemiVoiced = new char[65536];

#pragma warning disable CA1810 // The tables are built in one pass that needs statements, not field initialisers.
    static TriageText()
#pragma warning restore CA1810
    {
        for (var c = 0; c < 65536; c++)
        {
            var ch = (char)c;
            Kinds[c] = Classify(ch);
        }

        for (var c = 0; c < 65536; c++)
        {
            var ch = (char)c;
            if (char.IsSurrogate(ch))
            {
                Fold[c] = ch;
                continue;
            }

            var folded = FoldOne(ch);
            if (folded.Length == 1)
            {
                Fold[c] = folded[0];
            }
            else
            {
                Fold[c] = '\uFFFF';
                Expansions[c] = folded;
            }
        }

        for (var c = 0x3041; c <= 0x309F; c++)
        {
            var voiced = string.Concat((char)c, '\u3099').Normalize(NormalizationForm.FormC);
            if (voiced.Length == 1)
            {
                Voiced[c] = voiced[0];
            }

            var semi = string.Concat((char)c, '\u309A').Normalize(NormalizationForm.FormC);
            if (semi.Length == 1)
            {
                SemiVoiced[c] = semi[0];
            }
        }
    }

    /// <summary>Folds <paramref name="text"/> into a new string (for lexicon terms and tests).</summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var buffer = new Buffer(text.Length + 16);
        try
        {
            Append(text.AsSpan(), ref buffer);
            return buffer.Written.ToString();
        }
        finally
        {
            buffer.Dispose();
        }
    }

    /// <summary>
    /// Folds a message into a pooled buffer; the caller reads <see cref="Buffer.Written"/> and disposes it.
    /// Long messages are read as head + boundary + tail (see <see cref="HeadChars"/>).
    /// </summary>
    public static Buffer NormalizeMessage(ReadOnlySpan<char> text)
    {
        var buffer = new Buffer(Math.Min(text.Length, HeadChars + TailChars) + 16);
        if (text.Length <= HeadChars + TailChars)
        {
            Append(text, ref buffer);
        }
        else
        {
            Append(text[..HeadChars], ref buffer);
            buffer.EndClause();
            buffer.MarkTail();
            Append(text[^TailChars..], ref buffer);
        }

        return buffer;
    }

    private static void Append(ReadOnlySpan<char> text, ref Buffer output)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                AppendAstral(text.Slice(i, 2), ref output);
                i++;
                continue;
            }

            var f = Fold[c];
            if (f != '\uFFFF')
            {
                output.Add(f, Kinds[f]);
                continue;
            }

            var expansion = Expansions[c];
            if (expansion is null || expansion.Length == 0)
            {
                output.Add(' ', KindDrop);
                continue;
            }

            foreach (var e in expansion)
            {
                output.Add(e, Kinds[e]);
            }
        }
    }

    /// <summary>A character outside the BMP: emoji are separators; mathematical letters (𝐝𝐢𝐞) fold to ASCII.</summary>
    private static void AppendAstral(ReadOnlySpan<char> pair, ref Buffer output)
    {
        var rune = new Rune(pair[0], pair[1]);
        if (EmojiWords(rune.Value) is { } word && !output.InLatinText)
        {
            output.Add(' ', KindSeparator);
            foreach (var w in word)
            {
                output.Add(Fold[w], Kinds[Fold[w]]);
            }

            output.Add(' ', KindSeparator);
            return;
        }

        var category = Rune.GetUnicodeCategory(rune);
        if (category is UnicodeCategory.OtherSymbol or UnicodeCategory.ModifierSymbol or UnicodeCategory.PrivateUse
            or UnicodeCategory.OtherNotAssigned or UnicodeCategory.Format or UnicodeCategory.NonSpacingMark
            or UnicodeCategory.EnclosingMark or UnicodeCategory.SpacingCombiningMark)
        {
            output.Add(' ', category is UnicodeCategory.Format or UnicodeCategory.NonSpacingMark
                or UnicodeCategory.EnclosingMark or UnicodeCategory.SpacingCombiningMark ? KindDrop : KindSeparator);
            return;
        }

        string folded;
        try
        {
            folded = pair.ToString().Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            output.Add(' ', KindSeparator);
            return;
        }

        if (folded.Length == 2 && char.IsHighSurrogate(folded[0]))
        {
            // A letter of a supplementary plane (rare kanji): kept as it is.
            output.Add(folded[0], KindKeep);
            output.Add(folded[1], KindKeep);
            return;
        }

        foreach (var e in folded)
        {
            output.Add(e, char.IsSurrogate(e) ? KindSeparator : Kinds[e]);
        }
    }

    /// <summary>
    /// The few emoji that stand for a means of harm are read as the word in Japanese text (「今夜💊ぜんぶ」
    /// reads 今夜薬ぜんぶ); in Latin text, and for every other emoji, they are separators ("kill 🔪 myself").
    /// </summary>
    private static string? EmojiWords(int rune) => rune switch
    {
        0x1F48A => "薬",     // pill
        0x1F52A => "刃物",   // kitchen knife
        0x1FA78 => "血",     // drop of blood
        0x1FAA2 => "ロープ", // knot
        0x1F52B => "銃",     // pistol
        _ => null,
    };

    private static string FoldOne(char c)
    {
        string nfkc;
        try
        {
            nfkc = c.ToString().Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            return " ";
        }

        var builder = new StringBuilder(nfkc.Length);
        foreach (var n in nfkc)
        {
            var lower = char.ToLowerInvariant(n);
            // Katakana ァ..ヶ fold to hiragana ぁ..ゖ; ヽヾ to ゝゞ.
            if (lower is >= '\u30A1' and <= '\u30F6' or '\u30FD' or '\u30FE')
            {
                lower = (char)(lower - 0x60);
            }

            builder.Append(lower);
        }

        return builder.ToString();
    }

    private static byte Classify(char c)
    {
        switch (c)
        {
            case '\n' or '\r' or '\u2028' or '\u2029' or '。' or '.' or '!' or '?' or '\u0085':
                return KindBoundary;
            case '\u3099':
                return KindVoicing;
            case '\u309A':
                return KindSemiVoicing;
            // Long-vowel mark, wave dashes, apostrophes, small vowel kana (after folding to hiragana).
            case 'ー' or '〜' or '~' or '\'' or '\u2019' or '\u2018' or '\u02BC' or 'ぁ' or 'ぃ' or 'ぅ' or 'ぇ' or 'ぉ':
                return KindDrop;
        }

        if (char.IsSurrogate(c))
        {
            return KindSeparator;
        }

        return char.GetUnicodeCategory(c) switch
        {
            UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
                or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => KindKeep,
            UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark
                or UnicodeCategory.Format => KindDrop,
            _ => KindSeparator,
        };
    }

    private static bool IsAsciiWordChar(char c) => c is (>= 'a' and <= 'z') or (>= '0' and <= '9');

    /// <summary>True when <paramref name="c"/> is part of a Latin word in folded text (for word-boundary checks).</summary>
    public static bool IsWordChar(char c) => IsAsciiWordChar(c) || c is (>= 'à' and <= 'ÿ');

    /// <summary>A growable output buffer on pooled memory.</summary>
    internal struct Buffer : IDisposable
    {
        private char[] _chars;
        private int _length;
        private bool _pendingSeparator;

        public Buffer(int capacity)
        {
            _chars = ArrayPool<char>.Shared.Rent(Math.Max(capacity, 16));
            _length = 0;
            _pendingSeparator = false;
            TailStart = -1;
        }

        public readonly ReadOnlySpan<char> Written => _chars.AsSpan(0, _length);

        /// <summary>Where the tail of a long message starts in <see cref="Written"/>, or -1 when it was read whole.</summary>
        public int TailStart { get; private set; }

        public void MarkTail() => TailStart = _length;

        /// <summary>True when the last character written is a Latin letter or digit (the text is English here).</summary>
        public readonly bool InLatinText => _length > 0 && IsAsciiWordChar(_chars[_length - 1]);

        public void EndClause()
        {
            _pendingSeparator = false;
            if (_length > 0 && _chars[_length - 1] != Boundary)
            {
                if (_chars[_length - 1] == ' ')
                {
                    _length--;
                }

                Put(Boundary);
            }
        }

        internal void Add(char c, byte kind)
        {
            switch (kind)
            {
                case KindKeep:
                    if (_pendingSeparator && _length > 0 && IsAsciiWordChar(c) && IsAsciiWordChar(_chars[_length - 1]))
                    {
                        Put(' ');
                    }

                    _pendingSeparator = false;
                    if (_length >= 2 && _chars[_length - 1] == c && _chars[_length - 2] == c)
                    {
                        return;
                    }

                    Put(c);
                    return;
                case KindBoundary:
                    EndClause();
                    return;
                case KindVoicing or KindSemiVoicing:
                    if (_length > 0)
                    {
                        var composed = kind == KindVoicing ? Voiced[_chars[_length - 1]] : SemiVoiced[_chars[_length - 1]];
                        if (composed != '\0')
                        {
                            _chars[_length - 1] = composed;
                        }
                    }

                    return;
                case KindDrop:
                    return;
                default:
                    _pendingSeparator = true;
                    return;
            }
        }

        private void Put(char c)
        {
            if (_length == _chars.Length)
            {
                var bigger = ArrayPool<char>.Shared.Rent(_chars.Length * 2);
                _chars.AsSpan(0, _length).CopyTo(bigger);
                ArrayPool<char>.Shared.Return(_chars);
                _chars = bigger;
            }

            _chars[_length++] = c;
        }

        public void Dispose()
        {
            if (_chars.Length > 0)
            {
                ArrayPool<char>.Shared.Return(_chars);
                _chars = [];
            }
        }
    }
}
