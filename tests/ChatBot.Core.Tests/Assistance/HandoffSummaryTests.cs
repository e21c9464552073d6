using ChatBot.Core.Assistance;
using ChatBot.Core.Triage;
using Microsoft.SemanticKernel.ChatCompletion;

namespace ChatBot.Core.Tests.Assistance;

public sealed class HandoffSummaryTests
{
    private const string Phone = "090-1234-5678";

    private static readonly string[] Said =
    [
        "息子のことで相談です",
        $"連絡先は{Phone}です",
        "部屋から三年出てこなくて、もう疲れました",
        "どこに相談したらいいのか知りたい",
    ];

    [Fact]
    public async Task Without_AI_the_summary_is_the_last_three_messages_redacted_and_nothing_is_sent()
    {
        await using var harness = await AiHarness.StartAsync(ai: false);

        var summary = await harness.Get<IHandoffSummarizer>().SummarizeAsync(Input(), CancellationToken.None);

        Assert.Equal("連絡先は〔電話番号〕です\n部屋から三年出てこなくて、もう疲れました\nどこに相談したらいいのか知りたい", summary);
        Assert.Empty(harness.Model.Requests);
    }

    [Fact]
    public async Task With_AI_the_summary_is_the_models_marked_as_written_by_AI()
    {
        await using var harness = await AiHarness.StartAsync();
        harness.Model.Answers("家族（母親）から、三年部屋から出ない息子についての相談。\n相談できる窓口を知りたい。");

        var summary = await harness.Get<IHandoffSummarizer>().SummarizeAsync(Input(), CancellationToken.None);

        Assert.Equal("AI要約：家族（母親）から、三年部屋から出ない息子についての相談。\n相談できる窓口を知りたい。", summary);
    }

    [Fact]
    public async Task The_model_is_sent_the_redacted_messages_and_the_triage_facts_only()
    {
        await using var harness = await AiHarness.StartAsync();
        harness.Model.Answers("要約");

        await harness.Get<IHandoffSummarizer>().SummarizeAsync(Input(), CancellationToken.None);

        var history = Assert.Single(harness.Model.Requests);
        Assert.Equal([AuthorRole.System, AuthorRole.User], history.Select(m => m.Role));
        var user = history[1].Content!;
        Assert.Contains("1. 息子のことで相談です", user, StringComparison.Ordinal);
        Assert.Contains("2. 連絡先は〔電話番号〕です", user, StringComparison.Ordinal);
        Assert.Contains("書いている人（ルールによる判定）：家族", user, StringComparison.Ordinal);
        Assert.Contains("話題（ルールによる判定）：家族、孤立", user, StringComparison.Ordinal);
        Assert.DoesNotContain(Phone, harness.Model.AllSent, StringComparison.Ordinal);
        Assert.DoesNotContain("09012345678", harness.Model.AllSent.Replace("-", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task What_the_model_writes_is_redacted_and_cut_to_four_lines()
    {
        await using var harness = await AiHarness.StartAsync();
        harness.Model.Answers("- 一行目、折り返しは 080-1111-2222 とのこと\n\n・二行目\n三行目\n四行目\n五行目");

        var summary = await harness.Get<IHandoffSummarizer>().SummarizeAsync(Input(), CancellationToken.None);

        Assert.Equal("AI要約：一行目、折り返しは 〔電話番号〕 とのこと\n二行目\n三行目\n四行目", summary);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" \n \n")]
    public async Task An_empty_answer_falls_back_to_the_excerpts(string answer)
    {
        await using var harness = await AiHarness.StartAsync();
        harness.Model.Answers(answer);

        var summary = await harness.Get<IHandoffSummarizer>().SummarizeAsync(Input(), CancellationToken.None);

        Assert.StartsWith("連絡先は〔電話番号〕です\n", summary, StringComparison.Ordinal);
        Assert.Contains(harness.Logs.Entries, e => e.EventId.Id == 4603);
    }

    [Fact]
    public async Task An_error_falls_back_to_the_excerpts_and_the_log_quotes_nothing()
    {
        await using var harness = await AiHarness.StartAsync();
        harness.Model.Fails(new InvalidOperationException("The endpoint rejected: 部屋から三年出てこなくて"));

        var summary = await harness.Get<IHandoffSummarizer>().SummarizeAsync(Input(), CancellationToken.None);

        Assert.StartsWith("連絡先は〔電話番号〕です\n", summary, StringComparison.Ordinal);
        var failure = Assert.Single(harness.Logs.Entries, e => e.EventId.Id == 4602);
        Assert.Contains("InvalidOperationException", failure.Exception, StringComparison.Ordinal);
        AssertNoTextLogged(harness);
    }

    [Fact]
    public async Task A_model_that_does_not_answer_in_time_is_left_and_the_excerpts_are_used()
    {
        await using var harness = await AiHarness.StartAsync(settings: new Dictionary<string, string?> { ["Ai:Timeout"] = "00:00:05" });
        harness.Model.Hangs();

        var summarizing = harness.Get<IHandoffSummarizer>().SummarizeAsync(Input(), CancellationToken.None);
        await harness.Model.Called.Task;
        Assert.False(summarizing.IsCompleted);
        harness.Core.Clock.Advance(TimeSpan.FromSeconds(5));
        var summary = await summarizing;

        Assert.StartsWith("連絡先は〔電話番号〕です\n", summary, StringComparison.Ordinal);
        Assert.Contains(harness.Logs.Entries, e => e.EventId.Id == 4601);
        AssertNoTextLogged(harness);
    }

    [Fact]
    public async Task Cancelled_by_the_caller_it_stops_without_a_summary()
    {
        await using var harness = await AiHarness.StartAsync();
        harness.Model.Hangs();
        using var cancel = new CancellationTokenSource();

        var summarizing = harness.Get<IHandoffSummarizer>().SummarizeAsync(Input(), cancel.Token);
        await harness.Model.Called.Task;
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => summarizing);
    }

    [Fact]
    public async Task With_no_message_yet_the_model_is_not_asked()
    {
        await using var harness = await AiHarness.StartAsync();

        var summary = await harness.Get<IHandoffSummarizer>().SummarizeAsync(Input([]), CancellationToken.None);

        Assert.Equal(string.Empty, summary);
        Assert.Empty(harness.Model.Requests);
    }

    private static HandoffSummaryInput Input(IReadOnlyList<string>? said = null) =>
        new("conv-summary", "ja-JP", said ?? Said, RiskLevel.Normal, Speaker.Family, [Topic.Family, Topic.Isolation]);

    private static void AssertNoTextLogged(AiHarness harness)
    {
        var logged = harness.Logs.AllText;
        foreach (var text in Said)
        {
            Assert.DoesNotContain(text, logged, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("部屋から三年", logged, StringComparison.Ordinal);
        Assert.DoesNotContain(Phone, logged, StringComparison.Ordinal);
    }
}
