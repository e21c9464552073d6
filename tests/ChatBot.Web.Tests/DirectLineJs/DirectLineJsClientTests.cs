using System.Text.Json.Nodes;
using ChatBot.Core.Conversations;
using ChatBot.Web.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Web.Tests.DirectLineJs;

/// <summary>
/// The official Direct Line client that Web Chat 4.18.1 pins (botframework-directlinejs 0.15.5), run by Node
/// against the real server (client.mjs next to this file; its packages are installed by this project's build).
/// </summary>
public sealed class DirectLineJsClientTests(ChatBotServerFixture server) : IClassFixture<ChatBotServerFixture>
{
    private static readonly string[] FirstMenu = ["自分のこと", "家族・身近な人のこと", "支援について知りたい", "人と話したい", "折り返し連絡がほしい"];

    [Theory]
    [InlineData("websocket")]
    [InlineData("polling")]
    public async Task Official_client_is_greeted_gets_an_answer_resumes_the_history_and_ends_the_conversation(string mode)
    {
        var result = await RunClientAsync(mode, "支援について知りたい");

        Assert.Equal(mode == "websocket", (bool)result["webSocketUsed"]!);
        Assert.Contains("Online", result["statuses"]!.AsArray().Select(s => (string?)s));

        var greeting = result["greeting"]!;
        Assert.Equal("bot", (string?)greeting["fromRole"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)greeting["text"]));
        Assert.Equal(FirstMenu, greeting["actions"]!.AsArray().Select(a => (string?)a!["title"]));
        Assert.All(greeting["actions"]!.AsArray(), a => Assert.Equal("imBack", (string?)a!["type"]));
        Assert.Equal((string?)result["conversationId"], (string?)result["conversationIdSeen"]);

        var echo = result["echo"]!;
        Assert.Equal((string?)result["postedId"], (string?)echo["id"]);
        Assert.Equal("支援について知りたい", (string?)echo["text"]);
        Assert.Equal((string?)result["userId"], (string?)echo["fromId"]);

        var reply = result["reply"]!;
        Assert.Equal((string?)echo["id"], (string?)reply["replyToId"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)reply["text"]));
        Assert.NotEqual((string?)greeting["text"], (string?)reply["text"]);
        Assert.True(DateTimeOffset.Parse((string)reply["timestamp"]!, System.Globalization.CultureInfo.InvariantCulture)
            >= DateTimeOffset.Parse((string)echo["timestamp"]!, System.Globalization.CultureInfo.InvariantCulture));

        // After a reload the page resumes with { token, conversationId }: the history comes back in order.
        var replayed = result["replayedIds"]!.AsArray().Select(i => (string?)i).ToList();
        var expected = result["expectedIds"]!.AsArray().Select(i => (string?)i).ToList();
        Assert.Equal(expected, replayed.Where(expected.Contains));

        // endOfConversation from the client (the quick exit) ends it on the server.
        Assert.False(string.IsNullOrEmpty((string?)result["endPostedId"]));
        Assert.Equal(404, (int)result["reconnectAfterEndStatus"]!);
        var log = server.Host.Services.GetRequiredService<IConversationLog>();
        Assert.False(await log.IsOpenAsync((string)result["conversationId"]!, CancellationToken.None));
    }

    private async Task<JsonNode> RunClientAsync(string mode, string choice)
    {
        var (exitCode, output, errors) = await NodeScript.RunAsync("DirectLineJs", "client.mjs", server.Host.BaseAddress.ToString().TrimEnd('/'), mode, choice);
        var line = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
        Assert.True(line is not null, $"client.mjs printed nothing (exit {exitCode}). stderr: {errors}");
        var result = JsonNode.Parse(line)!;
        Assert.True(exitCode == 0, $"client.mjs failed: {result["error"]} (exit {exitCode}). stderr: {errors}");
        return result;
    }
}
