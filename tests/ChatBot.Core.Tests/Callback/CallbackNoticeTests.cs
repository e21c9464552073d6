using ChatBot.Core.Callback;
using ChatBot.Core.Content;

namespace ChatBot.Core.Tests.Callback;

public sealed class CallbackNoticeTests
{
    [Fact]
    public void Every_consent_text_of_the_repository_loads_and_states_the_days()
    {
        var notice = CallbackNotice.Load(RepoPaths.Dialogs, 21);

        foreach (var language in CallbackNotice.Languages)
        {
            var text = notice.Text(language);
            Assert.Contains("21", text, StringComparison.Ordinal);
            Assert.DoesNotContain("{days}", text, StringComparison.Ordinal);
            Assert.DoesNotContain("<!--", text, StringComparison.Ordinal);
        }

        Assert.Contains("相談員ひとりだけ", notice.Text("ja-JP"), StringComparison.Ordinal);
        Assert.Contains("delete my contact", notice.Text("en-US"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_consent_text_that_does_not_say_how_long_stops_the_start_with_its_file()
    {
        var root = CopyOfConsentTexts();
        try
        {
            File.WriteAllText(Path.Combine(root, "callback", "consent.en.md"), "We keep your number.");

            var error = Assert.Throws<ContentFileException>(() => CallbackNotice.Load(root, 14));

            Assert.Equal(Path.Combine("callback", "consent.en.md"), error.File);
            Assert.Contains("{days}", error.Problem, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void A_missing_language_stops_the_start()
    {
        var root = CopyOfConsentTexts();
        try
        {
            File.Delete(Path.Combine(root, "callback", "consent.ja.md"));

            var error = Assert.Throws<ContentFileException>(() => CallbackNotice.Load(root, 14));

            Assert.Contains("'ja' is missing", error.Problem, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static string CopyOfConsentTexts()
    {
        var root = Path.Combine(Path.GetTempPath(), "chatbot-callback-notice", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(root, "callback"));
        foreach (var file in Directory.GetFiles(Path.Combine(RepoPaths.Dialogs, "callback")))
        {
            File.Copy(file, Path.Combine(root, "callback", Path.GetFileName(file)));
        }

        return root;
    }
}
