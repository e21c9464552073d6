using ChatBot.Core.Assistance;
using ChatBot.Core.Bot;
using ChatBot.Core.Dialogs;
using ChatBot.Core.Triage;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;

namespace ChatBot.Core.Tests.Assistance;

public sealed class RiskSecondOpinionTests
{
    private const string Message = "もう全部どうでもいい。〔電話番号〕";

    [Theory]
    [InlineData(RiskLevel.Normal, "high", RiskLevel.High)]
    [InlineData(RiskLevel.Normal, "crisis", RiskLevel.Crisis)]
    [InlineData(RiskLevel.High, "crisis", RiskLevel.Crisis)]
    [InlineData(RiskLevel.Normal, "normal", RiskLevel.Normal)]
    [InlineData(RiskLevel.High, "high", RiskLevel.High)]
    [InlineData(RiskLevel.High, "normal", RiskLevel.High)]
    [InlineData(RiskLevel.Normal, " Crisis.\n", RiskLevel.Crisis)]
    public async Task The_second_opinion_may_raise_the_rule_risk_and_never_lower_it(RiskLevel rule, string answer, RiskLevel expected)
    {
        await using var harness = await AiHarness.StartAsync();
        harness.Model.Answers(answer);

        var risk = await Review(harness, rule);

        Assert.Equal(expected, risk);
        Assert.Single(harness.Model.Requests);
    }

    [Fact]
    public async Task A_crisis_needs_no_second_opinion()
    {
        await using var harness = await AiHarness.StartAsync();
        harness.Model.Answers("normal");

        var risk = await Review(harness, RiskLevel.Crisis);

        Assert.Equal(RiskLevel.Crisis, risk);
        Assert.Empty(harness.Model.Requests);
    }

    [Theory]
    [InlineData("I would say high")]
    [InlineData("高い")]
    [InlineData("crisis high")]
    [InlineData("")]
    public async Task An_answer_that_is_not_one_of_the_three_words_leaves_the_rule_result(string answer)
    {
        await using var harness = await AiHarness.StartAsync();
        harness.Model.Answers(answer);

        var risk = await Review(harness, RiskLevel.Normal);

        Assert.Equal(RiskLevel.Normal, risk);
        Assert.Contains(harness.Logs.Entries, e => e.EventId.Id == 4614);
    }

    [Fact]
    public async Task An_error_leaves_the_rule_result_and_the_log_quotes_nothing()
    {
        await using var harness = await AiHarness.StartAsync();
        harness.Model.Fails(new HttpRequestException("500 for prompt: もう全部どうでもいい"));

        var risk = await Review(harness, RiskLevel.High);

        Assert.Equal(RiskLevel.High, risk);
        Assert.Contains(harness.Logs.Entries, e => e.EventId.Id == 4613);
        Assert.DoesNotContain("どうでもいい", harness.Logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_model_slower_than_the_short_timeout_is_left_and_the_rule_result_stands()
    {
        await using var harness = await AiHarness.StartAsync(settings: new Dictionary<string, string?> { ["Ai:RiskSecondOpinionTimeout"] = "00:00:02" });
        harness.Model.Hangs();

        var reviewing = Review(harness, RiskLevel.Normal);
        await harness.Model.Called.Task;
        Assert.False(reviewing.IsCompleted);
        harness.Core.Clock.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(RiskLevel.Normal, await reviewing);
        Assert.Contains(harness.Logs.Entries, e => e.EventId.Id == 4612);
    }

    [Fact]
    public async Task The_model_is_sent_the_message_as_redacted_in_the_user_part()
    {
        await using var harness = await AiHarness.StartAsync();
        harness.Model.Answers("normal");

        await harness.Get<IRiskSecondOpinion>().ReviewAsync(new RiskReview("conv-risk", "a1", "ja-JP", "090-1234-5678 に電話して。もう消えたい", RiskLevel.High), CancellationToken.None);

        var history = Assert.Single(harness.Model.Requests);
        Assert.Contains("〔電話番号〕 に電話して。もう消えたい", history[^1].Content, StringComparison.Ordinal);
        Assert.Contains("ルールによる判定（参考）: high", history[^1].Content, StringComparison.Ordinal);
        Assert.DoesNotContain("1234", harness.Model.AllSent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    public async Task Off_unless_AI_is_configured_and_the_second_opinion_turned_on(bool ai, bool secondOpinion)
    {
        await using var harness = await AiHarness.StartAsync(ai, secondOpinion);
        harness.Model.Answers("crisis");

        var risk = await Review(harness, RiskLevel.Normal);

        Assert.Equal(RiskLevel.Normal, risk);
        Assert.Empty(harness.Model.Requests);
    }

    [Fact]
    public async Task The_bot_shows_the_crisis_lines_when_the_second_opinion_raises_a_message_to_crisis()
    {
        await using var harness = await AiHarness.StartAsync();
        harness.Model.Answers("crisis");

        var (replies, outcome) = await SayToBotAsync(harness, "最近ちょっと疲れています");

        Assert.Equal(RiskLevel.Normal, harness.Get<ITriage>().Classify("最近ちょっと疲れています").Risk);
        Assert.Contains(replies, r => r.Contains("0120-279-338", StringComparison.Ordinal));
        Assert.Equal(RiskLevel.Crisis, outcome.State.HighestRisk);
    }

    [Fact]
    public async Task The_bot_keeps_a_crisis_whatever_the_second_opinion_says()
    {
        await using var harness = await AiHarness.StartAsync();
        harness.Model.Answers("normal");
        const string Crisis = "薬ためてる。今夜全部飲む";

        var (replies, outcome) = await SayToBotAsync(harness, Crisis);

        Assert.Equal(RiskLevel.Crisis, harness.Get<ITriage>().Classify(Crisis).Risk);
        Assert.Contains(replies, r => r.Contains("0120-279-338", StringComparison.Ordinal));
        Assert.Equal(RiskLevel.Crisis, outcome.State.HighestRisk);
    }

    private static Task<RiskLevel> Review(AiHarness harness, RiskLevel rule) =>
        harness.Get<IRiskSecondOpinion>().ReviewAsync(new RiskReview("conv-risk", "a1", "ja-JP", Message, rule), CancellationToken.None);

    private static async Task<(List<string> Replies, DialogTurnOutcome Outcome)> SayToBotAsync(AiHarness harness, string text)
    {
        var adapter = new TestAdapter(TestAdapter.CreateConversation("ai-bot-test")) { Locale = "ja-JP" };
        var bot = harness.Get<IBot>();
        DialogTurnOutcome? outcome = null;
        await adapter.ProcessActivityAsync(adapter.MakeActivity(text), async (turn, ct) =>
        {
            await bot.OnTurnAsync(turn, ct);
            outcome = turn.TurnState.Get<DialogTurnOutcome>();
        }, CancellationToken.None);
        var replies = new List<string>();
        while (adapter.ActiveQueue.Count > 0)
        {
            replies.Add(adapter.ActiveQueue.Dequeue().Text ?? string.Empty);
        }

        return (replies, outcome!);
    }
}
