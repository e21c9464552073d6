using System.Net;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatBot.Web.Tests.DirectLine;

/// <summary>A bare Direct Line 3.0 client speaking the wire protocol as Web Chat does, for protocol tests.</summary>
internal sealed class DirectLineTestClient : IDisposable
{
    private readonly HttpClient _http;

    private DirectLineTestClient(HttpClient http, string token, string conversationId)
    {
        _http = http;
        Token = token;
        ConversationId = conversationId;
    }

    public string Token { get; set; }

    public string ConversationId { get; }

    public string? StreamUrl { get; private set; }

    public static DirectLineTestClient Resume(HttpClient http, string token, string conversationId) => new(http, token, conversationId);

    public static async Task<DirectLineTestClient> CreateAsync(HttpClient http)
    {
        using var response = await http.PostAsync(new Uri("/api/webchat/token", UriKind.Relative), null);
        response.EnsureSuccessStatusCode();
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return new DirectLineTestClient(http, (string)body["token"]!, (string)body["conversationId"]!);
    }

    public static async Task<DirectLineTestClient> StartAsync(HttpClient http)
    {
        var client = await CreateAsync(http);
        using var response = await client.StartConversationAsync();
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        client.GreetingCount = await client.WaitForGreetingAsync();
        return client;
    }

    /// <summary>How many activities the greeting had (set by <see cref="StartAsync"/>).</summary>
    public int GreetingCount { get; private set; }

    public async Task<HttpResponseMessage> StartConversationAsync(string? token = null)
    {
        using var request = Request(HttpMethod.Post, "/v3/directline/conversations", token);
        var response = await _http.SendAsync(request);
        if (response.IsSuccessStatusCode)
        {
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            StreamUrl = (string?)body["streamUrl"];
        }

        return response;
    }

    public async Task<(HttpStatusCode Status, JsonNode Body)> PostAsync(string json, string? token = null, string? conversationId = null)
    {
        using var request = Request(HttpMethod.Post, $"/v3/directline/conversations/{conversationId ?? ConversationId}/activities", token);
        request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await _http.SendAsync(request);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    public Task<(HttpStatusCode Status, JsonNode Body)> SayAsync(string text, string clientActivityId = "c1") =>
        PostAsync(new JsonObject
        {
            ["type"] = "message",
            ["text"] = text,
            ["locale"] = "ja-JP",
            ["from"] = new JsonObject { ["id"] = "someone-else", ["role"] = "user" },
            ["channelData"] = new JsonObject { ["clientActivityID"] = clientActivityId },
        }.ToJsonString());

    public async Task<(HttpStatusCode Status, JsonNode Body)> GetActivitiesAsync(string? watermark = null, string? token = null, string? conversationId = null)
    {
        using var request = Request(HttpMethod.Get, $"/v3/directline/conversations/{conversationId ?? ConversationId}/activities?watermark={watermark}", token);
        using var response = await _http.SendAsync(request);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    public async Task<(HttpStatusCode Status, JsonNode Body)> ReconnectAsync(string? watermark)
    {
        using var request = Request(HttpMethod.Get, $"/v3/directline/conversations/{ConversationId}?watermark={watermark}", null);
        using var response = await _http.SendAsync(request);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        if (response.IsSuccessStatusCode)
        {
            StreamUrl = (string?)body["streamUrl"];
        }

        return (response.StatusCode, body);
    }

    public async Task<(HttpStatusCode Status, JsonNode Body)> RefreshAsync(string? token = null)
    {
        using var request = Request(HttpMethod.Post, "/v3/directline/tokens/refresh", token);
        using var response = await _http.SendAsync(request);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    /// <summary>The bot has finished a turn when its last activity offers choices or the transcript stops growing.</summary>
    public static bool EndsWithBotChoices(JsonArray activities) =>
        activities.Count > 0 && Role(activities[^1]!) == "bot" && activities[^1]!["suggestedActions"] is not null;

    /// <summary>Waits for the greeting (every message up to the first menu) and returns how many activities it has.</summary>
    public async Task<int> WaitForGreetingAsync() => (await WaitForTranscriptAsync(EndsWithBotChoices)).Count;

    /// <summary>Sends a message and waits until the bot has answered with choices again; returns the whole transcript.</summary>
    public async Task<JsonArray> SayAndWaitAsync(string text, string clientActivityId = "c1")
    {
        var before = (await WaitForTranscriptAsync(_ => true)).Count;
        var (status, _) = await SayAsync(text, clientActivityId);
        Assert.Equal(HttpStatusCode.OK, status);
        return await WaitForTranscriptAsync(a => a.Count > before + 1 && EndsWithBotChoices(a));
    }

    /// <summary>Sends a message and returns the texts of the bot's replies to it, in that same turn.</summary>
    public async Task<List<string>> RepliesToAsync(string text, string clientActivityId = "c1")
    {
        var before = (await WaitForTranscriptAsync(_ => true)).Count;
        var (status, _) = await SayAsync(text, clientActivityId);
        Assert.Equal(HttpStatusCode.OK, status);
        var transcript = await WaitForTranscriptAsync(a => a.Count > before + 1 && EndsWithBotChoices(a));
        var echo = transcript[before]!;
        return transcript.Skip(before + 1)
            .Where(a => (string?)a!["replyToId"] == (string)echo["id"]!)
            .Select(a => Text(a!))
            .ToList();
    }

    /// <summary>Polls GET activities until <paramref name="predicate"/> holds for the whole transcript.</summary>
    public async Task<JsonArray> WaitForTranscriptAsync(Func<JsonArray, bool> predicate)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var (_, body) = await GetActivitiesAsync();
            var activities = body["activities"]!.AsArray();
            if (predicate(activities))
            {
                return activities;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The transcript never reached the expected state.");
    }

    public async Task<StreamReader> OpenStreamAsync(string? url = null)
    {
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri(url ?? StreamUrl!), CancellationToken.None);
        return new StreamReader(socket);
    }

    public void Dispose()
    {
        // The HttpClient belongs to the test.
    }

    private HttpRequestMessage Request(HttpMethod method, string path, string? token)
    {
        var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token ?? Token);
        return request;
    }

    /// <summary>Reads ActivitySet frames from a Direct Line stream, skipping keep-alives.</summary>
    internal sealed class StreamReader(ClientWebSocket socket) : IAsyncDisposable
    {
        public ClientWebSocket Socket => socket;

        public List<JsonNode> Frames { get; } = [];

        public async Task<JsonNode> NextActivityAsync(Func<JsonNode, bool>? predicate = null)
        {
            while (true)
            {
                var frame = await NextFrameAsync();
                foreach (var activity in frame["activities"]!.AsArray())
                {
                    if (predicate is null || predicate(activity!))
                    {
                        return activity!;
                    }
                }
            }
        }

        public async Task<JsonNode> NextFrameAsync()
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            var buffer = new byte[64 * 1024];
            while (true)
            {
                using var message = new MemoryStream();
                WebSocketReceiveResult result;
                do
                {
                    result = await socket.ReceiveAsync(buffer, timeout.Token);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        throw new WebSocketException("The server closed the stream.");
                    }

                    message.Write(buffer, 0, result.Count);
                }
                while (!result.EndOfMessage);

                var text = Encoding.UTF8.GetString(message.ToArray());
                if (text.Length == 0)
                {
                    continue; // keep-alive
                }

                var frame = JsonNode.Parse(text)!;
                Frames.Add(frame);
                return frame;
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (socket.State == WebSocketState.Open)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                try
                {
                    await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", timeout.Token);
                }
                catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
                {
                    // Already closed by the server.
                }
            }

            socket.Dispose();
        }
    }

    public static string Text(JsonNode activity) => (string?)activity["text"] ?? string.Empty;

    public static string Role(JsonNode activity) => (string)activity["from"]!["role"]!;

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web);
}
