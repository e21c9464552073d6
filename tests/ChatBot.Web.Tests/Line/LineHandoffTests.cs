using System.Net;
using System.Text.Json.Nodes;
using ChatBot.Core.Storage;
using ChatBot.Web.Tests.Console;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Web.Tests.Line;

/// <summary>
/// A LINE resident asks for a person and consents; a counsellor claims the conversation in the console
/// and writes later: the counsellor's words arrive by push with a retry key, and the resident's answer
/// reaches the console, all in order.
/// </summary>
public sealed class LineHandoffTests : IAsyncLifetime
{
    private LineTestHarness _line = null!;

    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _heard = new();

    public async Task InitializeAsync()
    {
        _line = await LineTestHarness.StartAsync(services =>
        {
            var original = services.Last(d => d.ServiceType == typeof(Microsoft.Bot.Builder.IBot));
            services.Add(ServiceDescriptor.Singleton<Microsoft.Bot.Builder.IBot>(sp => new HearsHandoffStatus(
                (Microsoft.Bot.Builder.IBot)ActivatorUtilities.CreateInstance(sp, original.ImplementationType!), _heard)));
        });
        await ConsoleTestClient.CreateCounsellorAsync(_line.Server, "sato", "佐藤");
    }

    public async Task DisposeAsync() => await _line.DisposeAsync();

    [Fact]
    public async Task Claim_reaches_the_bot_as_handoff_status_typing_shows_the_loading_animation_and_messages_arrive_by_push_in_order()
    {
        var user = LineTestHarness.NewUserId();
        using var counsellor = await ConsoleTestClient.SignedInAsync(_line.Server, "sato");
        await _line.DeliverAsync(_line.Follow(user));
        await _line.SettleAsync();
        await _line.DeliverAsync(_line.Text(user, "人と話したい"));
        await _line.SettleAsync();
        Assert.Contains(SentTexts(), t => t.Contains("相談員につなぐ前に", StringComparison.Ordinal));

        await _line.DeliverAsync(_line.Text(user, "つないでほしい"));
        await _line.SettleAsync();
        var conversationId = await LineConversationAsync();
        await counsellor.WaitInQueueAsync(conversationId);
        var (claimStatus, _) = await counsellor.PostAsync($"/api/console/conversations/{conversationId}/claim");
        Assert.Equal(HttpStatusCode.OK, claimStatus);
        for (var i = 0; i < 100 && !_heard.Contains("accepted"); i++)
        {
            await Task.Delay(100);
        }

        Assert.Equal(["accepted"], _heard);
        Assert.Contains(SentTexts(), t => t.Contains("佐藤さんが入りました", StringComparison.Ordinal));

        var loadingBefore = _line.Api.To("/v2/bot/chat/loading/start").Count;
        var (typingStatus, _) = await counsellor.PostAsync($"/api/console/conversations/{conversationId}/typing");
        Assert.Equal(HttpStatusCode.OK, typingStatus);
        var loading = (await _line.Api.WaitForAsync("/v2/bot/chat/loading/start", loadingBefore + 1))[loadingBefore];
        Assert.Equal(user, (string)loading.Body["chatId"]!);

        var pushesBefore = _line.Api.To("/v2/bot/message/push").Count;
        string[] words = ["はじめまして、相談員の佐藤です。", "ゆっくりで大丈夫です。"];
        foreach (var text in words)
        {
            var (status, _) = await counsellor.PostAsync($"/api/console/conversations/{conversationId}/messages", new JsonObject { ["text"] = text });
            Assert.Equal(HttpStatusCode.OK, status);
        }

        var pushes = await _line.Api.WaitForAsync("/v2/bot/message/push", pushesBefore + words.Length);
        var counsellorPushes = pushes.Where(p => words.Contains((string)p.Body["messages"]![0]!["text"]!)).ToList();
        Assert.Equal(words, counsellorPushes.Select(p => (string)p.Body["messages"]![0]!["text"]!));
        Assert.All(counsellorPushes, p => Assert.True(Guid.TryParse(p.RetryKey, out _)));
        Assert.Equal(counsellorPushes.Count, counsellorPushes.Select(p => p.RetryKey).Distinct().Count());
        Assert.All(counsellorPushes, p => Assert.Equal(user, (string)p.Body["to"]!));
        Assert.All(counsellorPushes, p => Assert.Equal("佐藤", (string)p.Body["messages"]![0]!["sender"]!["name"]!));

        await _line.DeliverAsync(_line.Text(user, "家のことで困っています"));
        await _line.SettleAsync();
        var (_, view) = await counsellor.GetAsync($"/api/console/conversations/{conversationId}");
        Assert.Contains(view!["transcript"]!.AsArray(), l => (string)l!["text"]! == "家のことで困っています");
        Assert.Equal(0, (int)view["undelivered"]!);

        // LINE keeps refusing: the counsellor's message is not lost, the console shows it as undelivered.
        _line.Api.FailNext("/v2/bot/message/push", 500, times: 10);
        _line.Api.FailNext("/v2/bot/message/reply", 500, times: 10);
        var (refusedStatus, _) = await counsellor.PostAsync($"/api/console/conversations/{conversationId}/messages", new JsonObject { ["text"] = "明日またお話ししましょう" });
        var (_, afterRefusal) = await counsellor.GetAsync($"/api/console/conversations/{conversationId}");

        Assert.Equal(HttpStatusCode.OK, refusedStatus);
        Assert.Equal(1, (int)afterRefusal!["undelivered"]!);
        Assert.Contains(afterRefusal["transcript"]!.AsArray(), l => (string)l!["text"]! == "明日またお話ししましょう");
    }

    [Fact]
    public async Task With_nobody_signed_in_a_message_left_on_LINE_is_queued_and_answered_later_by_push()
    {
        var user = LineTestHarness.NewUserId();
        await _line.DeliverAsync(_line.Text(user, "人と話したい"));
        await _line.SettleAsync();
        Assert.Contains(SentTexts(), t => t.Contains("いま、このチャットで話せる相談員がいません", StringComparison.Ordinal));
        // The lines open around the clock, from the real catalog, and 110/119.
        Assert.Contains(SentTexts(), t => t.Contains("24時間ひらいている相談先です", StringComparison.Ordinal) && t.Contains("よりそいホットライン", StringComparison.Ordinal));
        Assert.Contains(SentTexts(), t => t.Contains("119", StringComparison.Ordinal));
        var offer = _line.Api.Calls.Where(c => c.Path.Contains("/message/", StringComparison.Ordinal))
            .SelectMany(c => c.Body["messages"]!.AsArray()).Last(m => m!["quickReply"] is not null)!;
        Assert.Contains(offer["quickReply"]!["items"]!.AsArray(), i => (string)i!["action"]!["label"]! == "メッセージを残す");

        await _line.DeliverAsync(_line.Text(user, "メッセージを残す"));
        await _line.SettleAsync();
        await _line.DeliverAsync(_line.Text(user, "つないでほしい"));
        await _line.SettleAsync();
        Assert.Contains(SentTexts(), t => t.Contains("ここに書いたメッセージは残ります", StringComparison.Ordinal));
        await _line.DeliverAsync(_line.Text(user, "息子のことで、明日でいいので話を聞いてほしいです"));
        await _line.SettleAsync();

        // The next working day a counsellor signs in, finds the message in the queue and answers: by push, as the reply token is long gone.
        using var counsellor = await ConsoleTestClient.SignedInAsync(_line.Server, "sato");
        var conversationId = await LineConversationAsync();
        var item = await counsellor.WaitInQueueAsync(conversationId);
        Assert.True((bool)item["leftMessage"]!);
        await counsellor.PostAsync($"/api/console/conversations/{conversationId}/claim");
        var (_, view) = await counsellor.GetAsync($"/api/console/conversations/{conversationId}");
        Assert.Contains(view!["transcript"]!.AsArray(), l => ((string)l!["text"]!).Contains("明日でいいので", StringComparison.Ordinal));
        var pushesBefore = _line.Api.To("/v2/bot/message/push").Count;
        await counsellor.PostAsync($"/api/console/conversations/{conversationId}/messages", new JsonObject { ["text"] = "お待たせしました。相談員の佐藤です。" });

        var pushes = await _line.Api.WaitForAsync("/v2/bot/message/push", pushesBefore + 1);
        Assert.Contains(pushes.Skip(pushesBefore), p => (string)p.Body["to"]! == user && (string)p.Body["messages"]![0]!["text"]! == "お待たせしました。相談員の佐藤です。");
    }

    private List<string> SentTexts() =>
        [.. _line.Api.Calls.Where(c => c.Path.Contains("/message/", StringComparison.Ordinal))
            .SelectMany(c => c.Body["messages"]!.AsArray()).Select(m => (string)m!["text"]!)];

    private async Task<string> LineConversationAsync()
    {
        await using var connection = await _line.Server.Services.GetRequiredService<SqliteDatabase>().OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id FROM conversations WHERE channel_id = 'line'";
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private sealed class HearsHandoffStatus(Microsoft.Bot.Builder.IBot inner, System.Collections.Concurrent.ConcurrentQueue<string> heard) : Microsoft.Bot.Builder.IBot
    {
        public Task OnTurnAsync(Microsoft.Bot.Builder.ITurnContext turnContext, CancellationToken cancellationToken = default)
        {
            var activity = turnContext.Activity;
            if (activity.Type == Microsoft.Bot.Schema.ActivityTypes.Event && activity.Name == Microsoft.Bot.Schema.HandoffEventNames.HandoffStatus)
            {
                heard.Enqueue((string)((Newtonsoft.Json.Linq.JObject)activity.Value)["state"]!);
            }

            return inner.OnTurnAsync(turnContext, cancellationToken);
        }
    }
}
