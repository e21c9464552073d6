using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ChatBot.Web.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ChatBot.Web.Tests.DirectLine;

/// <summary>Tokens, and what happens to requests that should not get through.</summary>
public sealed class DirectLineSecurityTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.Parse("2026-11-28T13:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private ChatBotServer _server = null!;
    private HttpClient _http = null!;

    public Task InitializeAsync()
    {
        _server = ChatBotServer.Start(
            new Dictionary<string, string?> { ["DirectLine:TokensPerMinutePerAddress"] = "5" },
            services => services.AddSingleton<TimeProvider>(_clock));
        _http = _server.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Request_without_a_token_gets_401_in_the_Direct_Line_error_shape()
    {
        var client = await DirectLineTestClient.StartAsync(_http);

        using var response = await _http.GetAsync(new Uri($"/v3/directline/conversations/{client.ConversationId}/activities", UriKind.Relative));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Unauthorized", (string)body["error"]!["code"]!);
        Assert.False(string.IsNullOrEmpty((string?)body["error"]!["message"]));
    }

    [Fact]
    public async Task Forged_token_is_refused_and_nothing_is_stored()
    {
        var client = await DirectLineTestClient.StartAsync(_http);
        var parts = client.Token.Split('.');
        var payload = Encoding.UTF8.GetString(Convert.FromBase64String(Pad(parts[1])));
        var forgedPayload = Convert.ToBase64String(Encoding.UTF8.GetBytes(payload.Replace("\"user\":\"dl_", "\"user\":\"dl_x", StringComparison.Ordinal)))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var forged = $"{parts[0]}.{forgedPayload}.{parts[2]}";

        var (status, body) = await client.PostAsync("""{"type":"message","text":"hello"}""", token: forged);
        var (_, transcript) = await client.GetActivitiesAsync();

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("Forbidden", (string)body["error"]!["code"]!);
        Assert.Equal(client.GreetingCount, transcript["activities"]!.AsArray().Count);
    }

    [Fact]
    public async Task Garbage_and_unsigned_tokens_are_refused()
    {
        var client = await DirectLineTestClient.StartAsync(_http);
        var parts = client.Token.Split('.');
        var unsigned = Convert.ToBase64String(Encoding.UTF8.GetBytes("""{"alg":"none","typ":"JWT"}""")).TrimEnd('=') + "." + parts[1] + ".";

        var (garbageStatus, _) = await client.GetActivitiesAsync(token: "not-a-token");
        var (unsignedStatus, _) = await client.GetActivitiesAsync(token: unsigned);

        Assert.Equal(HttpStatusCode.Forbidden, garbageStatus);
        Assert.Equal(HttpStatusCode.Forbidden, unsignedStatus);
    }

    [Fact]
    public async Task Token_of_one_conversation_cannot_read_or_write_another()
    {
        var mine = await DirectLineTestClient.StartAsync(_http);
        var theirs = await DirectLineTestClient.StartAsync(_http);

        var (readStatus, _) = await mine.GetActivitiesAsync(conversationId: theirs.ConversationId);
        var (writeStatus, _) = await mine.PostAsync("""{"type":"message","text":"hello"}""", conversationId: theirs.ConversationId);
        var (_, theirTranscript) = await theirs.GetActivitiesAsync();

        Assert.Equal(HttpStatusCode.Forbidden, readStatus);
        Assert.Equal(HttpStatusCode.Forbidden, writeStatus);
        Assert.Equal(theirs.GreetingCount, theirTranscript["activities"]!.AsArray().Count);
    }

    [Fact]
    public async Task Expired_token_gets_403_TokenExpired_and_refresh_before_expiry_keeps_the_conversation()
    {
        var client = await DirectLineTestClient.StartAsync(_http);
        _clock.Advance(TimeSpan.FromMinutes(20));
        var (refreshStatus, refreshed) = await client.RefreshAsync();
        var oldToken = client.Token;
        client.Token = (string)refreshed["token"]!;
        _clock.Advance(TimeSpan.FromMinutes(20));

        var (oldStatus, oldBody) = await client.GetActivitiesAsync(token: oldToken);
        var (newStatus, _) = await client.GetActivitiesAsync();
        var (lateRefreshStatus, _) = await client.RefreshAsync(oldToken);

        Assert.Equal(HttpStatusCode.OK, refreshStatus);
        Assert.Equal(client.ConversationId, (string)refreshed["conversationId"]!);
        Assert.Equal(HttpStatusCode.Forbidden, oldStatus);
        Assert.Equal("TokenExpired", (string)oldBody["error"]!["code"]!);
        Assert.Equal(HttpStatusCode.OK, newStatus);
        Assert.Equal(HttpStatusCode.Forbidden, lateRefreshStatus);
    }

    [Fact]
    public async Task Stream_with_a_bad_token_is_refused_before_the_upgrade()
    {
        var client = await DirectLineTestClient.StartAsync(_http);
        var url = client.StreamUrl!.Replace("t=", "t=x", StringComparison.Ordinal);

        var error = await Assert.ThrowsAsync<System.Net.WebSockets.WebSocketException>(() => client.OpenStreamAsync(url));

        Assert.Contains("403", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anonymous_tokens_are_rate_limited_per_address()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 7; i++)
        {
            using var response = await _http.PostAsync(new Uri("/api/webchat/token", UriKind.Relative), null);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.True(response.Headers.RetryAfter is not null);
                var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
                Assert.Equal("Throttled", (string)body["error"]!["code"]!);
            }
        }

        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    [Fact]
    public async Task Secret_is_required_to_generate_tokens_server_side()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/v3/directline/tokens/generate", UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "guess");

        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private static string Pad(string base64Url)
    {
        var s = base64Url.Replace('-', '+').Replace('_', '/');
        return s + new string('=', (4 - (s.Length % 4)) % 4);
    }
}
