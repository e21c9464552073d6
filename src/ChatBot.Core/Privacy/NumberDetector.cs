using System.Text.RegularExpressions;

namespace ChatBot.Core.Privacy;

/// <summary>
/// Finds phone numbers, postal codes, card numbers and long id numbers. The folded text is read as
/// runs of digit groups joined by one separator style (hyphens, or spaces; brackets go with either),
/// and each run is judged by its digits and the words just before it:
/// <list type="bullet">
/// <item>a public help line from <c>public-numbers.yaml</c> stays, whatever its formatting;</item>
/// <item>10 digits from 0[1-9], or 11 digits from 020/050/060/070/080/090/0800, or +81 followed by
/// such a number without its 0, is a phone number; 8 digits (1234-5678) only after 電話/TEL/携帯/phone;</item>
/// <item>NNN-NNNN after 〒/郵便番号/zip/postal, or followed by a city, and seven digits after those words,
/// is a postal code;</item>
/// <item>13–19 digits passing the Luhn check is a card number;</item>
/// <item>12 or more digits, 10–11 digits that are not a price, or 6–9 digits after 番号/ID/口座/会員/number…
/// is an id number (マイナンバー is 12 digits);</item>
/// <item>everything else (dates, times, prices, ages, counts, 110, 119, 189) stays.</item>
/// </list>
/// Passport-style ids (two capitals and seven digits) are id numbers too.
/// </summary>
internal sealed class NumberDetector(RedactionLexicon lexicon)
{
    private static readonly string[] PhoneWords = ["電話", "tel", "携帯", "連絡先", "phone", "call", "mobile", "でんわ"];
    private static readonly string[] PostalWords = ["〒", "郵便番号", "zip", "postal", "post code", "postcode"];
    private static readonly string[] IdWords =
    [
        "番号", "id", "no.", "no:", "number", "マイナンバー", "口座", "会員", "保険証", "受給者", "免許", "年金", "整理",
        "受付", "passport", "account", "member", "患者", "診察券",
    ];

    private static readonly Regex Passport = new("[A-Z]{2}[0-9]{7}", RegexOptions.NonBacktracking | RegexOptions.CultureInvariant);

    public void Find(string text, List<Candidate> found)
    {
        var i = 0;
        var groups = new List<(int Start, int End)>();
        while (i < text.Length)
        {
            var c = text[i];
            var opensNumber = TextNormalizer.IsAsciiDigit(c)
                || ((c == '+' || c == '(') && i + 1 < text.Length && TextNormalizer.IsAsciiDigit(text[i + 1]));
            if (!opensNumber)
            {
                i++;
                continue;
            }

            var (start, end) = ReadRun(text, i, groups);
            Classify(text, start, end, groups, found);
            i = Math.Max(end, i + 1);
        }

        for (var match = Passport.Match(text); match.Success; match = match.NextMatch())
        {
            var before = match.Index > 0 ? text[match.Index - 1] : ' ';
            var after = match.Index + match.Length < text.Length ? text[match.Index + match.Length] : ' ';
            if (!char.IsAsciiLetterOrDigit(before) && !char.IsAsciiLetterOrDigit(after))
            {
                found.Add(new Candidate(match.Index, match.Length, RedactionKinds.IdNumber));
            }
        }
    }

    internal static bool PassesLuhn(ReadOnlySpan<char> digits)
    {
        var sum = 0;
        var doubleIt = false;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            var d = digits[i] - '0';
            if (doubleIt)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
            doubleIt = !doubleIt;
        }

        return sum % 10 == 0;
    }

    /// <summary>Reads digit groups from <paramref name="i"/>; returns the span from the first to the last digit.</summary>
    private static (int Start, int End) ReadRun(string text, int i, List<(int Start, int End)> groups)
    {
        groups.Clear();
        var start = i;
        if (!TextNormalizer.IsAsciiDigit(text[i]))
        {
            i++;
        }

        var style = SeparatorStyle.None;
        while (true)
        {
            var groupStart = i;
            while (i < text.Length && TextNormalizer.IsAsciiDigit(text[i]))
            {
                i++;
            }

            groups.Add((groupStart, i));
            var j = i;
            int hyphens = 0, spaces = 0, brackets = 0;
            while (j < text.Length && j - i < 3)
            {
                var s = text[j];
                if (s == '-')
                {
                    hyphens++;
                }
                else if (s == ' ')
                {
                    spaces++;
                }
                else if (s is '(' or ')')
                {
                    brackets++;
                }
                else
                {
                    break;
                }

                j++;
            }

            if (j == i || j >= text.Length || !TextNormalizer.IsAsciiDigit(text[j]) || hyphens > 1 || spaces > 2 || brackets > 1)
            {
                break;
            }

            var separator = brackets > 0 ? SeparatorStyle.None : hyphens > 0 ? SeparatorStyle.Hyphen : SeparatorStyle.Space;
            if (separator != SeparatorStyle.None)
            {
                if (style != SeparatorStyle.None && style != separator)
                {
                    break;
                }

                style = separator;
            }

            i = j;
        }

        var end = groups[^1].End;
        if (text[start] == '(' && text.IndexOf(')', start, end - start) < 0)
        {
            start++;
        }

        return (start, end);
    }

    private void Classify(string text, int start, int end, List<(int Start, int End)> groups, List<Candidate> found)
    {
        var digits = string.Concat(groups.Select(g => text.AsSpan(g.Start, g.End - g.Start).ToString()));
        var international = text[start] == '+';
        var national = international && digits.StartsWith("81", StringComparison.Ordinal) ? "0" + digits[2..] : digits;
        if (lexicon.PublicNumbers.Contains(digits) || lexicon.PublicNumbers.Contains(national))
        {
            return;
        }

        string? kind = null;
        if (IsJapanesePhone(national) || (international && !digits.StartsWith("81", StringComparison.Ordinal) && digits.Length is >= 8 and <= 15))
        {
            kind = RedactionKinds.Phone;
        }
        else if (digits.Length == 8 && (groups.Count == 1 || (groups.Count == 2 && Length(groups[0]) == 4)) && WordBefore(text, start, 12, PhoneWords))
        {
            kind = RedactionKinds.Phone;
        }
        else if (IsPostalCode(text, start, end, digits, groups))
        {
            kind = RedactionKinds.PostalCode;
        }
        else if (digits.Length is >= 13 and <= 19 && PassesLuhn(digits))
        {
            kind = RedactionKinds.CardNumber;
        }
        else if (IsListOfYears(text, groups))
        {
            kind = null;
        }
        else if (digits.Length >= 12
            || (digits.Length >= 10 && !IsPrice(text, start, end))
            || (digits.Length >= 6 && WordBefore(text, start, 12, IdWords)))
        {
            kind = RedactionKinds.IdNumber;
        }

        if (kind == RedactionKinds.IdNumber)
        {
            // A letter prefix is part of the id (A123456789), unless it ends a word (No12345678 keeps "No").
            var letters = start;
            while (letters > 0 && start - letters < 3 && char.IsAsciiLetterUpper(text[letters - 1]))
            {
                letters--;
            }

            if (letters < start && (letters == 0 || !char.IsAsciiLetterOrDigit(text[letters - 1])))
            {
                start = letters;
            }
        }

        if (kind is not null)
        {
            found.Add(new Candidate(start, end - start, kind));
        }
    }

    private static bool IsJapanesePhone(string n) =>
        n.Length >= 10 && n[0] == '0' && n[1] != '0'
        && (n.Length == 10
            || (n.Length == 11 && (n.StartsWith("0800", StringComparison.Ordinal)
                || (n[2] == '0' && n[1] is '2' or '5' or '6' or '7' or '8' or '9'))));

    private static bool IsPostalCode(string text, int start, int end, string digits, List<(int Start, int End)> groups)
    {
        var shaped = groups.Count == 2 && Length(groups[0]) == 3 && Length(groups[1]) == 4 && text.AsSpan(groups[0].End, groups[1].Start - groups[0].End).Contains('-');
        if (!shaped && !(groups.Count == 1 && digits.Length == 7))
        {
            return false;
        }

        return WordBefore(text, start, 14, PostalWords) || (shaped && PlaceFollows(text, end));
    }

    /// <summary>A prefecture, city, ward, town or village name right after the number (223-0061 横浜市…).</summary>
    private static bool PlaceFollows(string text, int end)
    {
        var i = end;
        while (i < text.Length && i - end < 2 && text[i] == ' ')
        {
            i++;
        }

        for (var k = i; k < text.Length && k - i < 12 && RedactionKinds.IsJapaneseScript(text[k]); k++)
        {
            if (JapaneseAddress.IsAdministrativeSuffix(text[k]) || text[k] is '町' or '村')
            {
                return k > i;
            }
        }

        return false;
    }

    /// <summary>2019 2020 2021, 2020-2024: years, not an id.</summary>
    private static bool IsListOfYears(string text, List<(int Start, int End)> groups) =>
        groups.Count >= 2 && groups.All(g => Length(g) == 4 && int.Parse(text.AsSpan(g.Start, 4), System.Globalization.CultureInfo.InvariantCulture) is >= 1900 and <= 2099);

    private static bool IsPrice(string text, int start, int end)
    {
        if (start > 0 && text[start - 1] is '¥' or '￥' or '$')
        {
            return true;
        }

        var after = text.AsSpan(end).TrimStart(' ');
        return after.StartsWith("円", StringComparison.Ordinal) || after.StartsWith("万", StringComparison.Ordinal)
            || after.StartsWith("yen", StringComparison.OrdinalIgnoreCase) || after.StartsWith("ドル", StringComparison.Ordinal);
    }

    private static bool WordBefore(string text, int start, int window, string[] words)
    {
        var from = Math.Max(0, start - window);
        var before = text.AsSpan(from, start - from);
        foreach (var word in words)
        {
            if (before.Contains(word, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static int Length((int Start, int End) group) => group.End - group.Start;

    private enum SeparatorStyle
    {
        None,
        Hyphen,
        Space,
    }
}
