using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ChatBot.Core.Conversations;
using ChatBot.Core.Storage;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Web.Tests.Line;

/// <summary>The LINE channel against a fake LINE API on loopback, driven with signed webhook bodies.</summary>
public sealed class LineChannelTests : IAsyncLifetime
{
    private LineTestHarness _line = null!;

    public async Task InitializeAsync() => _line = await LineTestHarness.StartAsync();

    public async Task DisposeAsync() => await _line.DisposeAsync();

    [Fact]
    public async Task Follow_gets_the_greeting_by_reply_with_the_menu_as_quick_replies()
    {
        var user = LineTestHarness.NewUserId();

        var status = await _line.DeliverAsync(_line.Event("follow", user, new JsonObject { ["follow"] = new JsonObject { ["isUnblocked"] = false } }));
        var reply = (await _line.Api.WaitForAsync("/v2/bot/message/reply")).Single();

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Bearer " + LineTestHarness.AccessToken, reply.Authorization);
        Assert.Null(reply.RetryKey);
        var messages = reply.Body["messages"]!.AsArray();
        Assert.Contains("匿名", (string)messages[0]!["text"]!, StringComparison.Ordinal);
        var items = messages[^1]!["quickReply"]!["items"]!.AsArray();
        Assert.Equal(["自分のこと", "家族・身近な人のこと", "支援について知りたい", "人と話したい", "折り返し連絡がほしい"], items.Select(i => (string)i!["action"]!["label"]!));
        Assert.All(items, i => Assert.Equal("message", (string)i!["action"]!["type"]!));
        Assert.Empty(_line.Api.To("/v2/bot/message/push"));
    }

    [Fact]
    public async Task Text_message_shows_the_loading_animation_then_gets_the_answer_by_reply()
    {
        var user = LineTestHarness.NewUserId();

        await _line.DeliverAsync(_line.Follow(user));
        await _line.Api.WaitForAsync("/v2/bot/message/reply");
        await _line.DeliverAsync(_line.Text(user, "支援について知りたい"));
        var reply = (await _line.Api.WaitForAsync("/v2/bot/message/reply", 2))[1];
        var loading = _line.Api.To("/v2/bot/chat/loading/start").Single();

        Assert.Equal(user, (string)loading.Body["chatId"]!);
        Assert.Contains("望むときに", (string)reply.Body["messages"]![0]!["text"]!, StringComparison.Ordinal);
        Assert.NotNull(reply.Body["messages"]!.AsArray()[^1]!["quickReply"]);
    }

    [Fact]
    public async Task Forged_signature_is_refused_with_401_and_nothing_is_stored_or_sent()
    {
        var user = LineTestHarness.NewUserId();
        var body = Encoding.UTF8.GetBytes(new JsonObject { ["destination"] = "U0", ["events"] = new JsonArray(_line.Text(user, "こんにちは")) }.ToJsonString());

        var forged = await _line.PostSignedAsync(body, signature: Convert.ToBase64String(new byte[32]));
        var missing = await _line.PostSignedAsync(body, signature: string.Empty);
        var garbage = await _line.PostSignedAsync(body, signature: "not base64!!");
        await Task.Delay(300);

        Assert.Equal(HttpStatusCode.Unauthorized, forged);
        Assert.Equal(HttpStatusCode.Unauthorized, missing);
        Assert.Equal(HttpStatusCode.Unauthorized, garbage);
        Assert.Empty(_line.Api.Calls);
        Assert.Equal(0, await CountRowsAsync("line_inbox") + await CountRowsAsync("line_events") + await CountRowsAsync("conversations"));
    }

    [Fact]
    public async Task Redelivered_event_is_answered_once()
    {
        var user = LineTestHarness.NewUserId();
        var ev = _line.Text(user, "自分のこと", eventId: "01HREDELIVERED0000000000001");
        var again = (JsonObject)ev.DeepClone();
        again["deliveryContext"] = new JsonObject { ["isRedelivery"] = true };

        await _line.DeliverAsync(ev);
        await _line.Api.WaitForAsync("/v2/bot/message/reply");
        await _line.DeliverAsync(again);
        await _line.SettleAsync();

        Assert.Single(_line.Api.To("/v2/bot/message/reply"));
        Assert.Empty(_line.Api.To("/v2/bot/message/push"));
    }

    [Fact]
    public async Task Expired_reply_token_falls_back_to_push_with_a_retry_key()
    {
        var user = LineTestHarness.NewUserId();

        await _line.DeliverAsync(_line.Text(user, "自分のこと", at: DateTimeOffset.UtcNow.AddMinutes(-3)));
        var push = (await _line.Api.WaitForAsync("/v2/bot/message/push")).Single();

        Assert.Empty(_line.Api.To("/v2/bot/message/reply"));
        Assert.Equal(user, (string)push.Body["to"]!);
        Assert.True(Guid.TryParse(push.RetryKey, out _));
    }

    [Fact]
    public async Task Reply_token_refused_by_LINE_falls_back_to_push()
    {
        var user = LineTestHarness.NewUserId();
        _line.Api.FailNext("/v2/bot/message/reply", 400, "Invalid reply token");

        await _line.DeliverAsync(_line.Text(user, "自分のこと"));
        await _line.Api.WaitForAsync("/v2/bot/message/push");
        await _line.SettleAsync();

        var pushed = _line.Api.To("/v2/bot/message/push").SelectMany(p => p.Body["messages"]!.AsArray()).Select(m => (string)m!["text"]!).ToList();
        Assert.Contains(pushed, t => t.Contains("来てくれてありがとう", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(500)]
    [InlineData(429)]
    public async Task Failed_push_is_retried_with_the_same_retry_key_and_delivered_once(int failure)
    {
        var user = LineTestHarness.NewUserId();
        _line.Api.FailNext("/v2/bot/message/push", failure);

        await _line.DeliverAsync(_line.Text(user, "自分のこと", at: DateTimeOffset.UtcNow.AddMinutes(-3)));
        var pushes = await _line.Api.WaitForAsync("/v2/bot/message/push", 2);
        await _line.SettleAsync();

        Assert.Equal(2, pushes.Count);
        Assert.Equal(pushes[0].RetryKey, pushes[1].RetryKey);
        Assert.Equal(0, await CountRowsAsync("line_outbox WHERE status = 'undelivered'"));
    }

    [Fact]
    public async Task Later_message_arrives_by_push_with_a_retry_key_and_is_kept_in_the_transcript()
    {
        var user = LineTestHarness.NewUserId();
        await _line.DeliverAsync(_line.Text(user, "人と話したい"));
        await _line.Api.WaitForAsync("/v2/bot/message/reply");
        var conversationId = await SingleConversationAsync();

        await _line.SettleAsync();
        var pushesBefore = _line.Api.To("/v2/bot/message/push").Count;
        var messenger = _line.Server.Services.GetRequiredService<IConversationMessenger>();
        await messenger.SendAsync(conversationId, [MessageFactory.Text("相談員の佐藤です。お待たせしました。")], CancellationToken.None);
        var push = (await _line.Api.WaitForAsync("/v2/bot/message/push", pushesBefore + 1))[pushesBefore];

        Assert.Equal("相談員の佐藤です。お待たせしました。", (string)push.Body["messages"]![0]!["text"]!);
        Assert.True(Guid.TryParse(push.RetryKey, out _));
        var transcript = await _line.Server.Services.GetRequiredService<IConversationLog>().ReadAfterAsync(conversationId, 0, 500, CancellationToken.None);
        Assert.Equal("相談員の佐藤です。お待たせしました。", transcript[^1].Activity.Text);
    }

    [Fact]
    public async Task Push_that_LINE_keeps_refusing_is_kept_as_undelivered()
    {
        var user = LineTestHarness.NewUserId();
        await _line.DeliverAsync(_line.Text(user, "人と話したい", at: DateTimeOffset.UtcNow.AddMinutes(-3)));
        await _line.Api.WaitForAsync("/v2/bot/message/push");
        await _line.SettleAsync();
        var conversationId = await SingleConversationAsync();
        _line.Api.FailNext("/v2/bot/message/push", 500, times: 10);

        await _line.Server.Services.GetRequiredService<IConversationMessenger>()
            .SendAsync(conversationId, [MessageFactory.Text("明日またご連絡します")], CancellationToken.None);

        Assert.Equal(1, await CountRowsAsync("line_outbox WHERE status = 'undelivered'"));
    }

    [Fact]
    public async Task Sticker_is_answered_kindly_with_a_request_for_words()
    {
        var user = LineTestHarness.NewUserId();

        await _line.DeliverAsync(_line.Event("message", user, new JsonObject { ["message"] = new JsonObject { ["id"] = "s1", ["type"] = "sticker", ["packageId"] = "1", ["stickerId"] = "1" } }));
        var reply = (await _line.Api.WaitForAsync("/v2/bot/message/reply")).Single();

        Assert.Contains("文字で教えてもらえますか", (string)reply.Body["messages"]![0]!["text"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Messages_of_one_user_are_handled_in_the_order_sent()
    {
        var user = LineTestHarness.NewUserId();

        await _line.DeliverAsync(_line.Text(user, "自分のこと"), _line.Text(user, "支援について知りたい"), _line.Text(user, "家族・身近な人のこと"));
        await _line.Api.WaitForAsync("/v2/bot/message/reply", 3);
        await _line.SettleAsync();

        var transcript = await _line.Server.Services.GetRequiredService<IConversationLog>().ReadAfterAsync(await SingleConversationAsync(), 0, 20, CancellationToken.None);
        var userTexts = transcript.Where(a => a.Activity.From?.Role == "user").Select(a => a.Activity.Text).ToList();
        Assert.Equal(["自分のこと", "支援について知りたい", "家族・身近な人のこと"], userTexts);
        // Each message is answered before the next one is read: user, bot…, user, bot…, user, bot….
        var roles = string.Concat(transcript.Select(a => a.Activity.From?.Role == "user" ? "u" : "b"));
        Assert.Matches("^ub+ub+ub+$", roles);
    }

    [Fact]
    public async Task Unfollow_stops_pushes_to_that_person()
    {
        var user = LineTestHarness.NewUserId();
        await _line.DeliverAsync(_line.Text(user, "自分のこと"));
        await _line.Api.WaitForAsync("/v2/bot/message/reply");
        var conversationId = await SingleConversationAsync();

        await _line.DeliverAsync(_line.Event("unfollow", user));
        await _line.SettleAsync();

        await Assert.ThrowsAsync<KeyNotFoundException>(() => _line.Server.Services.GetRequiredService<IConversationMessenger>()
            .SendAsync(conversationId, [MessageFactory.Text("届きますか")], CancellationToken.None));
        Assert.Empty(_line.Api.To("/v2/bot/message/push"));
    }

    [Fact]
    public async Task LINE_user_id_is_never_stored_in_the_clear()
    {
        var user = LineTestHarness.NewUserId();
        await _line.DeliverAsync(_line.Text(user, "自分のこと"));
        await _line.Api.WaitForAsync("/v2/bot/message/reply");
        await _line.SettleAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await _line.Server.Services.GetRequiredService<SqliteDatabase>().CheckpointAsync(CancellationToken.None);

        var needle = Encoding.UTF8.GetBytes(user);
        foreach (var file in Directory.GetFiles(_line.Server.Directory, "chatbot.db*"))
        {
            Assert.True(File.ReadAllBytes(file).AsSpan().IndexOf(needle) < 0, $"{Path.GetFileName(file)} holds the LINE user id");
        }
    }

    [Fact]
    public async Task Bad_bodies_with_valid_signatures_are_answered_and_nothing_crashes()
    {
        var invalidJson = await _line.PostSignedAsync(Encoding.UTF8.GetBytes("{\"events\": [ {\"type\": "));
        var noEvents = await _line.PostSignedAsync(Encoding.UTF8.GetBytes("{\"destination\":\"U0\"}"));
        var verify = await _line.PostSignedAsync(Encoding.UTF8.GetBytes("{\"destination\":\"U0\",\"events\":[]}"));
        var unknownType = await _line.DeliverAsync(_line.Event("beacon", LineTestHarness.NewUserId(), new JsonObject { ["beacon"] = new JsonObject { ["hwid"] = "1", ["type"] = "enter" } }));
        var group = await _line.DeliverAsync(new JsonObject
        {
            ["type"] = "message",
            ["source"] = new JsonObject { ["type"] = "group", ["groupId"] = "C1", ["userId"] = LineTestHarness.NewUserId() },
            ["message"] = new JsonObject { ["type"] = "text", ["text"] = "hi" },
        });
        var huge = await _line.PostSignedAsync(Encoding.UTF8.GetBytes("{\"events\":[],\"pad\":\"" + new string('x', 1024 * 1024) + "\"}"));
        await _line.SettleAsync();

        Assert.Equal(HttpStatusCode.BadRequest, invalidJson);
        Assert.Equal(HttpStatusCode.BadRequest, noEvents);
        Assert.Equal(HttpStatusCode.OK, verify);
        Assert.Equal(HttpStatusCode.OK, unknownType);
        Assert.Equal(HttpStatusCode.OK, group);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge);
        Assert.Empty(_line.Api.To("/v2/bot/message/reply"));

        var user = LineTestHarness.NewUserId();
        await _line.DeliverAsync(_line.Text(user, "自分のこと"));
        await _line.Api.WaitForAsync("/v2/bot/message/reply");
    }

    [Fact]
    public async Task Webhook_for_a_channel_that_is_not_configured_is_404()
    {
        var status = await _line.PostSignedAsync(Encoding.UTF8.GetBytes("{\"events\":[]}"), path: "/api/line/webhook/nowhere");

        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    private async Task<string> SingleConversationAsync()
    {
        await using var connection = await _line.Server.Services.GetRequiredService<SqliteDatabase>().OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id FROM conversations WHERE channel_id = 'line'";
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private async Task<long> CountRowsAsync(string tableAndFilter)
    {
        await using var connection = await _line.Server.Services.GetRequiredService<SqliteDatabase>().OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM " + tableAndFilter;
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
