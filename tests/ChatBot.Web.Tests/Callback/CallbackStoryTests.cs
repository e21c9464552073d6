using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ChatBot.Core.Handoff;
using ChatBot.Core.Retention;
using ChatBot.Core.Storage;
using ChatBot.Web.Tests.Console;
using ChatBot.Web.Tests.DirectLine;
using ChatBot.Web.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Web.Tests.Callback;

/// <summary>
/// A resident asks for a call-back over Direct Line and leaves a phone number; counsellors work it in the console
/// over real HTTP: the list never shows the number, one counsellor takes it and reveals it, nobody else can
/// (supervisors included), closing deletes it, and the audit log has both.
/// </summary>
public sealed class CallbackStoryTests
{
    // Not the example number the bot shows in its question (090-1234-5678), so every match below is the resident's.
    private const string Phone = "080-2468-1357";
    private static readonly string[] PhoneForms = [Phone, "08024681357", "2468-1357", "24681357"];

    [Fact]
    public async Task A_resident_leaves_a_number_and_only_the_counsellor_who_takes_it_ever_sees_it_until_it_is_closed()
    {
        await using var server = ChatBotServer.Start();
        await ConsoleTestClient.CreateCounsellorAsync(server, "sato", "佐藤");
        await ConsoleTestClient.CreateCounsellorAsync(server, "suzuki", "鈴木");
        await ConsoleTestClient.CreateCounsellorAsync(server, "boss", "主任", CounsellorRole.Supervisor);
        using var http = server.CreateClient();
        var resident = await DirectLineTestClient.StartAsync(http);

        var consent = await resident.SayAndWaitAsync("折り返し連絡がほしい");
        Assert.Contains("折り返しを担当する相談員ひとりだけ", AllText(consent), StringComparison.Ordinal);
        Assert.Equal(["同意する", "やめる"], Choices(consent));
        await resident.SayAndWaitAsync("同意する", "c2");
        var window = await resident.SayAndWaitAsync(Phone, "c3");
        Assert.Equal(["平日昼", "平日夜", "土日", "いつでも"], Choices(window));
        // What the person sees echoed, and what the transcript keeps, is the placeholder.
        Assert.Contains(window, a => DirectLineTestClient.Role(a!) == "user" && DirectLineTestClient.Text(a!) == "〔電話番号〕");
        var done = await resident.SayAndWaitAsync("平日夜", "c4");
        Assert.Contains("暗号化して預かりました", AllText(done), StringComparison.Ordinal);
        Assert.DoesNotContain(PhoneForms, f => AllText(done).Contains(f, StringComparison.Ordinal));

        using var sato = await ConsoleTestClient.SignedInAsync(server, "sato");
        using var suzuki = await ConsoleTestClient.SignedInAsync(server, "suzuki");
        using var boss = await ConsoleTestClient.SignedInAsync(server, "boss");

        var (listed, list) = await sato.GetAsync("/api/console/callbacks");
        Assert.Equal(HttpStatusCode.OK, listed);
        var item = Assert.Single(list!.AsArray())!;
        var id = (string)item["id"]!;
        Assert.Equal("open", (string?)item["state"]);
        Assert.Equal("phone", (string?)item["kind"]);
        Assert.Equal("weekday-evening", (string?)item["preferredWindow"]);
        Assert.DoesNotContain(PhoneForms, f => list.ToJsonString().Contains(f, StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.Conflict, (await sato.PostAsync($"/api/console/callbacks/{id}/reveal")).Status);
        var (claimed, claim) = await sato.PostAsync($"/api/console/callbacks/{id}/claim");
        Assert.Equal(HttpStatusCode.OK, claimed);
        Assert.True((bool)claim!["heldByYou"]!);
        Assert.Equal(HttpStatusCode.Conflict, (await suzuki.PostAsync($"/api/console/callbacks/{id}/claim")).Status);
        Assert.Equal(HttpStatusCode.Conflict, (await suzuki.PostAsync($"/api/console/callbacks/{id}/reveal")).Status);
        var (bossReveal, bossBody) = await boss.PostAsync($"/api/console/callbacks/{id}/reveal");
        Assert.Equal(HttpStatusCode.Forbidden, bossReveal);
        Assert.DoesNotContain(PhoneForms, f => bossBody!.ToJsonString().Contains(f, StringComparison.Ordinal));
        var (_, bossList) = await boss.GetAsync("/api/console/callbacks");
        Assert.Equal("佐藤", (string?)Assert.Single(bossList!.AsArray())!["heldBy"]);

        var (revealed, contact) = await sato.PostAsync($"/api/console/callbacks/{id}/reveal");
        Assert.Equal(HttpStatusCode.OK, revealed);
        Assert.Equal(Phone, (string?)contact!["contact"]);
        Assert.Equal("phone", (string?)contact["kind"]);

        Assert.Equal(HttpStatusCode.Conflict, (await suzuki.PostAsync($"/api/console/callbacks/{id}/close", new JsonObject { ["outcome"] = "reached" })).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await sato.PostAsync($"/api/console/callbacks/{id}/close", new JsonObject { ["outcome"] = "forgotten" })).Status);
        var (closed, closedItem) = await sato.PostAsync($"/api/console/callbacks/{id}/close", new JsonObject { ["outcome"] = "reached" });
        Assert.Equal(HttpStatusCode.OK, closed);
        Assert.Equal("closed", (string?)closedItem!["state"]);

        Assert.Equal(HttpStatusCode.Conflict, (await sato.PostAsync($"/api/console/callbacks/{id}/reveal")).Status);
        Assert.Equal(HttpStatusCode.Conflict, (await sato.PostAsync($"/api/console/callbacks/{id}/close", new JsonObject { ["outcome"] = "reached" })).Status);
        Assert.Empty((await sato.GetAsync("/api/console/callbacks")).Body!.AsArray());

        var audit = await server.Services.GetRequiredService<IAuditLog>().ReadAsync(null, 200, CancellationToken.None);
        Assert.Contains(audit, e => e.Action == "callback.consented" && e.Actor == "resident");
        Assert.Contains(audit, e => e.Action == "callback.revealed" && e.Actor == "counsellor:sato");
        Assert.Contains(audit, e => e.Action == "callback.reveal_refused" && e.Actor == "counsellor:boss");
        Assert.Contains(audit, e => e.Action == "callback.closed" && e.Actor == "counsellor:sato" && e.Detail!.Contains("outcome=reached", StringComparison.Ordinal));

        var bytes = await DatabaseBytesAsync(server);
        Assert.DoesNotContain(PhoneForms, f => Holds(bytes, f));
    }

    [Fact]
    public async Task Bad_requests_get_the_console_answers_404_400_and_401()
    {
        await using var server = ChatBotServer.Start();
        await ConsoleTestClient.CreateCounsellorAsync(server, "sato", "佐藤");
        using var http = server.CreateClient();
        var resident = await DirectLineTestClient.StartAsync(http);
        await resident.SayAndWaitAsync("折り返し連絡がほしい");
        await resident.SayAndWaitAsync("同意する", "c2");
        await resident.SayAndWaitAsync("name@example.jp", "c3");
        using var sato = await ConsoleTestClient.SignedInAsync(server, "sato");
        var id = (string)Assert.Single((await sato.GetAsync("/api/console/callbacks")).Body!.AsArray())!["id"]!;

        Assert.Equal(HttpStatusCode.NotFound, (await sato.PostAsync("/api/console/callbacks/no-such-id/claim")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await sato.PostAsync("/api/console/callbacks/no-such-id/reveal")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await sato.PostAsync("/api/console/callbacks/no-such-id/close", new JsonObject { ["outcome"] = "reached" })).Status);

        sato.XsrfOverride = "forged";
        Assert.Equal(HttpStatusCode.BadRequest, (await sato.PostAsync($"/api/console/callbacks/{id}/claim")).Status);
        sato.XsrfOverride = null;
        Assert.Equal("open", (string?)Assert.Single((await sato.GetAsync("/api/console/callbacks")).Body!.AsArray())!["state"]);

        Assert.Equal(HttpStatusCode.OK, (await sato.PostAsync($"/api/console/callbacks/{id}/claim")).Status);
        sato.XsrfOverride = "forged";
        Assert.Equal(HttpStatusCode.BadRequest, (await sato.PostAsync($"/api/console/callbacks/{id}/reveal")).Status);
        sato.XsrfOverride = null;

        using var anonymous = ConsoleTestClient.For(server);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/console/callbacks")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync($"/api/console/callbacks/{id}/reveal")).Status);
    }

    [Fact]
    public async Task The_resident_withdraws_and_the_holder_can_no_longer_see_the_contact()
    {
        await using var server = ChatBotServer.Start();
        await ConsoleTestClient.CreateCounsellorAsync(server, "sato", "佐藤");
        using var http = server.CreateClient();
        var resident = await DirectLineTestClient.StartAsync(http);
        await resident.SayAndWaitAsync("折り返し連絡がほしい");
        await resident.SayAndWaitAsync("同意する", "c2");
        await resident.SayAndWaitAsync(Phone, "c3");
        using var sato = await ConsoleTestClient.SignedInAsync(server, "sato");
        var id = (string)Assert.Single((await sato.GetAsync("/api/console/callbacks")).Body!.AsArray())!["id"]!;
        await sato.PostAsync($"/api/console/callbacks/{id}/claim");

        var withdrawn = await resident.SayAndWaitAsync("連絡先を消して", "c4");

        Assert.Contains("連絡先を消しました", AllText(withdrawn), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, (await sato.PostAsync($"/api/console/callbacks/{id}/reveal")).Status);
        Assert.Empty((await sato.GetAsync("/api/console/callbacks")).Body!.AsArray());
    }

    internal static string AllText(JsonArray activities) =>
        string.Join('\n', activities.Select(a => DirectLineTestClient.Text(a!)));

    internal static List<string> Choices(JsonArray activities) =>
        [.. activities[^1]!["suggestedActions"]!["actions"]!.AsArray().Select(a => (string)a!["title"]!)];

    internal static async Task<byte[]> DatabaseBytesAsync(ChatBotServer server)
    {
        await server.Services.GetRequiredService<SqliteDatabase>().CheckpointAsync(CancellationToken.None);
        var bytes = new List<byte>();
        foreach (var file in System.IO.Directory.GetFiles(server.Directory, "chatbot.db*"))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy);
            bytes.AddRange(copy.ToArray());
        }

        return [.. bytes];
    }

    internal static bool Holds(byte[] bytes, string text) =>
        bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0 || bytes.AsSpan().IndexOf(Encoding.Unicode.GetBytes(text)) >= 0;
}
