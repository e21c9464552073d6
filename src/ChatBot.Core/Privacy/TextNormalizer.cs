namespace ChatBot.Core.Privacy;

/// <summary>
/// Folds the ways people type the same characters into one, without changing the length of the
/// text, so that every position found in the folded text is the same position in the original:
/// full-width ASCII (０９０－１２３４, ｔａｒｏ＠…) becomes ASCII, the ideographic space a space, the
/// many dashes (‐ ‑ – — ― − ﹣) a hyphen, and the long-vowel mark ー / ｰ a hyphen only between
/// two digits (０８０ー１１１１), so katakana words keep it (タワー1205号室).
/// </summary>
internal static class TextNormalizer
{
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return string.Create(text.Length, text, static (buffer, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                buffer[i] = c switch
                {
                    >= '\uFF01' and <= '\uFF5E' => (char)(c - 0xFEE0),
                    '\u3000' => ' ',
                    '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2015' or '\u2212' or '\uFE63' => '-',
                    '\u30FC' or '\uFF70' when BetweenDigits(source, i) => '-',
                    _ => c,
                };
            }
        });
    }

    public static bool IsAsciiDigit(char c) => c is >= '0' and <= '9';

    public static bool IsAsciiLetter(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z');

    private static bool BetweenDigits(string source, int i) =>
        i > 0 && IsDigitLike(source[i - 1]) && i + 1 < source.Length && IsDigitLike(source[i + 1]);

    private static bool IsDigitLike(char c) => c is (>= '0' and <= '9') or (>= '\uFF10' and <= '\uFF19');
}
