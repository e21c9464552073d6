namespace ChatBot.Core.Privacy;

/// <summary>
/// The kinds of personal detail a redactor replaces, and the placeholder each becomes.
/// Japanese text gets Japanese placeholders in 〔…〕 (〔電話番号〕); other text gets English ones in
/// […] ([phone]). Which one is decided by <see cref="UsesJapanese"/>.
/// </summary>
public static class RedactionKinds
{
    public const string Phone = "phone";
    public const string Email = "email";
    public const string PostalCode = "postal_code";
    public const string Address = "address";
    public const string IdNumber = "id_number";
    public const string CardNumber = "card_number";
    public const string AccountId = "account_id";
    public const string Url = "url";
    public const string Name = "name";

    public static IReadOnlyList<string> All { get; } =
        [Phone, Email, PostalCode, Address, IdNumber, CardNumber, AccountId, Url, Name];

    private static readonly Dictionary<string, (string Japanese, string English)> Placeholders = new(StringComparer.Ordinal)
    {
        [Phone] = ("〔電話番号〕", "[phone]"),
        [Email] = ("〔メールアドレス〕", "[email]"),
        [PostalCode] = ("〔郵便番号〕", "[postal code]"),
        [Address] = ("〔住所〕", "[address]"),
        [IdNumber] = ("〔ID番号〕", "[id number]"),
        [CardNumber] = ("〔カード番号〕", "[card number]"),
        [AccountId] = ("〔アカウントID〕", "[account id]"),
        [Url] = ("〔URL〕", "[url]"),
        [Name] = ("〔名前〕", "[name]"),
    };

    /// <summary>The placeholder for <paramref name="kind"/> in Japanese or English.</summary>
    public static string Placeholder(string kind, bool japanese)
    {
        ArgumentNullException.ThrowIfNull(kind);
        if (!Placeholders.TryGetValue(kind, out var placeholder))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown redaction kind.");
        }

        return japanese ? placeholder.Japanese : placeholder.English;
    }

    /// <summary>
    /// Japanese placeholders are used when the text contains any kana, kanji, Japanese punctuation or
    /// full-width character, whatever the locale
    /// (people write Japanese on an English page and the other way round); a text without Japanese
    /// script gets Japanese placeholders only when the locale is Japanese (a bare "090-1234-5678"
    /// typed on a Japanese page), English ones otherwise.
    /// </summary>
    public static bool UsesJapanese(string text, string? locale)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var c in text)
        {
            if (IsJapaneseScript(c))
            {
                return true;
            }
        }

        return locale is not null && locale.StartsWith("ja", StringComparison.OrdinalIgnoreCase);
    }

    internal static bool IsJapaneseScript(char c) =>
        c is (>= '\u3001' and <= '\u303F') // Japanese punctuation and marks: 、。「」〒
            or (>= '\u3040' and <= '\u30FF') // hiragana, katakana
            or (>= '\u3400' and <= '\u4DBF') // CJK extension A
            or (>= '\u4E00' and <= '\u9FFF') // CJK unified ideographs
            or (>= '\uFF01' and <= '\uFF9F'); // full-width forms typed with a Japanese input method, half-width katakana
}
