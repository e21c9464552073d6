using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ChatBot.Web.Channels.Line;
using ChatBot.Web.Tests.Hosting;

namespace ChatBot.Web.Tests.Line;

/// <summary>Several municipalities' LINE channels side by side, each with its own secret and token.</summary>
public sealed class LineMultiChannelTests
{
    [Fact]
    public async Task Each_channel_verifies_its_own_secret_and_answers_with_its_own_token()
    {
        await using var api = await FakeLineApi.StartAsync();
        await using var server = ChatBotServer.Start(new Dictionary<string, string?>
        {
            ["Line:ApiBaseUrl"] = api.BaseUrl,
            ["Line:Channels:kofu:ChannelSecret"] = "kofu-secret-0123456789",
            ["Line:Channels:kofu:ChannelAccessToken"] = "kofu-token",
            ["Line:Channels:kofu:Municipality"] = "sample-city",
            ["Line:Channels:meiwa:ChannelSecret"] = "meiwa-secret-0123456789",
            ["Line:Channels:meiwa:ChannelAccessToken"] = "meiwa-token",
        });
        using var http = server.CreateClient();
        var harness = new JsonObject
        {
            ["destination"] = "U0",
            ["events"] = new JsonArray(new JsonObject
            {
                ["type"] = "message",
                ["timestamp"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
                ["replyToken"] = "r1",
                ["webhookEventId"] = "01HKOFU0000000000000000001",
                ["source"] = new JsonObject { ["type"] = "user", ["userId"] = LineTestHarness.NewUserId() },
                ["message"] = new JsonObject { ["type"] = "text", ["id"] = "1", ["text"] = "自分のこと", ["quoteToken"] = "q" },
            }),
        };
        var body = Encoding.UTF8.GetBytes(harness.ToJsonString());

        var wrongSecret = await PostAsync(http, "/api/line/webhook/kofu", body, LineSignature.Compute(body, "meiwa-secret-0123456789"));
        var defaultRoute = await PostAsync(http, "/api/line/webhook", body, LineSignature.Compute(body, "kofu-secret-0123456789"));
        var right = await PostAsync(http, "/api/line/webhook/kofu", body, LineSignature.Compute(body, "kofu-secret-0123456789"));
        var reply = (await api.WaitForAsync("/v2/bot/message/reply")).Single();

        Assert.Equal(HttpStatusCode.Unauthorized, wrongSecret);
        Assert.Equal(HttpStatusCode.NotFound, defaultRoute);
        Assert.Equal(HttpStatusCode.OK, right);
        Assert.Equal("Bearer kofu-token", reply.Authorization);
    }

    private static async Task<HttpStatusCode> PostAsync(HttpClient http, string path, byte[] body, string signature)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = content };
        request.Headers.TryAddWithoutValidation("x-line-signature", signature);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }
}
