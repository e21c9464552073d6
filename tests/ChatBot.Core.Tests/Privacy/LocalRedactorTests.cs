using System.Text;
using ChatBot.Core.Privacy;

namespace ChatBot.Core.Tests.Privacy;

public sealed class LocalRedactorTests
{
    private static readonly LocalRedactor Redactor = new(RedactionLexicon.Load(RepoPaths.Dialogs));

    [Fact]
    public async Task Redacted_text_replaces_each_detail_with_a_typed_placeholder_and_reports_only_kind_and_position()
    {
        const string text = "山田といいます。電話は090-1234-5678、メールはyamada@example.jpです";

        var result = await Redactor.RedactAsync(text, "ja-JP", CancellationToken.None);

        Assert.Equal("〔名前〕といいます。電話は〔電話番号〕、メールは〔メールアドレス〕です", result.Text);
        Assert.True(result.Changed);
        Assert.Equal([RedactionKinds.Name, RedactionKinds.Phone, RedactionKinds.Email], result.Spans.Select(s => s.Kind));
        Assert.Equal(["山田", "090-1234-5678", "yamada@example.jp"], result.Spans.Select(s => text.Substring(s.Start, s.Length)));
    }

    [Fact]
    public async Task Text_without_personal_details_comes_back_unchanged()
    {
        const string text = "息子は40歳で、10年ほど家にいます。横浜市港北区に住んでいます。";

        var result = await Redactor.RedactAsync(text, "ja", CancellationToken.None);

        Assert.Same(text, result.Text);
        Assert.False(result.Changed);
    }

    [Theory]
    [InlineData("090-1234-5678", "ja-JP", "〔電話番号〕")]
    [InlineData("090-1234-5678", "en-US", "[phone]")]
    [InlineData("090-1234-5678", null, "[phone]")]
    [InlineData("電話 090-1234-5678", "en-US", "電話 〔電話番号〕")]
    [InlineData("call ０９０－１２３４－５６７８", "en-US", "call 〔電話番号〕")]
    public async Task Placeholders_follow_the_script_of_the_text_then_the_locale(string text, string? locale, string expected)
    {
        var result = await Redactor.RedactAsync(text, locale, CancellationToken.None);

        Assert.Equal(expected, result.Text);
    }

    [Fact]
    public async Task Broken_surrogates_are_left_alone_and_do_not_stop_redaction()
    {
        var text = "\uD800電話は090-1234-5678\uDC00です\uDBFF";

        var result = await Redactor.RedactAsync(text, "ja", CancellationToken.None);

        Assert.Equal("\uD800電話は〔電話番号〕\uDC00です\uDBFF", result.Text);
    }

    [Fact]
    public async Task A_100_KB_message_full_of_near_misses_is_redacted_whole()
    {
        var builder = new StringBuilder();
        var units = 0;
        var unit = "連絡は090-1234-5678、住所は横浜市港北区日吉1-2-3、1-2-3-4-5-6-7-8 ＠＠@@..--ーー 0120-279-338 "
            + new string('1', 40) + " a@b a@b.c @@@ https://x.com/" + new string('a', 50) + " 私は私は私は 名前は ";
        while (builder.Length < 100 * 1024)
        {
            builder.Append(unit);
            units++;
        }

        builder.Append('\uD800');
        var text = builder.ToString();

        var result = await Redactor.RedactAsync(text, "ja", CancellationToken.None);

        Assert.DoesNotContain("090-1234-5678", result.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("日吉1-2-3", result.Text, StringComparison.Ordinal);
        Assert.Contains("0120-279-338", result.Text, StringComparison.Ordinal);
        Assert.Equal(units * Redactor.Find(unit).Count, result.Spans.Count);
        Assert.All(result.Spans, s => Assert.InRange(s.Start + s.Length, 1, text.Length));
    }

    [Fact]
    public async Task Cancelled_redaction_throws()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Redactor.RedactAsync("090-1234-5678", "ja", cancelled.Token).AsTask());
    }

    [Fact]
    public async Task Public_numbers_are_read_from_the_data_file_so_a_listed_local_window_stays_readable()
    {
        using var content = PrivacyContent.CopyOfRepository();
        var numbers = await File.ReadAllTextAsync(content.PublicNumbersPath);
        await File.WriteAllTextAsync(content.PublicNumbersPath, numbers + "  - number: 045-671-1111\n    name: 港北区ひきこもり相談\n");
        var redactor = new LocalRedactor(RedactionLexicon.Load(content.Dialogs));

        var listed = await redactor.RedactAsync("支援センターの番号は045-671-1111です", "ja", CancellationToken.None);
        var unlisted = await Redactor.RedactAsync("支援センターの番号は045-671-1111です", "ja", CancellationToken.None);

        Assert.Equal("支援センターの番号は045-671-1111です", listed.Text);
        Assert.Equal("支援センターの番号は〔電話番号〕です", unlisted.Text);
    }

    [Fact]
    public void Every_crisis_line_of_the_domain_notes_is_on_the_public_list()
    {
        string[] crisisLines =
        [
            "110", "119", "189", "0120-279-338", "0120-279-226", "0120-0-78310", "0120-279-889", "0120-783-556",
            "0570-783-556", "0570-064-556", "0120-061-338", "0120-99-7777",
        ];

        Assert.All(crisisLines, number => Assert.True(Redactor.IsPublicNumber(number), number));
        Assert.False(Redactor.IsPublicNumber("0570-046-556"));
    }

    [Fact]
    public void Missing_privacy_content_names_the_file()
    {
        using var content = PrivacyContent.CopyOfRepository();
        File.Delete(content.PublicNumbersPath);

        var error = Assert.Throws<FileNotFoundException>(() => RedactionLexicon.Load(content.Dialogs));

        Assert.Contains(RedactionLexicon.PublicNumbersFile, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(RedactionLexicon.PublicNumbersFile, "numbers:\n  - number: \"11\"\n    name: too short\n")]
    [InlineData(RedactionLexicon.PublicNumbersFile, "numbers:\n  - number: 0120-279-338\n")]
    [InlineData(RedactionLexicon.PublicNumbersFile, "lines: []\n")]
    [InlineData(RedactionLexicon.LexiconFile, "surnames: []\n")]
    public void Invalid_privacy_content_is_refused_with_the_file_named(string file, string yaml)
    {
        using var content = PrivacyContent.CopyOfRepository();
        File.WriteAllText(Path.Combine(content.PrivacyFolder, file), yaml);

        var error = Assert.Throws<InvalidDataException>(() => RedactionLexicon.Load(content.Dialogs));

        Assert.Contains(file, error.Message, StringComparison.Ordinal);
    }
}
