using ChatBot.Core.Dialogs;

namespace ChatBot.Core.Tests.Dialogs;

public sealed class TextMatcherTests
{
    private static readonly SourceLocation Here = new("test", 1);
    private static readonly TextMatcher Matcher = new([new SynonymGroup(["はい", "うん", "yes", "ok"], Here), new SynonymGroup(["いいえ", "いや", "no"], Here)]);

    private static readonly Choice Yes = Make("yes", "はい", "Yes");
    private static readonly Choice No = Make("no", "いいえ", "No");
    private static readonly Choice Self = Make("self", "自分のこと", "About me");
    private static readonly Choice Family = Make("family", "家族・身近な人のこと", "Someone close to me");
    private static readonly Choice Person = Make("person", "人と話したい", "Talk to a person");

    [Theory]
    [InlineData("はい")]
    [InlineData("ハイ")]
    [InlineData("ﾊｲ")]
    [InlineData("はい。")]
    [InlineData(" はい ")]
    [InlineData("Yes")]
    [InlineData("ｙｅｓ")]
    [InlineData("YES!")]
    [InlineData("うん")]
    [InlineData("OK")]
    public void A_yes_button_is_understood_however_it_is_typed(string typed)
    {
        Assert.Same(Yes, Matcher.MatchExact([Yes, No], typed));
    }

    [Theory]
    [InlineData("いいえ")]
    [InlineData("イイエ")]
    [InlineData("no")]
    [InlineData("ｎｏ")]
    public void A_no_button_is_understood_however_it_is_typed(string typed)
    {
        Assert.Same(No, Matcher.MatchExact([Yes, No], typed));
    }

    [Theory]
    [InlineData("家族身近な人のこと")]
    [InlineData("家族・身近な人のこと！")]
    [InlineData("家族 ・ 身近な 人の こと")]
    public void Spaces_and_punctuation_do_not_matter(string typed)
    {
        Assert.Same(Family, Matcher.MatchExact([Self, Family], typed));
    }

    [Theory]
    [InlineData("自分おこと", "self")]
    [InlineData("自分のとこ", "self")]
    [InlineData("家族・身近な人の事", "family")]
    [InlineData("人と話たい", "person")]
    [InlineData("Abuot me", "self")]
    public void A_small_typo_in_a_label_is_understood(string typed, string expected)
    {
        Assert.Equal(expected, Matcher.MatchLoose([Self, Family, Person], typed)?.Value);
    }

    [Theory]
    [InlineData("自分のことです", "self")]
    [InlineData("はい、お願いします", "yes")]
    [InlineData("yes please", "yes")]
    [InlineData("I think no", "no")]
    public void A_label_inside_a_short_sentence_is_understood(string typed, string expected)
    {
        Assert.Equal(expected, Matcher.MatchLoose([Yes, No, Self], typed)?.Value);
    }

    [Theory]
    [InlineData("1", "yes")]
    [InlineData("２", "no")]
    [InlineData("①", "yes")]
    public void The_number_of_a_button_is_understood(string typed, string expected)
    {
        Assert.Equal(expected, Matcher.MatchLoose([Yes, No], typed)?.Value);
    }

    [Fact]
    public void A_number_is_not_a_button_number_when_labels_have_numbers()
    {
        var teens = Make("teens", "10代", "Teens");
        var twenties = Make("twenties", "20代", "20s");

        Assert.Null(Matcher.MatchLoose([teens, twenties], "2"));
    }

    [Theory]
    [InlineData("はいでもいいえ")]
    [InlineData("I don't know")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("😊🙏")]
    [InlineData("あいうえおかきくけこ")]
    public void What_is_ambiguous_or_unrelated_matches_nothing(string typed)
    {
        Assert.Null(Matcher.MatchExact([Yes, No], typed));
        Assert.Null(Matcher.MatchLoose([Yes, No], typed));
    }

    [Fact]
    public void A_label_inside_a_long_message_is_not_an_answer()
    {
        var paragraph = "はい、" + new string('あ', 200);

        Assert.Null(Matcher.MatchLoose([Yes, No], paragraph));
    }

    [Theory]
    [InlineData("ﾊｲ", "はい")]
    [InlineData("ＡＢＣ１２３", "abc123")]
    [InlineData("😊", "")]
    [InlineData("カタカナ", "かたかな")]
    public void Normalisation_folds_width_case_and_kana(string text, string expected)
    {
        Assert.Equal(expected, TextMatcher.Normalize(text));
    }

    [Theory]
    [InlineData("やめる", "stop")]
    [InlineData("ヤメル", "stop")]
    [InlineData("もういい。", "stop")]
    [InlineData("人と話したい", "person")]
    [InlineData("人と話たい", "person")]
    [InlineData("相談員と話したいです", "person")]
    [InlineData("can I talk to a person", "person")]
    public void Global_intents_are_recognised(string typed, string expected)
    {
        Assert.Equal(expected, TextMatcher.MatchIntent(Intents, typed)?.Id);
    }

    [Theory]
    [InlineData("仕事をやめる")]
    [InlineData("やめるかどうか迷っている")]
    [InlineData("stop it")]
    public void A_word_of_an_intent_inside_another_sentence_is_not_the_intent(string typed)
    {
        Assert.Null(TextMatcher.MatchIntent(Intents, typed));
    }

    private static readonly IReadOnlyList<Intent> Intents =
    [
        new("stop", Words(ja: ["やめる", "もういい"], en: ["stop"]), Words(ja: [], en: []), "pause", Here),
        new("person", Words(ja: ["人と話したい"], en: ["talk to a person"]), Words(ja: ["相談員と話"], en: ["talk to a person"]), "talk-to-person", Here),
    ];

    private static Dictionary<string, IReadOnlyList<string>> Words(string[] ja, string[] en) => new() { ["ja"] = ja, ["en"] = en };

    private static Choice Make(string value, string ja, string en) =>
        new(value, new LocalizedText(new Dictionary<string, string> { ["ja"] = ja, ["en"] = en }, Here), new Dictionary<string, IReadOnlyList<string>>(), null, new Dictionary<string, string?>(), Here);
}
