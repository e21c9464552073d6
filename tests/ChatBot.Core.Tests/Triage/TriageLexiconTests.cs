using ChatBot.Core.Content;
using ChatBot.Core.Triage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ChatBot.Core.Tests.Triage;

public sealed class TriageLexiconTests
{
    [Fact]
    public void Every_lexicon_file_under_dialogs_triage_loads()
    {
        var folder = Path.Combine(RepoPaths.Dialogs, TriageLexicon.FolderName);
        var files = Directory.GetFiles(folder, "*.yaml");
        Assert.Contains(files, f => Path.GetFileName(f) == "ja.yaml");
        Assert.Contains(files, f => Path.GetFileName(f) == "en.yaml");
        foreach (var file in files)
        {
            var lexicon = TriageLexicon.Load([(Path.GetFileName(file), File.ReadAllText(file))]);
            Assert.NotEmpty(lexicon.Rules);
        }

        var all = TriageLexicon.LoadFolder(folder);
        Assert.Equal(files.Length, all.Files.Count);
        Assert.All(all.Files, f => Assert.StartsWith("dialogs/triage/", f, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("language: ja\ncues:\n  - id: ja.x\n    risk: high\n    trems: [死にたい]\n", "trems")]
    [InlineData("language: ja\ncues:\n  - id: ja.x\n    risk: urgent\n    terms: [死にたい]\n", "'risk' must be high or crisis")]
    [InlineData("language: ja\ncues:\n  - id: ja.x\n    risk: high\n    terms: [死にたい]\n  - id: ja.x\n    risk: high\n    terms: [消えたい]\n", "already defined")]
    [InlineData("language: ja\ncues:\n  - id: ja.x\n    risk: high\n    terms: ['。！']\n", "only punctuation")]
    [InlineData("language: ja\ncues:\n  - id: en.x\n    risk: high\n    terms: [死にたい]\n", "start with 'ja.'")]
    [InlineData("language: ja\nmodifiers:\n  - id: ja.m\n    effect: cancel\n    where: after\n    within: 3\n    applies_to: [ja.nothing]\n    terms: [ない]\n", "names no cue")]
    [InlineData("language: ja\ntopics:\n  weather: [雨]\n", "is not a topic")]
    [InlineData("language: ja\ncues: [\n", "line")]
    [InlineData("language: ja\nconcepts:\n  method: [練炭]\ncues:\n  - id: ja.x\n    risk: crisis\n    all_of: [method, tiem]\n", "all_of 'tiem' is not a concept")]
    [InlineData("language: ja\nconcepts:\n  method: [練炭]\n  time: [今夜]\ncues:\n  - id: ja.x\n    risk: crisis\n    all_of: [method, time]\n    scope: paragraph\n", "'scope' must be")]
    [InlineData("language: ja\nconcepts:\n  method: [練炭]\ncues:\n  - id: ja.x\n    risk: crisis\n    all_of: [method]\n", "two or more concepts")]
    public void A_broken_lexicon_is_refused_with_the_file_and_the_problem(string yaml, string problem)
    {
        var error = Assert.Throws<ContentFileException>(() => TriageLexicon.Load([("dialogs/triage/broken.yaml", yaml)]));
        Assert.Equal("dialogs/triage/broken.yaml", error.File);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Spellings_also_match_every_term_written_another_way()
    {
        const string yaml = """
            language: ja
            cues:
              - id: ja.t
                risk: high
                terms: [死にたい]
            spellings:
              死: [氏, タヒ]
            """;
        var triage = new RuleBasedTriage(TriageLexicon.Load([("t.yaml", yaml)]));
        Assert.Equal(RiskLevel.High, triage.Classify("氏にたい").Risk);
        Assert.Equal(RiskLevel.High, triage.Classify("ﾀﾋにたい").Risk);
        Assert.Equal(RiskLevel.Normal, triage.Classify("にたい").Risk);
    }

    [Fact]
    public void A_two_part_cue_needs_its_second_part_close_after_the_first()
    {
        const string yaml = """
            language: ja
            cues:
              - id: ja.t
                risk: high
                terms: [死ん]
                followed_by: [でしまいたい]
                within: 2
            """;
        var triage = new RuleBasedTriage(TriageLexicon.Load([("t.yaml", yaml)]));
        Assert.Equal(RiskLevel.High, triage.Classify("死んでしまいたい").Risk);
        Assert.Equal(RiskLevel.Normal, triage.Classify("死んだ祖父の話を聞いて、ずっと泣いていたい、でしまいたい").Risk);
        Assert.Equal(RiskLevel.Normal, triage.Classify("死ん。でしまいたい").Risk);
    }

    [Fact]
    public void Up_to_128_concepts_combine_and_one_more_is_refused()
    {
        static string Lexicon(int concepts) =>
            "language: ja\nconcepts:\n" + string.Concat(Enumerable.Range(0, concepts).Select(i => $"  c{i}: [語{i:D3}]\n"))
            + $"cues:\n  - id: ja.last\n    risk: crisis\n    all_of: [c0, [c1, c{concepts - 1}]]\n";

        var triage = new RuleBasedTriage(TriageLexicon.Load([("t.yaml", Lexicon(TriageLexicon.MaxConcepts))]));

        Assert.Equal(RiskLevel.Crisis, triage.Classify($"語000 と 語{TriageLexicon.MaxConcepts - 1:D3}").Risk);
        Assert.Equal(RiskLevel.Normal, triage.Classify($"語002 と 語{TriageLexicon.MaxConcepts - 1:D3}").Risk);
        var error = Assert.Throws<ContentFileException>(() => TriageLexicon.Load([("t.yaml", Lexicon(TriageLexicon.MaxConcepts + 1))]));
        Assert.Contains($"at most {TriageLexicon.MaxConcepts} concepts", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_all_of_cue_stands_when_its_concepts_meet_in_any_order_within_its_scope()
    {
        const string yaml = """
            language: ja
            concepts:
              method: [練炭, ロープ]
              act: [買ってきた, 用意]
              time: [今夜]
            cues:
              - id: ja.plan
                risk: crisis
                all_of: [method, act]
              - id: ja.when
                risk: crisis
                all_of: [method, time]
                scope: next-sentence
            modifiers:
              - id: ja.bbq
                effect: cancel
                where: either
                within: 6
                applies_to: [ja.plan]
                terms: [バーベキュー]
            """;
        var triage = new RuleBasedTriage(TriageLexicon.Load([("t.yaml", yaml)]));

        Assert.Equal(RiskLevel.Crisis, triage.Classify("練炭をホームセンターで買ってきた").Risk);
        Assert.Equal(RiskLevel.Crisis, triage.Classify("もう用意してある、ロープは").Risk);
        Assert.Contains("ja.plan", triage.Classify("ロープの用意").Matches);
        Assert.Equal(RiskLevel.Normal, triage.Classify("練炭はない。でも買ってきた").Risk);
        Assert.Equal(RiskLevel.Crisis, triage.Classify("練炭がある。今夜").Risk);
        Assert.Equal(RiskLevel.Normal, triage.Classify("練炭がある。それだけ。今夜").Risk);
        Assert.Equal(RiskLevel.Normal, triage.Classify("練炭").Risk);
        Assert.Equal(RiskLevel.Normal, triage.Classify("バーベキュー用に練炭を買ってきた").Risk);
    }

    [Fact]
    public void An_ordered_all_of_cue_needs_its_concepts_in_order_and_close_together()
    {
        const string yaml = """
            language: ja
            concepts:
              dying: [死ね, 消え]
              wish: [たい, たらいいのに]
            cues:
              - id: ja.wish
                risk: high
                all_of: [dying, wish]
                within: 8
                in_order: true
            """;
        var triage = new RuleBasedTriage(TriageLexicon.Load([("t.yaml", yaml)]));

        Assert.Equal(RiskLevel.High, triage.Classify("事故で死ねたらいいのに").Risk);
        Assert.Equal(RiskLevel.High, triage.Classify("このまま消えてしまいたい").Risk);
        Assert.Equal(RiskLevel.Normal, triage.Classify("タイトルは消えた").Risk);
        Assert.Equal(RiskLevel.Normal, triage.Classify("消えた電気をつけに行って、それから寝たい").Risk);
    }

    [Fact]
    public void An_all_of_item_with_alternatives_takes_any_of_them_but_each_item_its_own_concept()
    {
        const string yaml = """
            language: ja
            concepts:
              method: [練炭]
              farewell: [探さないで]
              time: [今夜]
              goodbye: [さよなら]
            cues:
              - id: ja.two
                risk: crisis
                all_of: [[method, farewell], [method, farewell]]
              - id: ja.strong-weak
                risk: crisis
                all_of: [[method, farewell], [time, goodbye]]
            """;
        var triage = new RuleBasedTriage(TriageLexicon.Load([("t.yaml", yaml)]));

        Assert.Contains("ja.two", triage.Classify("練炭がある、探さないで").Matches);
        Assert.Equal(RiskLevel.Normal, triage.Classify("練炭と練炭").Risk);
        Assert.Contains("ja.strong-weak", triage.Classify("さよなら、探さないで").Matches);
        Assert.Equal(RiskLevel.Normal, triage.Classify("今夜、さよなら").Risk);
    }

    [Fact]
    public async Task The_service_refuses_to_start_with_a_broken_lexicon()
    {
        var dialogs = Directory.CreateTempSubdirectory("chatbot-dialogs-");
        try
        {
            Directory.CreateDirectory(Path.Combine(dialogs.FullName, "triage"));
            await File.WriteAllTextAsync(Path.Combine(dialogs.FullName, "triage", "ja.yaml"), "language: ja\ncues:\n  - id: ja.x\n    risk: high\n");
            File.Copy(Path.Combine(RepoPaths.Dialogs, "crisis-lines.yaml"), Path.Combine(dialogs.FullName, "crisis-lines.yaml"));
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Content:DialogsPath"] = dialogs.FullName });
            builder.Services.Configure<ContentOptions>(builder.Configuration.GetSection(ContentOptions.SectionName));
            builder.Services.AddTriage(builder.Configuration);
            using var host = builder.Build();

            var error = await Assert.ThrowsAsync<ContentFileException>(() => host.StartAsync());

            Assert.EndsWith("/triage/ja.yaml", error.File, StringComparison.Ordinal);
            Assert.Contains("has no terms", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            dialogs.Delete(recursive: true);
        }
    }
}
