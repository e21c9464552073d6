using ChatBot.Web.Tests.DirectLine;

namespace ChatBot.Web.Tests.Privacy;

/// <summary>
/// A conversation full of personal details (issue 5): a name, a mobile number, an e-mail address, a postal
/// code, a street address down to 番地, a マイナンバー and a LINE ID, written the way people write them.
/// <see cref="Details"/> lists each detail in every form that must never be found anywhere; the
/// <see cref="Placeholders"/> are what the redactor leaves instead, so a search that finds them proves the
/// text itself did arrive where it was searched.
/// </summary>
internal static class PersonalDetailsScript
{
    public static readonly string[] Messages =
    [
        "家族のことで相談したいです。山田花子といいます",
        "息子が部屋から三年出てきません。携帯は090-3456-7812です",
        "メールは hanako.yamada0312@example.jp にお願いします",
        "住所は〒223-0062 横浜市港北区日吉本町4丁目12番地です",
        "マイナンバーは482193771205です。LINE IDは hanako_0312 です",
        "もう疲れてしまって、どうしたらいいかわかりません",
    ];

    public static readonly string[] Details =
    [
        "山田花子",
        "090-3456-7812",
        "09034567812",
        "3456-7812",
        "hanako.yamada0312@example.jp",
        "hanako.yamada0312",
        "223-0062",
        "2230062",
        "日吉本町",
        "12番地",
        "482193771205",
        "hanako_0312",
    ];

    public static readonly string[] Placeholders = ["〔名前〕", "〔電話番号〕", "〔メールアドレス〕", "〔郵便番号〕", "〔住所〕", "〔ID番号〕", "〔アカウントID〕"];

    /// <summary>Says every message in turn, each after the bot has answered the one before.</summary>
    public static async Task SayAllAsync(DirectLineTestClient client)
    {
        var i = 0;
        foreach (var message in Messages)
        {
            var before = (await client.WaitForTranscriptAsync(_ => true)).Count;
            await client.SayAsync(message, $"pd{i++}");
            await client.WaitForTranscriptAsync(a => a.Count > before + 1 && DirectLineTestClient.Role(a[^1]!) == "bot");
        }
    }

    /// <summary>The details found in <paramref name="text"/>, also after taking out hyphens and spaces.</summary>
    public static IReadOnlyList<string> FoundIn(string text)
    {
        var squeezed = text.Replace("-", string.Empty, StringComparison.Ordinal).Replace(" ", string.Empty, StringComparison.Ordinal);
        return [.. Details.Where(d => text.Contains(d, StringComparison.Ordinal) || squeezed.Contains(d.Replace("-", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal))];
    }
}
