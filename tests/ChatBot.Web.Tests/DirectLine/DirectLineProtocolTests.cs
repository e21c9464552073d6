using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using ChatBot.Core.Conversations;
using ChatBot.Web.Tests.Hosting;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Web.Tests.DirectLine;

/// <summary>Direct Line 3.0 as Web Chat relies on it, against the real host on a real port.</summary>
public sealed class DirectLineProtocolTests : IAsyncLifetime
{
    private ChatBotServer _server = null!;
    private HttpClient _http = null!;

    public Task InitializeAsync()
    {
        _server = ChatBotServer.Start();
        _http = _server.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Starting_a_conversation_returns_201_with_token_and_absolute_stream_url_then_200()
    {
        var client = await DirectLineTestClient.CreateAsync(_http);

        using var first = await client.StartConversationAsync();
        var body = JsonNode.Parse(await first.Content.ReadAsStringAsync())!;
        using var again = await client.StartConversationAsync();

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(client.ConversationId, (string)body["conversationId"]!);
        Assert.False(string.IsNullOrEmpty((string?)body["token"]));
        Assert.True((int)body["expires_in"]! > 15 * 60);
        Assert.StartsWith("ws://127.0.0.1:", (string)body["streamUrl"]!, StringComparison.Ordinal);
        Assert.Contains("/v3/directline/conversations/" + client.ConversationId + "/stream?t=", (string)body["streamUrl"]!, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task Greeting_arrives_with_ids_timestamps_bot_role_and_the_menu_as_suggested_actions()
    {
        var client = await DirectLineTestClient.StartAsync(_http);

        var (status, body) = await client.GetActivitiesAsync();

        Assert.Equal(HttpStatusCode.OK, status);
        var greeting = body["activities"]!.AsArray();
        Assert.Equal(client.GreetingCount, greeting.Count);
        for (var i = 0; i < greeting.Count; i++)
        {
            Assert.Equal("message", (string)greeting[i]!["type"]!);
            Assert.Equal($"{client.ConversationId}|{i + 1:D7}", (string)greeting[i]!["id"]!);
            Assert.Equal("bot", DirectLineTestClient.Role(greeting[i]!));
            Assert.Equal("directline", (string)greeting[i]!["channelId"]!);
            Assert.EndsWith("+00:00", greeting[i]!["timestamp"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        Assert.Contains("匿名", DirectLineTestClient.Text(greeting[0]!), StringComparison.Ordinal);
        var menu = greeting[^1]!["suggestedActions"]!;
        Assert.Null(menu["to"]);
        var labels = menu["actions"]!.AsArray().Select(a => (string)a!["title"]!).ToList();
        Assert.Equal(["自分のこと", "家族・身近な人のこと", "支援について知りたい", "人と話したい", "折り返し連絡がほしい"], labels);
        Assert.All(menu["actions"]!.AsArray(), a => Assert.Equal((string)a!["title"]!, (string)a!["value"]!));
        Assert.Equal(greeting.Count.ToString(CultureInfo.InvariantCulture), (string)body["watermark"]!);
    }

    [Fact]
    public async Task Posted_message_is_echoed_with_server_id_and_client_activity_id_then_answered_in_order()
    {
        var client = await DirectLineTestClient.StartAsync(_http);
        var n = client.GreetingCount;

        var (status, posted) = await client.SayAsync("支援について知りたい", clientActivityId: "web-123");
        var activities = await client.WaitForTranscriptAsync(a => a.Count > n + 1 && DirectLineTestClient.EndsWithBotChoices(a));

        Assert.Equal(HttpStatusCode.OK, status);
        var echo = activities[n]!;
        var replies = activities.Skip(n + 1).Select(a => a!).ToList();
        Assert.Equal((string)posted["id"]!, (string)echo["id"]!);
        Assert.Equal("web-123", (string)echo["channelData"]!["clientActivityID"]!);
        Assert.Equal("user", DirectLineTestClient.Role(echo));
        Assert.StartsWith("dl_", (string)echo["from"]!["id"]!, StringComparison.Ordinal);
        Assert.Equal("支援について知りたい", DirectLineTestClient.Text(echo));
        Assert.All(replies, r => Assert.Equal("bot", DirectLineTestClient.Role(r)));
        Assert.All(replies, r => Assert.Equal((string)echo["id"]!, (string)r["replyToId"]!));
        Assert.Contains(replies, r => DirectLineTestClient.Text(r).Contains("望むときに", StringComparison.Ordinal));

        var ids = activities.Select(a => (string)a!["id"]!).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        var stamps = activities.Select(a => DateTimeOffset.Parse((string)a!["timestamp"]!, CultureInfo.InvariantCulture)).ToList();
        Assert.True(stamps.Zip(stamps.Skip(1)).All(p => p.First < p.Second), "timestamps must increase strictly");
    }

    [Fact]
    public async Task Watermark_returns_only_what_came_after_it_and_an_empty_array_when_nothing_is_new()
    {
        var client = await DirectLineTestClient.StartAsync(_http);
        var n = client.GreetingCount;
        var total = (await client.SayAndWaitAsync("自分のこと")).Count;

        var (_, afterGreeting) = await client.GetActivitiesAsync(n.ToString(CultureInfo.InvariantCulture));
        var (_, atEnd) = await client.GetActivitiesAsync(total.ToString(CultureInfo.InvariantCulture));

        Assert.Equal(total - n, afterGreeting["activities"]!.AsArray().Count);
        Assert.Equal("自分のこと", DirectLineTestClient.Text(afterGreeting["activities"]![0]!));
        Assert.Equal(total.ToString(CultureInfo.InvariantCulture), (string)afterGreeting["watermark"]!);
        Assert.Empty(atEnd["activities"]!.AsArray());
        Assert.Equal(total.ToString(CultureInfo.InvariantCulture), (string)atEnd["watermark"]!);
    }

    [Fact]
    public async Task WebSocket_delivers_the_greeting_the_echo_and_the_reply_as_activity_sets()
    {
        var client = await DirectLineTestClient.StartAsync(_http);
        await using var stream = await client.OpenStreamAsync();

        for (var i = 0; i < client.GreetingCount; i++)
        {
            Assert.Equal("bot", DirectLineTestClient.Role(await stream.NextActivityAsync()));
        }

        await client.SayAsync("家族・身近な人のこと");
        var echo = await stream.NextActivityAsync();
        var reply = await stream.NextActivityAsync();

        Assert.Equal("user", DirectLineTestClient.Role(echo));
        Assert.Equal("bot", DirectLineTestClient.Role(reply));
        Assert.Contains("一人で抱えて", DirectLineTestClient.Text(reply), StringComparison.Ordinal);
        var watermarks = stream.Frames.Select(f => int.Parse((string)f["watermark"]!, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(Enumerable.Range(1, watermarks.Count), watermarks);
    }

    [Fact]
    public async Task Reconnecting_after_a_dropped_socket_replays_what_was_missed_without_duplicates()
    {
        var client = await DirectLineTestClient.StartAsync(_http);
        await using (var first = await client.OpenStreamAsync())
        {
            await first.NextActivityAsync();
        }

        // While no socket is open the rest of the greeting, the person's message and the answer still happen.
        var transcript = await client.SayAndWaitAsync("人と話したい");
        var (status, reconnect) = await client.ReconnectAsync("1");
        await using var second = await client.OpenStreamAsync();
        var replayed = new List<JsonNode>();
        for (var i = 1; i < transcript.Count; i++)
        {
            replayed.Add(await second.NextActivityAsync());
        }

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("watermark=1", (string)reconnect["streamUrl"]!, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty((string?)reconnect["token"]));
        Assert.Equal(transcript.Skip(1).Select(a => (string)a!["id"]!), replayed.Select(a => (string)a["id"]!));
        Assert.Contains(replayed, a => DirectLineTestClient.Role(a) == "user" && DirectLineTestClient.Text(a) == "人と話したい");
    }

    [Fact]
    public async Task Proactive_message_reaches_an_open_stream_and_a_client_that_reconnects_later()
    {
        var client = await DirectLineTestClient.StartAsync(_http);
        var messenger = _server.Services.GetRequiredService<IConversationMessenger>();
        await using var stream = await client.OpenStreamAsync();
        for (var i = 0; i < client.GreetingCount; i++)
        {
            await stream.NextActivityAsync();
        }

        var ids = await messenger.SendAsync(client.ConversationId, [MessageFactory.Text("相談員の佐藤です。お待たせしました。")], CancellationToken.None);
        var live = await stream.NextActivityAsync();
        var (_, later) = await client.GetActivitiesAsync(client.GreetingCount.ToString(CultureInfo.InvariantCulture));

        Assert.Equal("相談員の佐藤です。お待たせしました。", DirectLineTestClient.Text(live));
        Assert.Equal("bot", DirectLineTestClient.Role(live));
        Assert.Equal(ids.Single(), (string)live["id"]!);
        Assert.Equal((string)live["id"]!, (string)later["activities"]!.AsArray().Single()!["id"]!);
    }

    [Fact]
    public async Task Proactive_message_to_an_ended_conversation_is_refused()
    {
        var client = await DirectLineTestClient.StartAsync(_http);
        await client.PostAsync("""{"type":"endOfConversation"}""");
        var messenger = _server.Services.GetRequiredService<IConversationMessenger>();

        await Assert.ThrowsAsync<KeyNotFoundException>(() => messenger.SendAsync(client.ConversationId, [MessageFactory.Text("hello")], CancellationToken.None));
    }

    [Fact]
    public async Task Conversation_survives_a_restart_of_the_service_mid_flow()
    {
        var client = await DirectLineTestClient.StartAsync(_http);
        var before = await client.SayAndWaitAsync("自分のこと");
        Assert.Contains("最近の毎日は", DirectLineTestClient.Text(before[^1]!), StringComparison.Ordinal);

        await _server.RestartAsync();
        _http.Dispose();
        _http = _server.CreateClient();
        var resumed = DirectLineTestClient.Resume(_http, client.Token, client.ConversationId);
        var (reconnectStatus, _) = await resumed.ReconnectAsync(string.Empty);
        var after = await resumed.SayAndWaitAsync("わりと落ち着いている", "c2");

        Assert.Equal(HttpStatusCode.OK, reconnectStatus);
        Assert.Equal(before.Select(a => (string)a!["id"]!), after.Take(before.Count).Select(a => (string)a!["id"]!));
        var answer = after.Skip(before.Count + 1).Select(a => DirectLineTestClient.Text(a!)).ToList();
        Assert.NotEmpty(answer);
        // The check-in question was still pending after the restart, so the answer was understood.
        Assert.DoesNotContain(answer, t => t.Contains("うまく受け取れませんでした", StringComparison.Ordinal) || t.Contains("こんにちは", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Ending_the_conversation_closes_it_for_good()
    {
        var client = await DirectLineTestClient.StartAsync(_http);

        var (status, _) = await client.PostAsync("""{"type":"endOfConversation"}""");
        var (afterStatus, afterBody) = await client.GetActivitiesAsync();
        var (postStatus, _) = await client.SayAsync("まだいますか");
        var (reconnectStatus, _) = await client.ReconnectAsync(null);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(HttpStatusCode.NotFound, afterStatus);
        Assert.Equal("BadArgument", (string)afterBody["error"]!["code"]!);
        Assert.Equal(HttpStatusCode.NotFound, postStatus);
        Assert.Equal(HttpStatusCode.NotFound, reconnectStatus);
    }

}
