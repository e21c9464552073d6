using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ChatBot.Web.Channels.Line;
using ChatBot.Web.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Web.Tests.Line;

/// <summary>The service with a LINE channel pointed at <see cref="FakeLineApi"/>, and signed webhook deliveries.</summary>
internal sealed class LineTestHarness : IAsyncDisposable
{
    public const string Secret = "test-channel-secret-0123456789";
    public const string AccessToken = "test-access-token";

    private int _eventNumber;

    private LineTestHarness(FakeLineApi api, ChatBotServer server)
    {
        Api = api;
        Server = server;
        Http = server.CreateClient();
    }

    public FakeLineApi Api { get; }

    public ChatBotServer Server { get; }

    public HttpClient Http { get; }

    public static async Task<LineTestHarness> StartAsync(Action<IServiceCollection>? configure = null, IDictionary<string, string?>? settings = null)
    {
        var api = await FakeLineApi.StartAsync();
        var all = new Dictionary<string, string?>
        {
            ["Line:ChannelSecret"] = Secret,
            ["Line:ChannelAccessToken"] = AccessToken,
            ["Line:ApiBaseUrl"] = api.BaseUrl,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var server = ChatBotServer.Start(all, configure);
        return new LineTestHarness(api, server);
    }

    public static string NewUserId() => "U" + Guid.NewGuid().ToString("N");

    public JsonObject Event(string type, string userId, JsonObject? extra = null, string? eventId = null, bool redelivery = false, DateTimeOffset? at = null)
    {
        var ev = new JsonObject
        {
            ["type"] = type,
            ["mode"] = "active",
            ["timestamp"] = (at ?? DateTimeOffset.UtcNow).ToUnixTimeMilliseconds(),
            ["source"] = new JsonObject { ["type"] = "user", ["userId"] = userId },
            ["webhookEventId"] = eventId ?? $"01HTEST{Interlocked.Increment(ref _eventNumber):D19}",
            ["deliveryContext"] = new JsonObject { ["isRedelivery"] = redelivery },
        };
        if (type is "message" or "follow" or "postback")
        {
            ev["replyToken"] = "reply-" + Guid.NewGuid().ToString("N");
        }

        foreach (var (key, value) in extra ?? [])
        {
            ev[key] = value?.DeepClone();
        }

        return ev;
    }

    public JsonObject Follow(string userId) =>
        Event("follow", userId, new JsonObject { ["follow"] = new JsonObject { ["isUnblocked"] = false } });

    public JsonObject Text(string userId, string text, string? eventId = null, DateTimeOffset? at = null) =>
        Event("message", userId, new JsonObject { ["message"] = new JsonObject { ["id"] = "m1", ["type"] = "text", ["text"] = text, ["quoteToken"] = "q" } }, eventId, at: at);

    public async Task<HttpStatusCode> DeliverAsync(params JsonObject[] events)
    {
        var body = new JsonObject { ["destination"] = "U" + new string('0', 32), ["events"] = new JsonArray([.. events]) }.ToJsonString();
        return await PostSignedAsync(Encoding.UTF8.GetBytes(body));
    }

    /// <summary>Delivers to a named channel (<c>Line:Channels:{name}</c>), signed with its own secret.</summary>
    public async Task<HttpStatusCode> DeliverToAsync(string channel, string secret, params JsonObject[] events)
    {
        var body = Encoding.UTF8.GetBytes(new JsonObject { ["destination"] = "U" + new string('0', 32), ["events"] = new JsonArray([.. events]) }.ToJsonString());
        return await PostSignedAsync(body, LineSignature.Compute(body, secret), "/api/line/webhook/" + channel);
    }

    public async Task<HttpStatusCode> PostSignedAsync(byte[] body, string? signature = null, string path = "/api/line/webhook")
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = content };
        request.Headers.TryAddWithoutValidation("x-line-signature", signature ?? LineSignature.Compute(body, Secret));
        using var response = await Http.SendAsync(request);
        return response.StatusCode;
    }

    /// <summary>Waits until the inbox processor has handled everything delivered so far.</summary>
    public async Task SettleAsync()
    {
        var processor = Server.Services.GetRequiredService<LineInboxProcessor>();
        for (var i = 0; i < 150; i++)
        {
            if (processor.IsIdle && (await Server.Services.GetRequiredService<LineStore>().ReadInboxAsync(0, 1, CancellationToken.None)).Count == 0)
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The LINE inbox did not drain.");
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
        await Api.DisposeAsync();
    }
}
