using System.Globalization;
using ChatBot.Core.Handoff;

namespace ChatBot.Core.Tests.Handoff;

public sealed class HandoffTextsTests
{
    [Fact]
    public void Every_handoff_text_file_loads_with_japanese_and_english()
    {
        var texts = HandoffTexts.Load(RepoPaths.Dialogs);

        Assert.Contains("ja", texts.Locales);
        Assert.Contains("en", texts.Locales);
        Assert.Equal("つないでほしい", texts.For("ja-JP").Consent.Accept);
        Assert.Equal("要約だけ共有してつなぐ", texts.For("ja").Consent.SummaryOnly);
        Assert.Equal("まだいい", texts.For(null).Consent.Decline);
        Assert.Equal("Yes, connect me", texts.For("en-US").Consent.Accept);
    }

    [Fact]
    public void Every_button_label_fits_in_twenty_characters()
    {
        var texts = HandoffTexts.Load(RepoPaths.Dialogs);
        foreach (var locale in texts.Locales)
        {
            var set = texts.For(locale);
            foreach (var label in new[] { set.Consent.Accept, set.Consent.SummaryOnly, set.Consent.Decline, set.Queue.Cancel, set.Counsellor.End })
            {
                Assert.InRange(new StringInfo(label).LengthInTextElements, 1, 20);
            }
        }
    }

    [Fact]
    public void A_text_file_that_lost_a_placeholder_or_has_a_long_label_stops_the_start_with_its_name()
    {
        var folder = Path.Combine(Path.GetTempPath(), "chatbot-handoff-texts", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(folder, "handoff"));
        try
        {
            var japanese = File.ReadAllText(Path.Combine(RepoPaths.Dialogs, "handoff", "texts.ja.yaml"))
                .Replace("{position}番目で", "何番目かで", StringComparison.Ordinal)
                .Replace("accept: つないでほしい", "accept: 相談員さんにいますぐつないでほしいと思っています", StringComparison.Ordinal);
            File.WriteAllText(Path.Combine(folder, "handoff", "texts.ja.yaml"), japanese);

            var error = Assert.Throws<InvalidOperationException>(() => HandoffTexts.Load(folder));

            Assert.Contains("texts.ja.yaml", error.Message, StringComparison.Ordinal);
            Assert.Contains("queue.queued lost its placeholder {position}", error.Message, StringComparison.Ordinal);
            Assert.Contains("consent.accept", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("つないでほしい", ConsentAnswer.Accept)]
    [InlineData("はい。", ConsentAnswer.Accept)]
    [InlineData("要約だけ共有してつなぐ", ConsentAnswer.SummaryOnly)]
    [InlineData("Share summary only", ConsentAnswer.SummaryOnly)]
    [InlineData("まだいい", ConsentAnswer.Decline)]
    [InlineData("Not now", ConsentAnswer.Decline)]
    [InlineData("つないでほしいけど、ちょっと怖い", ConsentAnswer.None)]
    [InlineData("", ConsentAnswer.None)]
    public void Consent_answers_are_recognised_only_as_whole_answers(string text, ConsentAnswer expected)
    {
        Assert.Equal(expected, HandoffTexts.Load(RepoPaths.Dialogs).MatchConsent(text));
    }

    [Fact]
    public void Words_that_can_mean_something_heavier_never_end_a_conversation_with_a_counsellor()
    {
        var texts = HandoffTexts.Load(RepoPaths.Dialogs);

        Assert.True(texts.IsEnd("終わりにする"));
        Assert.True(texts.IsCancel("キャンセル"));
        Assert.False(texts.IsEnd("もう終わりたい"));
        Assert.False(texts.IsEnd("やめたい"));
        Assert.False(texts.IsCancel("やめたい"));
        Assert.False(texts.IsCancel("stop"));
    }
}
