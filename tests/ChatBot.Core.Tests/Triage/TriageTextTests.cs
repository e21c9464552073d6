using ChatBot.Core.Triage;

namespace ChatBot.Core.Tests.Triage;

public sealed class TriageTextTests
{
    [Theory]
    [InlineData("死にたい", "死にたい")]
    [InlineData("死 に た い", "死にたい")]
    [InlineData("死、に、た、い", "死にたい")]
    [InlineData("死😭に😭た😭い", "死にたい")]
    [InlineData("シニタイ", "しにたい")]
    [InlineData("ｼﾆﾀｲ", "しにたい")]
    [InlineData("ﾀﾋにたい", "たひにたい")]
    [InlineData("ｶﾞｯｺｳ", "がっこう")]
    [InlineData("しにたーい", "しにたい")]
    [InlineData("しにたぁい", "しにたい")]
    [InlineData("死にたいいいいいい", "死にたいい")]
    [InlineData("Ｉ　ｗａｎｔ　ｔｏ　ｄｉｅ", "i want to die")]
    [InlineData("I   want...to die", "i want\nto die")]
    [InlineData("I don't want to DIE", "i dont want to die")]
    [InlineData("４にたい", "4にたい")]
    [InlineData("①日目", "1日目")]
    public void Folds_the_ways_people_write_a_word_to_one_form(string written, string folded)
    {
        Assert.Equal(folded, TriageText.Normalize(written));
    }

    [Fact]
    public void Sentence_ends_become_one_clause_boundary()
    {
        Assert.Equal("死にたい\nでも大丈夫", TriageText.Normalize("死にたい。。。！！\n\nでも大丈夫"));
    }

    [Fact]
    public void Control_characters_and_broken_surrogates_act_as_separators()
    {
        var text = "死\u0000に\u0007た\uD800い\uDC00" + "\u001B[31m";
        Assert.Equal("死にたい31m", TriageText.Normalize(text));
    }

    [Fact]
    public void A_huge_message_is_read_as_a_bounded_head_and_tail()
    {
        var huge = new string('あ', 100_000) + "死にたい";
        using var buffer = TriageText.NormalizeMessage(huge);
        Assert.True(buffer.Written.Length <= TriageText.HeadChars + TriageText.TailChars + 1);
        Assert.EndsWith("死にたい", buffer.Written.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Mathematical_letters_fold_to_ascii_and_emoji_vanish()
    {
        Assert.Equal("kill myself", TriageText.Normalize("𝐤𝐢𝐥𝐥 🔪 𝐦𝐲𝐬𝐞𝐥𝐟"));
    }

    [Fact]
    public void Emoji_of_a_means_of_harm_read_as_the_word_in_Japanese_text()
    {
        Assert.Equal("今夜薬ぜんぶ", TriageText.Normalize("今夜💊ぜんぶ"));
        Assert.Equal("今夜ぜんぶ", TriageText.Normalize("今夜😭ぜんぶ"));
        Assert.Equal("pills tonight", TriageText.Normalize("pills 💊 tonight"));
    }
}
