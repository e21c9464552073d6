using System.Net;
using System.Text.Json.Nodes;
using ChatBot.Core.Retention;
using ChatBot.Web.Tests.DirectLine;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Web.Tests.Console;

/// <summary>
/// A counsellor sends a window of the support catalog into the conversation: the console lists the catalog with
/// the exact message the person would get, those matching what the person talked about first; the person
/// receives it under the counsellor's name, with a phone number they can tap.
/// </summary>
public sealed class SendResourceTests : CounsellorServerTest
{
    protected override IReadOnlyList<(string Username, string DisplayName)> Counsellors => [("sato", "佐藤"), ("suzuki", "鈴木")];

    [Fact]
    public async Task A_counsellor_sends_a_window_from_the_catalog_and_the_person_receives_it_under_their_name()
    {
        using var sato = await ConsoleTestClient.SignedInAsync(Server, "sato");
        var resident = await DirectLineTestClient.StartAsync(Http);
        var stream = await resident.OpenStreamAsync();
        await resident.SayAsync("息子のことで相談したいです。家族会のようなところはありますか", "r0");
        await resident.SayAsync("人と話したい", "r1");
        await resident.SayAsync("つないでほしい", "r2");
        await sato.WaitInQueueAsync(resident.ConversationId);
        await sato.PostAsync($"/api/console/conversations/{resident.ConversationId}/claim");

        var (listStatus, list) = await sato.GetAsync($"/api/console/conversations/{resident.ConversationId}/resources");

        Assert.Equal(HttpStatusCode.OK, listStatus);
        var choices = list!.AsArray().Select(c => c!).ToList();
        Assert.True(choices.Count >= 5, "the whole catalog is offered");
        Assert.All(choices, c => Assert.False(string.IsNullOrWhiteSpace((string?)c["message"])));
        // What the person talked about (family) comes first.
        var firstMatch = choices.FindIndex(c => (bool)c["matches"]!);
        var lastMatch = choices.FindLastIndex(c => (bool)c["matches"]!);
        Assert.Equal(0, firstMatch);
        Assert.True(choices.Skip(lastMatch + 1).All(c => !(bool)c["matches"]!));
        var withPhone = choices.First(c => ((string)c["message"]!).Contains("(tel:", StringComparison.Ordinal));

        var (sendStatus, line) = await sato.PostAsync(
            $"/api/console/conversations/{resident.ConversationId}/resources", new JsonObject { ["id"] = (string)withPhone["id"]! });

        Assert.Equal(HttpStatusCode.OK, sendStatus);
        Assert.Equal("counsellor", (string)line!["from"]!);
        var received = await stream.NextActivityAsync(HandoffStoryTests.FromCounsellor);
        Assert.Equal((string)withPhone["message"]!, HandoffStoryTests.Text(received));
        Assert.Contains((string)withPhone["name"]!, HandoffStoryTests.Text(received), StringComparison.Ordinal);
        Assert.Equal("markdown", (string?)received["textFormat"]);
        var audit = await Server.Services.GetRequiredService<IAuditLog>().ReadAsync(resident.ConversationId, 50, CancellationToken.None);
        Assert.Contains(audit, a => a.Actor == "counsellor:sato" && a.Action == "handoff.resource.sent" && a.Detail == (string)withPhone["id"]!);
    }

    [Fact]
    public async Task Sending_an_unknown_window_or_into_a_conversation_one_does_not_hold_is_refused_and_sends_nothing()
    {
        using var sato = await ConsoleTestClient.SignedInAsync(Server, "sato");
        using var suzuki = await ConsoleTestClient.SignedInAsync(Server, "suzuki");
        var resident = await DirectLineTestClient.StartAsync(Http);
        await resident.SayAsync("人と話したい", "r1");
        await resident.SayAsync("つないでほしい", "r2");
        await sato.WaitInQueueAsync(resident.ConversationId);
        var path = $"/api/console/conversations/{resident.ConversationId}/resources";

        var (beforeClaim, _) = await sato.PostAsync(path, new JsonObject { ["id"] = "khj" });
        await sato.PostAsync($"/api/console/conversations/{resident.ConversationId}/claim");
        var (unknown, error) = await sato.PostAsync(path, new JsonObject { ["id"] = "no-such-window" });
        var (missing, _) = await sato.PostAsync(path, new JsonObject());
        var (notHolder, _) = await suzuki.PostAsync(path, new JsonObject { ["id"] = "khj" });
        var (notHolderList, _) = await suzuki.GetAsync(path);
        var (unknownConversation, _) = await sato.PostAsync("/api/console/conversations/nope/resources", new JsonObject { ["id"] = "khj" });
        sato.XsrfOverride = "forged";
        var (forged, _) = await sato.PostAsync(path, new JsonObject { ["id"] = "khj" });

        Assert.Equal(HttpStatusCode.Conflict, beforeClaim);
        Assert.Equal(HttpStatusCode.BadRequest, unknown);
        Assert.Contains("catalog", (string)error!["message"]!, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, missing);
        Assert.Equal(HttpStatusCode.Conflict, notHolder);
        Assert.Equal(HttpStatusCode.Conflict, notHolderList);
        Assert.Equal(HttpStatusCode.NotFound, unknownConversation);
        Assert.Equal(HttpStatusCode.BadRequest, forged);
        var (_, all) = await resident.GetActivitiesAsync();
        Assert.DoesNotContain(all["activities"]!.AsArray(), a => HandoffStoryTests.Text(a!).Contains("KHJ", StringComparison.Ordinal));
    }
}
