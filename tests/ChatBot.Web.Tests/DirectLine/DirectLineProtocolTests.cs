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
    public async Task Greeting_arrives_with_id_timestamp_bot_role_and_suggested_actions()
    {
        var client = await DirectLineTestClient.StartAsync(_http);

        var (status, body) = await client.GetActivitiesAsync();

        Assert.Equal(HttpStatusCode.OK, status);
        var greeting = Assert.Single(body["activities"]!.AsArray())!;
        Assert.Equal("message", (string)greeting["type"]!);
        Assert.Equal(client.ConversationId + "|0000001", (string)greeting["id"]!);
        Assert.Equal("bot", DirectLineTestClient.Role(greeting));
        Assert.Equal("directline", (string)greeting["channelId"]!);
        Assert.Contains("匿名", DirectLineTestClient.Text(greeting), StringComparison.Ordinal);
        Assert.Null(greeting["suggestedActions"]!["to"]);
        var labels = greeting["suggestedActions"]!["actions"]!.AsArray().Select(a => (string)a!["title"]!).ToList();
        Assert.Equal(["自分のこと", "家族・身近な人のこと", "支援について知りたい", "人と話したい"], labels);
        Assert.Equal("1", (string)body["watermark"]!);
        Assert.EndsWith("+00:00", greeting["timestamp"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Posted_message_is_echoed_with_server_id_and_client_activity_id_then_answered_in_order()
    {
        var client = await DirectLineTestClient.StartAsync(_http);

        var (status, posted) = await client.SayAsync("支援について知りたい", clientActivityId: "web-123");
        var activities = await client.WaitForTranscriptAsync(a => a.Count >= 3);

        Assert.Equal(HttpStatusCode.OK, status);
        var echo = activities[1]!;
        var reply = activities[2]!;
        Assert.Equal((string)posted["id"]!, (string)echo["id"]!);
        Assert.Equal("web-123", (string)echo["channelData"]!["clientActivityID"]!);
        Assert.Equal("user", DirectLineTestClient.Role(echo));
        Assert.StartsWith("dl_", (string)echo["from"]!["id"]!, StringComparison.Ordinal);
        Assert.Equal("支援について知りたい", DirectLineTestClient.Text(echo));
        Assert.Equal("bot", DirectLineTestClient.Role(reply));
        Assert.Equal((string)echo["id"]!, (string)reply["replyToId"]!);
        Assert.Contains("居場所", DirectLineTestClient.Text(reply), StringComparison.Ordinal);

        var ids = activities.Select(a => (string)a!["id"]!).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        var stamps = activities.Select(a => DateTimeOffset.Parse((string)a!["timestamp"]!, CultureInfo.InvariantCulture)).ToList();
        Assert.True(stamps.Zip(stamps.Skip(1)).All(p => p.First < p.Second), "timestamps must increase strictly");
    }

    [Fact]
    public async Task Watermark_returns_only_what_came_after_it_and_an_empty_array_when_nothing_is_new()
    {
        var client = await DirectLineTestClient.StartAsync(_http);
        await client.SayAsync("自分のこと");
        await client.WaitForTranscriptAsync(a => a.Count >= 3);

        var (_, afterGreeting) = await client.GetActivitiesAsync("1");
        var (_, atEnd) = await client.GetActivitiesAsync("3");

        Assert.Equal(2, afterGreeting["activities"]!.AsArray().Count);
        Assert.Equal("3", (string)afterGreeting["watermark"]!);
        Assert.Empty(atEnd["activities"]!.AsArray());
        Assert.Equal("3", (string)atEnd["watermark"]!);
    }

    [Fact]
    public async Task WebSocket_delivers_the_greeting_the_echo_and_the_reply_as_activity_sets()
    {
        var client = await DirectLineTestClient.StartAsync(_http);
        await using var stream = await client.OpenStreamAsync();

        var greeting = await stream.NextActivityAsync();
        await client.SayAsync("家族・身近な人のこと");
        var echo = await stream.NextActivityAsync();
        var reply = await stream.NextActivityAsync();

        Assert.Equal("bot", DirectLineTestClient.Role(greeting));
        Assert.Equal("user", DirectLineTestClient.Role(echo));
        Assert.Contains("ご家族", DirectLineTestClient.Text(reply), StringComparison.Ordinal);
        Assert.Equal(["1", "2", "3"], stream.Frames.Select(f => (string)f["watermark"]!));
    }

    [Fact]
    public async Task Reconnecting_after_a_dropped_socket_replays_what_was_missed_without_duplicates()
    {
        var client = await DirectLineTestClient.StartAsync(_http);
        await using (var first = await client.OpenStreamAsync())
        {
            await first.NextActivityAsync();
        }

        // While no socket is open the person's message and the bot's answer still happen.
        await client.SayAsync("人と話したい");
        var (status, reconnect) = await client.ReconnectAsync("1");
        await using var second = await client.OpenStreamAsync();
        var echo = await second.NextActivityAsync();
        var reply = await second.NextActivityAsync();

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("watermark=1", (string)reconnect["streamUrl"]!, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty((string?)reconnect["token"]));
        Assert.Equal(client.ConversationId + "|0000002", (string)echo["id"]!);
        Assert.Equal(client.ConversationId + "|0000003", (string)reply["id"]!);
    }

    [Fact]
    public async Task Proactive_message_reaches_an_open_stream_and_a_client_that_reconnects_later()
    {
        var client = await DirectLineTestClient.StartAsync(_http);
        var messenger = _server.Services.GetRequiredService<IConversationMessenger>();
        await using var stream = await client.OpenStreamAsync();
        await stream.NextActivityAsync();

        var ids = await messenger.SendAsync(client.ConversationId, [MessageFactory.Text("相談員の佐藤です。お待たせしました。")], CancellationToken.None);
        var live = await stream.NextActivityAsync();
        var (_, later) = await client.GetActivitiesAsync("1");

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
    public async Task Conversation_survives_a_restart_of_the_service()
    {
        var client = await DirectLineTestClient.StartAsync(_http);
        await client.SayAsync("自分のこと");
        await client.WaitForTranscriptAsync(a => a.Count >= 3);

        await _server.RestartAsync();
        _http.Dispose();
        _http = _server.CreateClient();
        var resumed = DirectLineTestClientFor(client);
        var (reconnectStatus, _) = await resumed.ReconnectAsync(string.Empty);
        await resumed.SayAsync("支援について知りたい", "c2");
        var activities = await resumed.WaitForTranscriptAsync(a => a.Count >= 5);

        Assert.Equal(HttpStatusCode.OK, reconnectStatus);
        Assert.Equal(5, activities.Count);
        Assert.Contains("居場所", DirectLineTestClient.Text(activities[4]!), StringComparison.Ordinal);
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

    private DirectLineTestClient DirectLineTestClientFor(DirectLineTestClient original) =>
        DirectLineTestClient.Resume(_http, original.Token, original.ConversationId);
}
