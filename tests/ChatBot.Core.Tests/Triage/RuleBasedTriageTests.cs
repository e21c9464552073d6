using ChatBot.Core.Triage;

namespace ChatBot.Core.Tests.Triage;

public sealed class RuleBasedTriageTests
{
    private static TriageResult Classify(string text) => TriageFixture.Triage.Classify(text);

    [Theory]
    [InlineData("しにたい")]
    [InlineData("氏にたい")]
    [InlineData("ﾀﾋにたい")]
    [InlineData("4にたい")]
    [InlineData("死 に た い")]
    [InlineData("死にたいいいいい")]
    [InlineData("しにたい😭😭")]
    [InlineData("希死念慮がずっとある")]
    [InlineData("shinitai")]
    [InlineData("i seriously want to kms")]
    [InlineData("I feel like unaliving myself")]
    public void Obfuscated_and_slang_thoughts_of_dying_are_high(string text)
    {
        Assert.Equal(RiskLevel.High, Classify(text).Risk);
    }

    [Theory]
    [InlineData("もう全部終わりにしたい")]
    [InlineData("薬ためてる")]
    [InlineData("今までありがとう")]
    [InlineData("最後に話せてよかった")]
    [InlineData("ロープ買った")]
    [InlineData("今夜しにます")]
    [InlineData("I want to end it all tonight")]
    [InlineData("kms tonight, can't do this anymore")]
    public void Intent_means_and_goodbyes_are_crisis(string text)
    {
        Assert.Equal(RiskLevel.Crisis, Classify(text).Risk);
    }

    [Theory]
    [InlineData("練炭を車に積んできた")]
    [InlineData("用意したロープ、もう結んだ")]
    [InlineData("ベランダの手すりに座ってる、ここ8階")]
    [InlineData("4ぬ。今日こそ")]
    [InlineData("さよなら。迷惑かけてごめんなさい")]
    [InlineData("身辺整理は済んだ。通帳は机の上")]
    [InlineData("これ送ったら電源切ります。ありがとうございました")]
    [InlineData("息子が3日なにも食べてない")]
    [InlineData("娘が風呂場から出てこない、呼んでも無反応")]
    [InlineData("I have the pills in front of me")]
    public void Means_places_times_and_farewells_combine_into_crisis_in_any_order(string text)
    {
        Assert.Equal(RiskLevel.Crisis, Classify(text).Risk);
    }

    [Theory]
    [InlineData("週末に練炭でバーベキューした")]
    [InlineData("橋の上で写真撮った")]
    [InlineData("ロープでハンモック吊るした")]
    [InlineData("今日で最後のバイト、みんなありがとう")]
    [InlineData("自分という存在をなかったことにしたいほど恥ずかしい")]
    [InlineData("映画のシーンでしんみりした")]
    [InlineData("I bought rope for a camping trip")]
    public void Means_and_places_in_harmless_scenes_are_not_crisis(string text)
    {
        Assert.NotEqual(RiskLevel.Crisis, Classify(text).Risk);
    }

    [Fact]
    public void Katakana_words_do_not_match_the_everyday_kana_they_fold_into()
    {
        // カッター folds to かった, シーン to しん: neither may turn a past tense or 死ん in kana into a blade or a film.
        Assert.DoesNotContain(Classify("なかったことにしたい").Matches, id => id.Contains("blade", StringComparison.Ordinal));
        Assert.Equal(RiskLevel.Crisis, Classify("しんだらごめん　いまからいく").Risk);
    }

    [Theory]
    [InlineData("死にたいとは思っていない")]
    [InlineData("死にたいわけじゃないけど、疲れた")]
    [InlineData("自傷はしていません")]
    [InlineData("I'm not suicidal, just tired")]
    [InlineData("I don't want to die, I just want things to change")]
    public void Negated_thoughts_are_normal(string text)
    {
        Assert.Equal(RiskLevel.Normal, Classify(text).Risk);
    }

    [Theory]
    [InlineData("死ぬほど眠い")]
    [InlineData("死ぬ気で頑張る")]
    [InlineData("殺す気か！ってくらい仕事を振られた")]
    [InlineData("仕事が忙しすぎて殺される")]
    [InlineData("恥ずかしくて消えたい")]
    [InlineData("This heat is killing me")]
    [InlineData("I could kill for a coffee right now")]
    public void Idioms_are_normal(string text)
    {
        Assert.Equal(RiskLevel.Normal, Classify(text).Risk);
    }

    [Theory]
    [InlineData("昔は消えたかったけど今は平気")]
    [InlineData("学生の頃は死にたいと思っていたけど、今は大丈夫です")]
    [InlineData("I used to have suicidal thoughts, but I'm doing much better now")]
    public void Past_and_resolved_thoughts_are_normal(string text)
    {
        Assert.Equal(RiskLevel.Normal, Classify(text).Risk);
    }

    [Theory]
    [InlineData("昔から死にたいと思ってて、今もそう")]
    [InlineData("以前は死にたいと思っていたけど、最近また思うようになった")]
    public void The_past_that_still_goes_on_stays_high(string text)
    {
        Assert.Equal(RiskLevel.High, Classify(text).Risk);
    }

    [Theory]
    [InlineData("もし死にたくなったらどこに相談すればいい？")]
    [InlineData("自殺したい人はどこに相談すればいいんですか")]
    [InlineData("If I ever feel suicidal, who can I call?")]
    [InlineData("What is the number for the suicide hotline in Japan?")]
    public void Questions_about_help_are_normal(string text)
    {
        Assert.Equal(RiskLevel.Normal, Classify(text).Risk);
    }

    [Fact]
    public void A_present_thought_with_a_question_about_help_stays_high()
    {
        Assert.Equal(RiskLevel.High, Classify("死にたいです。どこに相談すればいいですか").Risk);
    }

    [Theory]
    [InlineData("「死にたい」って歌詞の曲が流行ってるね")]
    [InlineData("消えたい気分の歌詞ってある？")]
    [InlineData("映画で主人公が「もう死にたい」って言うシーンで泣いた")]
    public void Quotations_of_songs_and_films_are_normal(string text)
    {
        Assert.Equal(RiskLevel.Normal, Classify(text).Risk);
    }

    [Fact]
    public void A_friend_quoted_as_wanting_to_die_is_high_and_spoken_by_other()
    {
        var result = Classify("友達が死にたいって言ってて心配");
        Assert.Equal(RiskLevel.High, result.Risk);
        Assert.Equal(Speaker.Other, result.Speaker);
    }

    [Theory]
    [InlineData("息子が包丁を持って部屋から出てこない", RiskLevel.Crisis)]
    [InlineData("娘が何日も食べていない", RiskLevel.Crisis)]
    [InlineData("夫が毎晩怒鳴る", RiskLevel.High)]
    [InlineData("息子が部屋から出てこない", RiskLevel.Normal)]
    public void Family_reports_are_weighed_for_the_relative(string text, RiskLevel risk)
    {
        var result = Classify(text);
        Assert.Equal(risk, result.Risk);
        Assert.Equal(Speaker.Family, result.Speaker);
    }

    [Fact]
    public void Not_eating_for_days_is_crisis_for_a_relative_and_high_for_oneself()
    {
        Assert.Equal(RiskLevel.Crisis, Classify("母が3日も食べていない").Risk);
        Assert.Equal(RiskLevel.High, Classify("お金がなくて3日も食べていない").Risk);
    }

    [Theory]
    [InlineData("夫に殴られて、あざがある", Speaker.Self)]
    [InlineData("民生委員です。近所の方がひきこもっているようで相談したい", Speaker.Other)]
    [InlineData("母の介護をしています。少し疲れました", Speaker.Family)]
    [InlineData("My son doesn't leave his room", Speaker.Family)]
    [InlineData("こんばんは", Speaker.Unknown)]
    public void The_speaker_is_who_the_message_is_about(string text, Speaker speaker)
    {
        Assert.Equal(speaker, Classify(text).Speaker);
    }

    [Fact]
    public void Topics_come_from_the_words_and_the_cues()
    {
        var result = Classify("父の介護と仕事の両立がきつい。借金もある");
        Assert.Equal([Topic.Work, Topic.Family, Topic.Money, Topic.Carer], result.Topics);
        Assert.Equal([Topic.Family, Topic.Violence], Classify("夫に殴られて、あざがある").Topics.Order());
    }

    [Fact]
    public void Matches_are_rule_ids_and_never_the_text()
    {
        var result = Classify("今から死にます");
        Assert.NotEmpty(result.Matches);
        Assert.All(result.Matches, m => Assert.Matches("^[a-z]{2}\\.[a-z0-9.\\-/>]+$", m));
        Assert.Contains("ja.intent", result.Matches);
    }

    [Fact]
    public void A_set_aside_cue_is_listed_with_what_set_it_aside()
    {
        Assert.Contains("ja.thought.die/ja.negation", Classify("死にたいとは思っていない").Matches);
        Assert.Contains("ja.thought.die>ja.immediacy", Classify("今すぐ消えたい").Matches);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\u0000\u0001\u0002")]
    [InlineData("\uD800\uD800\uDC00\uDC00")]
    [InlineData("🔪💊🪢")]
    public void Odd_input_is_normal_and_does_not_throw(string text)
    {
        Assert.Equal(RiskLevel.Normal, Classify(text).Risk);
    }

    [Fact]
    public void Danger_at_the_end_of_a_huge_message_is_still_seen()
    {
        var huge = string.Concat(Enumerable.Repeat("今日は天気がいいですね。", 10_000)) + "さようなら。今から死にます";
        Assert.Equal(RiskLevel.Crisis, Classify(huge).Risk);
    }

    [Fact]
    public void A_goodbye_after_a_long_text_full_of_lexicon_words_is_still_seen()
    {
        var huge = string.Concat(Enumerable.Repeat("息子が部屋から出てこない。死ぬほど眠い。", 5_000)) + "もう疲れた。今までありがとう";
        Assert.Equal(RiskLevel.Crisis, Classify(huge).Risk);
    }

    [Fact]
    public void A_message_made_only_of_lexicon_words_is_classified_without_failing()
    {
        var flood = string.Concat(Enumerable.Repeat("死にたいとは思っていない今から", 8_000));
        var result = Classify(flood);
        Assert.InRange(result.Matches.Count, 1, 50);
    }
}
