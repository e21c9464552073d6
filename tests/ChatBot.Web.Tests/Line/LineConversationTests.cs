using System.Text.Json.Nodes;

namespace ChatBot.Web.Tests.Line;

/// <summary>The same flows and crisis path as the web chat, over LINE: quick replies in, replies out.</summary>
public sealed class LineConversationTests : IAsyncLifetime
{
    private LineTestHarness _line = null!;

    public async Task InitializeAsync() => _line = await LineTestHarness.StartAsync();

    public async Task DisposeAsync() => await _line.DisposeAsync();

    [Fact]
    public async Task A_whole_flow_is_walked_by_tapping_quick_replies()
    {
        var user = LineTestHarness.NewUserId();
        await _line.DeliverAsync(_line.Follow(user));
        var greeting = await NextAnswerAsync();

        var support = await TapAsync(user, greeting, "支援について知りたい");
        Assert.Contains(support.Texts, t => t.Contains("望むときに", StringComparison.Ordinal));

        var outreach = await TapAsync(user, support, "訪問・アウトリーチ");
        Assert.Contains(outreach.Texts, t => t.Contains("あなたが望んだときだけ", StringComparison.Ordinal));

        await _line.DeliverAsync(_line.Text(user, "サンプル市"));
        var windows = await NextAnswerAsync();
        Assert.Contains(windows.Texts, t => t.Contains("サンプル県ひきこもり地域支援センター", StringComparison.Ordinal));
        // Markdown links are made plain for LINE: the phone number stays, the markup goes.
        Assert.DoesNotContain(windows.Texts, t => t.Contains("](tel:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Crisis_message_on_LINE_gets_the_crisis_lines_in_the_same_answer()
    {
        var user = LineTestHarness.NewUserId();
        await _line.DeliverAsync(_line.Follow(user));
        await NextAnswerAsync();

        await _line.DeliverAsync(_line.Text(user, "薬ためてる。今夜全部飲む。"));
        var answer = await NextAnswerAsync();

        Assert.Contains(answer.Texts, t => t.Contains("0120-279-338", StringComparison.Ordinal));
        Assert.Contains(answer.Texts, t => t.Contains("119", StringComparison.Ordinal));
    }

    private int _seenReplies;
    private int _seenPushes;

    /// <summary>Everything sent for the latest event (its reply, and any overflow pushed after it).</summary>
    private async Task<Answer> NextAnswerAsync()
    {
        await _line.Api.WaitForAsync("/v2/bot/message/reply", _seenReplies + 1);
        await _line.SettleAsync();
        var calls = _line.Api.To("/v2/bot/message/reply").Skip(_seenReplies)
            .Concat(_line.Api.To("/v2/bot/message/push").Skip(_seenPushes)).ToList();
        _seenReplies = _line.Api.To("/v2/bot/message/reply").Count;
        _seenPushes = _line.Api.To("/v2/bot/message/push").Count;
        var messages = calls.SelectMany(c => c.Body["messages"]!.AsArray()).Select(m => m!).ToList();
        return new Answer(messages);
    }

    private async Task<Answer> TapAsync(string user, Answer previous, string label)
    {
        var action = previous.QuickReplies.SingleOrDefault(a => (string)a["label"]! == label)
            ?? throw new InvalidOperationException($"No quick reply '{label}' in: {string.Join(", ", previous.QuickReplies.Select(a => (string)a["label"]!))}");
        Assert.Equal("message", (string)action["type"]!);
        await _line.DeliverAsync(_line.Text(user, (string)action["text"]!));
        return await NextAnswerAsync();
    }

    private sealed record Answer(IReadOnlyList<JsonNode> Messages)
    {
        public IReadOnlyList<string> Texts => [.. Messages.Select(m => (string)m["text"]!)];

        public IReadOnlyList<JsonNode> QuickReplies =>
            Messages.Count == 0 || Messages[^1]["quickReply"] is null
                ? []
                : [.. Messages[^1]["quickReply"]!["items"]!.AsArray().Select(i => i!["action"]!)];
    }
}
