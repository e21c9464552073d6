using System.Text.Json.Nodes;
using ChatBot.Core.Callback;
using ChatBot.Web.Tests.Line;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Web.Tests.Callback;

/// <summary>The same call-back step over LINE: quick replies in, the contact kept encrypted, the withdrawal.</summary>
public sealed class CallbackLineTests : IAsyncLifetime
{
    private LineTestHarness _line = null!;
    private int _seenReplies;

    public async Task InitializeAsync() => _line = await LineTestHarness.StartAsync();

    public async Task DisposeAsync() => await _line.DisposeAsync();

    [Fact]
    public async Task A_LINE_user_asks_for_a_call_back_leaves_a_number_and_withdraws_it()
    {
        var user = LineTestHarness.NewUserId();
        await _line.DeliverAsync(_line.Follow(user));
        var menu = await NextAnswerAsync();
        Assert.Contains("折り返し連絡がほしい", QuickReplies(menu));

        await _line.DeliverAsync(_line.Text(user, "折り返し連絡がほしい"));
        var consent = await NextAnswerAsync();
        Assert.Contains(consent, m => ((string)m["text"]!).Contains("相談員ひとりだけ", StringComparison.Ordinal));
        Assert.DoesNotContain(consent, m => ((string)m["text"]!).Contains("**", StringComparison.Ordinal));
        Assert.Equal(["同意する", "やめる"], QuickReplies(consent));

        await _line.DeliverAsync(_line.Text(user, "同意する"));
        await NextAnswerAsync();
        await _line.DeliverAsync(_line.Text(user, "080-2468-1357"));
        Assert.Equal(["平日昼", "平日夜", "土日", "いつでも"], QuickReplies(await NextAnswerAsync()));
        await _line.DeliverAsync(_line.Text(user, "土日"));
        await NextAnswerAsync();

        var store = _line.Server.Services.GetRequiredService<CallbackStore>();
        var request = Assert.Single(await store.ListAsync(CancellationToken.None));
        Assert.Equal("line", request.ChannelId);
        Assert.Equal("weekend", request.PreferredWindow);
        Assert.True(await store.HasContactAsync(request.Id, CancellationToken.None));

        await _line.DeliverAsync(_line.Text(user, "連絡先を消して"));
        var withdrawn = await NextAnswerAsync();

        Assert.Contains(withdrawn, m => ((string)m["text"]!).Contains("連絡先を消しました", StringComparison.Ordinal));
        Assert.False(await store.HasContactAsync(request.Id, CancellationToken.None));
        Assert.Empty(await store.ListAsync(CancellationToken.None));
    }

    private async Task<List<JsonNode>> NextAnswerAsync()
    {
        await _line.Api.WaitForAsync("/v2/bot/message/reply", _seenReplies + 1);
        await _line.SettleAsync();
        var calls = _line.Api.To("/v2/bot/message/reply").Skip(_seenReplies).ToList();
        _seenReplies = _line.Api.To("/v2/bot/message/reply").Count;
        return [.. calls.SelectMany(c => c.Body["messages"]!.AsArray()).Select(m => m!)];
    }

    private static List<string> QuickReplies(List<JsonNode> messages) =>
        messages.Count == 0 || messages[^1]["quickReply"] is null
            ? []
            : [.. messages[^1]["quickReply"]!["items"]!.AsArray().Select(i => (string)i!["action"]!["label"]!)];
}
