namespace ChatBot.Core.Privacy;

/// <summary>
/// Where a Japanese address stops being a place name anyone may say (横浜市港北区 — needed to find
/// local help) and starts pointing at one household (日吉1-2-3). The administrative part is everything
/// up to the last 都/道/府/県/市/区/郡, plus the 町/村 that follows a 郡 (高座郡寒川町); what comes after
/// it — the neighbourhood, 丁目, 番地, 号, building and room — is the personal part.
/// </summary>
internal static class JapaneseAddress
{
    private const int MaxNeighbourhoodLength = 16;

    public static bool IsAdministrativeSuffix(char c) => c is '都' or '道' or '府' or '県' or '市' or '区' or '郡';

    /// <summary>
    /// Walks left from <paramref name="blockStart"/> over the place name written before a block number
    /// (kanji, katakana, 々, and が inside a name such as 自由が丘 or 霞が関)
    /// and returns where the personal part begins (the neighbourhood name), or <paramref name="blockStart"/>
    /// when the block number follows an administrative name directly or nothing at all.
    /// </summary>
    public static int NeighbourhoodStart(string text, int blockStart, out bool hasPlaceName)
    {
        var runStart = blockStart;
        var i = blockStart - 1;
        while (i >= 0 && blockStart - i <= MaxNeighbourhoodLength)
        {
            var c = text[i];
            if (IsPlaceCharacter(c))
            {
                runStart = i;
                i--;
            }
            else if (c == 'が' && i > 0 && IsPlaceCharacter(text[i - 1]) && runStart == i + 1)
            {
                runStart = i;
                i--;
            }
            else if (TextNormalizer.IsAsciiDigit(c) && runStart == i + 1 && text[i + 1] == '条')
            {
                // Sapporo: 北1条西2丁目 — the 条 number belongs to the neighbourhood.
                while (i >= 0 && TextNormalizer.IsAsciiDigit(text[i]))
                {
                    i--;
                }

                runStart = i + 1;
            }
            else
            {
                break;
            }
        }

        hasPlaceName = runStart < blockStart;
        return runStart + AdministrativePrefixLength(text.AsSpan(runStart, blockStart - runStart));
    }

    /// <summary>
    /// How many characters at the start of <paramref name="place"/> are prefecture, city, ward, county
    /// or county-town names: 横浜市港北区日吉 → 6, 高座郡寒川町宮山 → 6, 日吉本町 → 0.
    /// </summary>
    public static int AdministrativePrefixLength(ReadOnlySpan<char> place)
    {
        var cut = 0;
        for (var i = 0; i < place.Length; i++)
        {
            if (IsAdministrativeSuffix(place[i]))
            {
                cut = i + 1;
            }
        }

        if (cut > 0 && place[cut - 1] == '郡')
        {
            for (var i = cut; i < place.Length && i - cut < 5; i++)
            {
                if (place[i] is '町' or '村')
                {
                    cut = i + 1;
                    break;
                }
            }
        }

        return cut;
    }

    public static bool IsKanji(char c) => c is (>= '\u4E00' and <= '\u9FFF') or (>= '\u3400' and <= '\u4DBF') or '々' or '〆';

    private static bool IsPlaceCharacter(char c) => IsKanji(c) || c is (>= '\u30A1' and <= '\u30FA') or 'ー';
}
