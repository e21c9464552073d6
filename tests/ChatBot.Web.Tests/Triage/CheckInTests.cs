using ChatBot.Core.Triage;
using ChatBot.Web.Tests.DirectLine;
using ChatBot.Web.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Web.Tests.Triage;

/// <summary>
/// The safety net under the rules, end to end over Direct Line: a message no rule reads as danger, but that
/// reads like the danger examples, gets the gentle check-in with the lines, the flow carries on, and the
/// counsellors see it was the examples, not a rule. The examples here are a small file of the test's own,
/// so what is flagged does not move when the team's examples grow.
/// </summary>
public sealed class CheckInTests : IAsyncLifetime
{
    private readonly string _examples = Path.Combine(Path.GetTempPath(), $"chatbot-examples-{Guid.NewGuid():N}.jsonl");
    private ChatBotServer _server = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        string[] danger = ["ふわふわして天井がまわってる", "ふわふわする、もう戻れない気がする", "天井がまわって、ふわふわしてきた", "からだがふわふわして天井が遠い"];
        string[] normal = ["散歩して気分がよかった", "支援センターの場所を知りたい", "今日は天気がいいですね", "母と話ができました"];
        await File.WriteAllLinesAsync(_examples,
        [
            .. danger.Select(t => $$"""{"text": "{{t}}", "risk": "crisis", "speaker": "self", "topics": [], "hard": true}"""),
            .. normal.Select(t => $$"""{"text": "{{t}}", "risk": "normal", "speaker": "self", "topics": [], "hard": false}"""),
        ]);
        _server = ChatBotServer.Start(new Dictionary<string, string?>
        {
            ["Triage:ExamplesFile"] = _examples,
            ["Triage:ExampleThreshold"] = "0",
        });
        _http = _server.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
        File.Delete(_examples);
    }

    [Fact]
    public async Task A_message_that_only_resembles_the_danger_examples_gets_the_check_in_and_the_flow_carries_on()
    {
        var client = await DirectLineTestClient.StartAsync(_http);
        await client.SayAndWaitAsync("自分のこと");

        var replies = await client.RepliesToAsync("なんだか天井がまわって、ふわふわ", "check-in");

        Assert.Contains(replies, r => r.Contains("念のため、お伝えさせてください", StringComparison.Ordinal));
        Assert.Contains(replies, r => r.Contains("0120-279-338", StringComparison.Ordinal));
        Assert.DoesNotContain(replies, r => r.Contains("つらい気持ちを書いてくれて", StringComparison.Ordinal));
        Assert.DoesNotContain(replies, r => r.Contains("あなたの安全が、いちばん大切です", StringComparison.Ordinal));
        Assert.Contains("最近の毎日は", replies[^1], StringComparison.Ordinal);

        var recorded = Assert.Single(await _server.Services.GetRequiredService<IRiskEventLog>().ForConversationAsync(client.ConversationId, CancellationToken.None));
        Assert.Equal(RiskLevel.High, recorded.Risk);
        Assert.Contains("examples.similar", recorded.Matches);
    }

    [Fact]
    public async Task A_message_like_the_normal_examples_gets_no_check_in()
    {
        var client = await DirectLineTestClient.StartAsync(_http);
        await client.SayAndWaitAsync("自分のこと");

        var replies = await client.RepliesToAsync("今日は天気がよくて散歩した", "no-check-in");

        Assert.DoesNotContain(replies, r => r.Contains("念のため", StringComparison.Ordinal));
        Assert.Empty(await _server.Services.GetRequiredService<IRiskEventLog>().ForConversationAsync(client.ConversationId, CancellationToken.None));
    }
}
