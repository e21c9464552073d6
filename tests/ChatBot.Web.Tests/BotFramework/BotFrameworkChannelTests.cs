using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ChatBot.Web.Tests.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatBot.Web.Tests.BotFramework;

/// <summary>
/// <c>/api/messages</c> as Azure Bot Service channels and the Emulator use it: with no app id the bot
/// accepts anonymous calls and answers through the channel's connector at the activity's serviceUrl.
/// </summary>
public sealed class BotFrameworkChannelTests : IAsyncLifetime
{
    private ChatBotServer _server = null!;
    private HttpClient _http = null!;
    private WebApplication _connector = null!;
    private readonly ConcurrentQueue<JsonNode> _delivered = new();
    private string _connectorUrl = string.Empty;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _connector = builder.Build();
        _connector.MapPost("/v3/conversations/{conversationId}/activities/{activityId}", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            _delivered.Enqueue(JsonNode.Parse(await reader.ReadToEndAsync())!);
            return Results.Json(new { id = "delivered-1" });
        });
        _connector.MapPost("/v3/conversations/{conversationId}/activities", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            _delivered.Enqueue(JsonNode.Parse(await reader.ReadToEndAsync())!);
            return Results.Json(new { id = "delivered-2" });
        });
        await _connector.StartAsync();
        _connectorUrl = _connector.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        _server = ChatBotServer.Start();
        _http = _server.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
        await _connector.DisposeAsync();
    }

    [Fact]
    public async Task Anonymous_message_from_the_Emulator_is_answered_through_the_connector()
    {
        var activity = new JsonObject
        {
            ["type"] = "message",
            ["id"] = "incoming-1",
            ["text"] = "支援について知りたい",
            ["locale"] = "ja-JP",
            ["channelId"] = "emulator",
            ["serviceUrl"] = _connectorUrl,
            ["conversation"] = new JsonObject { ["id"] = "emulator-conversation-1" },
            ["from"] = new JsonObject { ["id"] = "user-1", ["role"] = "user" },
            ["recipient"] = new JsonObject { ["id"] = "bot-1", ["role"] = "bot" },
        };

        using var response = await _http.PostAsync(new Uri("/api/messages", UriKind.Relative), new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty(_delivered);
        Assert.All(_delivered, reply => Assert.Equal("incoming-1", (string)reply["replyToId"]!));
        Assert.Contains(_delivered, reply => ((string?)reply["text"] ?? string.Empty).Contains("望むときに", StringComparison.Ordinal));
        Assert.NotNull(_delivered.Last()["suggestedActions"]);
    }

    [Fact]
    public async Task Activity_without_a_type_gets_400()
    {
        using var response = await _http.PostAsync(new Uri("/api/messages", UriKind.Relative), new StringContent("""{"text":"hi"}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(_delivered);
    }

    [Fact]
    public async Task A_bearer_token_that_is_not_from_Bot_Framework_gets_401()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/messages", UriKind.Relative))
        {
            Content = new StringContent(
                new JsonObject
                {
                    ["type"] = "message",
                    ["text"] = "hi",
                    ["channelId"] = "emulator",
                    ["serviceUrl"] = _connectorUrl,
                    ["conversation"] = new JsonObject { ["id"] = "c" },
                    ["from"] = new JsonObject { ["id"] = "u" },
                    ["recipient"] = new JsonObject { ["id"] = "b" },
                }.ToJsonString(),
                Encoding.UTF8,
                "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "eyJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJtZSJ9.c2lnbmF0dXJl");

        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(_delivered);
    }
}
