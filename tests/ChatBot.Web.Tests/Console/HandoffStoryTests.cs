using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using ChatBot.Web.Tests.DirectLine;

namespace ChatBot.Web.Tests.Console;

/// <summary>
/// The whole handoff on a real Kestrel port: a resident over Direct Line asks for a person and consents; a
/// counsellor signs in through the console API, sees the entry, claims it; both write; the counsellor closes.
/// The resident's Direct Line stream receives every counsellor message in order, also after a reconnect.
/// </summary>
public sealed class HandoffStoryTests : CounsellorServerTest
{
    [Fact]
    public async Task Resident_asks_consents_counsellor_claims_both_write_counsellor_closes_and_nothing_is_lost()
    {
        var resident = await DirectLineTestClient.StartAsync(Http);
        var stream = await resident.OpenStreamAsync();
        using var counsellor = await ConsoleTestClient.SignedInAsync(Server, "sato");

        await resident.SayAsync("人と話したい", "r1");
        var prompt = await stream.NextActivityAsync(a => IsBot(a) && Text(a).Contains("相談員につなぐ前に", StringComparison.Ordinal));
        Assert.Equal(["つないでほしい", "要約だけ共有してつなぐ", "まだいい"], prompt["suggestedActions"]!["actions"]!.AsArray().Select(a => (string)a!["title"]!));
        Assert.Contains("待ち時間の目安", Text(prompt), StringComparison.Ordinal);

        await resident.SayAsync("つないでほしい", "r2");
        await stream.NextActivityAsync(a => IsBot(a) && Text(a).Contains("1番目", StringComparison.Ordinal));

        var item = await counsellor.WaitInQueueAsync(resident.ConversationId);
        Assert.Equal("normal", (string)item["risk"]!);
        Assert.Equal("unknown", (string)item["speaker"]!);
        Assert.NotNull(item["topics"]!.AsArray());
        Assert.True(DateTimeOffset.Parse((string)item["waitingSince"]!, CultureInfo.InvariantCulture) <= DateTimeOffset.UtcNow);

        var (claimStatus, claimed) = await counsellor.PostAsync($"/api/console/conversations/{resident.ConversationId}/claim");
        Assert.Equal(HttpStatusCode.OK, claimStatus);
        Assert.True((bool)claimed!["heldByYou"]!);
        Assert.Equal("full", (string)claimed["consent"]!["scope"]!);
        Assert.False(string.IsNullOrEmpty((string?)claimed["consent"]!["noticeVersion"]));
        await stream.NextActivityAsync(a => IsBot(a) && Text(a).Contains("佐藤さんが入りました", StringComparison.Ordinal));

        string[] first = ["はじめまして、相談員の佐藤です。", "ゆっくりで大丈夫です。", "今日はどんなことで来てくれましたか？"];
        foreach (var text in first)
        {
            var (status, _) = await counsellor.PostAsync($"/api/console/conversations/{resident.ConversationId}/messages", new JsonObject { ["text"] = text });
            Assert.Equal(HttpStatusCode.OK, status);
        }

        var received = new List<JsonNode>();
        foreach (var _ in first)
        {
            received.Add(await stream.NextActivityAsync(FromCounsellor));
        }

        Assert.Equal(first, received.Select(Text));
        Assert.All(received, a => Assert.Equal("bot", DirectLineTestClient.Role(a)));

        await resident.SayAsync("家のことで困っています", "r3");
        await WaitForAsync(async () =>
        {
            var (_, view) = await counsellor.GetAsync($"/api/console/conversations/{resident.ConversationId}");
            return view!["transcript"]!.AsArray().Any(l => (string)l!["from"]! == "person" && (string)l["text"]! == "家のことで困っています");
        });

        // The person's browser drops; the counsellor writes meanwhile; the reconnect replays what was missed.
        var watermark = Sequence((string)received[^1]["id"]!);
        await stream.DisposeAsync();
        string[] whileAway = ["お話ししてくれてありがとうございます。", "どんなふうに困っていますか？"];
        foreach (var text in whileAway)
        {
            await counsellor.PostAsync($"/api/console/conversations/{resident.ConversationId}/messages", new JsonObject { ["text"] = text });
        }

        var (reconnectStatus, _) = await resident.ReconnectAsync(watermark.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(HttpStatusCode.OK, reconnectStatus);
        stream = await resident.OpenStreamAsync();
        var replayed = new List<string>();
        foreach (var _ in whileAway)
        {
            replayed.Add(Text(await stream.NextActivityAsync(FromCounsellor)));
        }

        Assert.Equal(whileAway, replayed);

        var (closeStatus, closed) = await counsellor.PostAsync($"/api/console/conversations/{resident.ConversationId}/close", new JsonObject { ["message"] = "今日は話してくれてありがとうございました。" });
        Assert.Equal(HttpStatusCode.OK, closeStatus);
        Assert.Equal("closed", (string)closed!["state"]!);
        Assert.Equal("今日は話してくれてありがとうございました。", Text(await stream.NextActivityAsync(FromCounsellor)));
        await stream.NextActivityAsync(a => IsBot(a) && Text(a).Contains("終わります", StringComparison.Ordinal));
        await stream.DisposeAsync();

        var (_, all) = await resident.GetActivitiesAsync();
        var transcript = all["activities"]!.AsArray().Select(a => a!).ToList();
        Assert.Equal([.. first, .. whileAway, "今日は話してくれてありがとうございました。"], transcript.Where(FromCounsellor).Select(Text));
        Assert.DoesNotContain(transcript, a => (string?)a["type"] == "event");
        var afterPerson = transcript.SkipWhile(a => Text(a) != "家のことで困っています").Skip(1).First(IsBot);
        Assert.True(FromCounsellor(afterPerson), "the bot must stay silent while a counsellor holds the conversation");
    }

    [Fact]
    public async Task A_second_counsellor_cannot_take_or_touch_a_claimed_conversation()
    {
        await ConsoleTestClient.CreateCounsellorAsync(Server, "suzuki", "鈴木");
        using var sato = await ConsoleTestClient.SignedInAsync(Server, "sato");
        using var suzuki = await ConsoleTestClient.SignedInAsync(Server, "suzuki");
        var resident = await DirectLineTestClient.StartAsync(Http);
        await resident.SayAsync("相談員", "r1");
        await resident.SayAsync("つないでほしい", "r2");
        await sato.WaitInQueueAsync(resident.ConversationId);

        var claims = await Task.WhenAll(
            sato.PostAsync($"/api/console/conversations/{resident.ConversationId}/claim"),
            suzuki.PostAsync($"/api/console/conversations/{resident.ConversationId}/claim"));

        Assert.Single(claims, c => c.Status == HttpStatusCode.OK);
        Assert.Single(claims, c => c.Status == HttpStatusCode.Conflict);
        var loser = claims[0].Status == HttpStatusCode.Conflict ? sato : suzuki;
        var (postStatus, _) = await loser.PostAsync($"/api/console/conversations/{resident.ConversationId}/messages", new JsonObject { ["text"] = "横から失礼します" });
        var (viewStatus, _) = await loser.GetAsync($"/api/console/conversations/{resident.ConversationId}");
        Assert.Equal(HttpStatusCode.Conflict, postStatus);
        Assert.Equal(HttpStatusCode.Conflict, viewStatus);
        var (_, all) = await resident.GetActivitiesAsync();
        Assert.DoesNotContain(all["activities"]!.AsArray(), a => Text(a!) == "横から失礼します");
    }

    internal static bool IsBot(JsonNode activity) => DirectLineTestClient.Role(activity) == "bot";

    internal static bool FromCounsellor(JsonNode activity) => IsBot(activity) && (string?)activity["from"]!["name"] == "佐藤";

    internal static string Text(JsonNode activity) => DirectLineTestClient.Text(activity);

    private static long Sequence(string id) => long.Parse(id[(id.LastIndexOf('|') + 1)..], CultureInfo.InvariantCulture);

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The condition never held.");
    }
}
