using System.Text.RegularExpressions;

namespace ChatBot.Core.Privacy;

/// <summary>
/// Finds street addresses down to 丁目 / 番地 / 号 and the building and room, keeping the prefecture,
/// city, ward, county and county-town names in front of them (see <see cref="JapaneseAddress"/>):
/// 横浜市港北区日吉1-2-3 → 横浜市港北区〔住所〕; 横浜市港北区に住んでいます stays as it is.
/// A bare hyphenated block (1-2-3) counts only right after a neighbourhood name and not next to a
/// unit (週1-2回, 朝6-7時, 小学校1-2年生, ページ12-15 stay). English: "1-2-3 Hiyoshi" (three parts: "3-4 Times"
/// stays), "221 Baker Street".
/// </summary>
internal sealed class AddressDetector
{
    private const RegexOptions Options = RegexOptions.NonBacktracking | RegexOptions.CultureInvariant;

    private static readonly Regex JapaneseBlock = new(
        "(?:(?:[0-9]{1,3}|[一二三四五六七八九十]{1,3})丁目(?:[0-9]{1,4}番地?(?:[0-9]{1,4}号?)?|[0-9]{1,4}(?:-[0-9]{1,4}){0,2}号?)?"
        + "|[0-9]{1,5}番地(?:の?[0-9]{1,4})?(?:-[0-9]{1,4}){0,2}"
        + "|[0-9]{1,4}番[0-9]{1,4}号?"
        + "|(?<hyphen>[1-9][0-9]{0,3}(?:-[0-9]{1,4}){1,3}号?))"
        + "(?: ?[A-Za-z\\p{IsKatakana}\\p{IsCJKUnifiedIdeographs}・]+ ?[0-9]{1,4}号室| ?[0-9]{1,4}号室)?",
        Options);

    private static readonly Regex RomanisedBlock = new(
        "[0-9]{1,4}-[0-9]{1,4}-[0-9]{1,4} [A-Z][a-z]+(?:-(?:cho|machi|chome))?",
        Options);

    private static readonly Regex EnglishStreet = new(
        "[0-9]{1,5} (?:[A-Z][a-z]+ ){1,3}(?:Street|St|Avenue|Ave|Road|Rd|Lane|Ln|Drive|Dr|Boulevard|Blvd|Way|Court|Ct|Place|Pl)\\b",
        Options);

    /// <summary>The block number is a count or a range when it stands next to one of these (週1-2回).</summary>
    private const string UnitsBefore = "第約週月年日毎各全計朝夜昼午時間長重高話帯号先型版巻章節項表図例問点対比率歳才度回位";
    private const string UnitsAfter = "回時日人歳才円分月年週個本件冊点割倍位度階名枚台杯秒万千百億条項章節番目巻話代";

    public void Find(string text, List<Candidate> found)
    {
        for (var match = JapaneseBlock.Match(text); match.Success; match = JapaneseBlock.Match(text, NextStart(match)))
        {
            if (!StandsAlone(text, match.Index))
            {
                continue;
            }

            var start = JapaneseAddress.NeighbourhoodStart(text, match.Index, out var hasPlaceName);
            if (match.Groups["hyphen"].Success && !IsHyphenatedAddress(text, match, hasPlaceName))
            {
                continue;
            }

            found.Add(new Candidate(start, match.Index + match.Length - start, RedactionKinds.Address));
        }

        foreach (var regex in (Regex[])[RomanisedBlock, EnglishStreet])
        {
            for (var match = regex.Match(text); match.Success; match = regex.Match(text, NextStart(match)))
            {
                if (StandsAlone(text, match.Index))
                {
                    found.Add(new Candidate(match.Index, match.Length, RedactionKinds.Address));
                }
            }
        }
    }

    private static int NextStart(Match match) => match.Index + Math.Max(1, match.Length);

    private static bool StandsAlone(string text, int start) =>
        start == 0 || !(char.IsAsciiLetterOrDigit(text[start - 1]) || text[start - 1] is '-' or '.' or ':' or '/' or '+');

    private static bool IsHyphenatedAddress(string text, Match match, bool hasPlaceName)
    {
        // Neighbourhood names end in kanji (日吉, 霞が関); a katakana word before numbers is something
        // else (ページ12-15).
        var before = match.Index > 0 ? text[match.Index - 1] : ' ';
        if (!hasPlaceName || !JapaneseAddress.IsKanji(before) || UnitsBefore.Contains(before, StringComparison.Ordinal))
        {
            return false;
        }

        var end = match.Index + match.Length;
        if (end >= text.Length)
        {
            return true;
        }

        var next = text[end];
        return !(UnitsAfter.Contains(next, StringComparison.Ordinal) || char.IsAsciiLetterOrDigit(next) || next is '%' or '-' or '.' or ':' or '/');
    }
}
