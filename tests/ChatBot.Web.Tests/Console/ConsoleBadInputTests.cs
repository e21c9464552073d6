using System.Net;
using System.Text.Json.Nodes;
using ChatBot.Core.Handoff;
using ChatBot.Web.Tests.DirectLine;
using ChatBot.Web.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ChatBot.Web.Tests.Console;

/// <summary>Every wrong call to the console API gets a clear 4xx and changes nothing.</summary>
public sealed class ConsoleBadInputTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private ChatBotServer _server = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _server = ChatBotServer.Start(configureServices: services => services.AddSingleton<TimeProvider>(_clock));
        _http = _server.CreateClient();
        await ConsoleTestClient.CreateCounsellorAsync(_server, "sato", "佐藤");
        await ConsoleTestClient.CreateCounsellorAsync(_server, "suzuki", "鈴木");
        await ConsoleTestClient.CreateCounsellorAsync(_server, "chief", "主任", CounsellorRole.Supervisor);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Theory]
    [InlineData("GET", "/api/console/queue")]
    [InlineData("GET", "/api/console/me")]
    [InlineData("GET", "/api/console/conversations/any")]
    [InlineData("POST", "/api/console/conversations/any/claim")]
    [InlineData("POST", "/api/console/conversations/any/messages")]
    [InlineData("POST", "/api/console/logout")]
    public async Task Calls_without_signing_in_get_401(string method, string path)
    {
        using var anonymous = ConsoleTestClient.For(_server);

        var (status, _) = await anonymous.SendAsync(new HttpMethod(method), path, new JsonObject { ["text"] = "x" });

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public async Task A_wrong_password_gets_401_and_five_in_a_row_lock_the_account_even_for_the_right_one()
    {
        using var client = ConsoleTestClient.For(_server);

        var (wrong, body) = await client.LoginAsync("sato", "not the password");
        for (var i = 0; i < 4; i++)
        {
            await client.LoginAsync("sato", "still not it " + i);
        }

        var (locked, _) = await client.LoginAsync("sato", ConsoleTestClient.Password);
        _clock.Advance(TimeSpan.FromMinutes(16));
        var (later, _) = await client.LoginAsync("sato", ConsoleTestClient.Password);

        Assert.Equal(HttpStatusCode.Unauthorized, wrong);
        Assert.Equal("sign_in_failed", (string)body!["error"]!);
        Assert.Equal(HttpStatusCode.Unauthorized, locked);
        Assert.Equal(HttpStatusCode.OK, later);
    }

    [Fact]
    public async Task A_login_body_that_is_not_json_or_lacks_fields_gets_400()
    {
        using var client = ConsoleTestClient.For(_server);

        var (broken, _) = await client.SendAsync(HttpMethod.Post, "/api/console/login", null, rawBody: "{\"username\": ");
        var (empty, _) = await client.LoginAsync("", "");

        Assert.Equal(HttpStatusCode.BadRequest, broken);
        Assert.Equal(HttpStatusCode.BadRequest, empty);
    }

    [Fact]
    public async Task Claiming_an_unknown_conversation_gets_404_and_a_closed_one_409()
    {
        using var sato = await ConsoleTestClient.SignedInAsync(_server, "sato");
        var conversationId = await QueuedResidentAsync(sato);
        await sato.PostAsync($"/api/console/conversations/{conversationId}/claim");
        await sato.PostAsync($"/api/console/conversations/{conversationId}/close");

        var (unknown, unknownBody) = await sato.PostAsync("/api/console/conversations/no-such-conversation/claim");
        var (closed, closedBody) = await sato.PostAsync($"/api/console/conversations/{conversationId}/claim");
        var (message, _) = await sato.PostAsync($"/api/console/conversations/{conversationId}/messages", new JsonObject { ["text"] = "まだいますか" });

        Assert.Equal(HttpStatusCode.NotFound, unknown);
        Assert.Equal("not_found", (string)unknownBody!["error"]!);
        Assert.Equal(HttpStatusCode.Conflict, closed);
        Assert.Equal("not_open", (string)closedBody!["error"]!);
        Assert.Equal(HttpStatusCode.Conflict, message);
        var latest = await _server.Services.GetRequiredService<HandoffStore>().GetLatestAsync(conversationId, CancellationToken.None);
        Assert.Equal(HandoffState.Closed, latest!.State);
    }

    [Fact]
    public async Task Posting_to_a_conversation_one_does_not_hold_gets_409_and_sends_nothing()
    {
        using var sato = await ConsoleTestClient.SignedInAsync(_server, "sato");
        using var suzuki = await ConsoleTestClient.SignedInAsync(_server, "suzuki");
        var conversationId = await QueuedResidentAsync(sato);

        var (unclaimed, _) = await suzuki.PostAsync($"/api/console/conversations/{conversationId}/messages", new JsonObject { ["text"] = "順番待ちの人へ" });
        await sato.PostAsync($"/api/console/conversations/{conversationId}/claim");
        var (held, heldBody) = await suzuki.PostAsync($"/api/console/conversations/{conversationId}/messages", new JsonObject { ["text"] = "横から失礼します" });
        var (release, _) = await suzuki.PostAsync($"/api/console/conversations/{conversationId}/release");
        var (note, _) = await suzuki.PostAsync($"/api/console/conversations/{conversationId}/notes", new JsonObject { ["text"] = "メモ" });

        Assert.Equal(HttpStatusCode.Conflict, unclaimed);
        Assert.Equal(HttpStatusCode.Conflict, held);
        Assert.Equal("held_by_another", (string)heldBody!["error"]!);
        Assert.Equal(HttpStatusCode.Conflict, release);
        Assert.Equal(HttpStatusCode.Conflict, note);
        var transcript = await TranscriptAsync(conversationId);
        Assert.DoesNotContain("順番待ちの人へ", transcript);
        Assert.DoesNotContain("横から失礼します", transcript);
    }

    [Fact]
    public async Task Empty_or_overlong_messages_and_transfers_to_nobody_get_400()
    {
        using var sato = await ConsoleTestClient.SignedInAsync(_server, "sato");
        var conversationId = await QueuedResidentAsync(sato);
        await sato.PostAsync($"/api/console/conversations/{conversationId}/claim");

        var (empty, _) = await sato.PostAsync($"/api/console/conversations/{conversationId}/messages", new JsonObject { ["text"] = "  " });
        var (overlong, _) = await sato.PostAsync($"/api/console/conversations/{conversationId}/messages", new JsonObject { ["text"] = new string('あ', 2001) });
        var (nobody, _) = await sato.PostAsync($"/api/console/conversations/{conversationId}/transfer", new JsonObject { ["to"] = "no-such-user" });

        Assert.Equal(HttpStatusCode.BadRequest, empty);
        Assert.Equal(HttpStatusCode.BadRequest, overlong);
        Assert.Equal(HttpStatusCode.BadRequest, nobody);
    }

    [Fact]
    public async Task A_forged_or_missing_antiforgery_token_gets_400_and_the_conversation_stays_in_the_queue()
    {
        using var sato = await ConsoleTestClient.SignedInAsync(_server, "sato");
        using var suzuki = await ConsoleTestClient.SignedInAsync(_server, "suzuki");
        var conversationId = await QueuedResidentAsync(sato);

        sato.XsrfOverride = "CfDJ8forged-token-value";
        var (forged, body) = await sato.PostAsync($"/api/console/conversations/{conversationId}/claim");
        sato.XsrfOverride = suzuki.XsrfToken; // a real token, but of someone else's session
        var (borrowed, _) = await sato.PostAsync($"/api/console/conversations/{conversationId}/claim");
        sato.XsrfOverride = string.Empty;
        var (missing, _) = await sato.PostAsync($"/api/console/conversations/{conversationId}/claim");

        Assert.Equal(HttpStatusCode.BadRequest, forged);
        Assert.Equal("antiforgery", (string)body!["error"]!);
        Assert.Equal(HttpStatusCode.BadRequest, borrowed);
        Assert.Equal(HttpStatusCode.BadRequest, missing);
        var entry = await _server.Services.GetRequiredService<HandoffStore>().GetOpenAsync(conversationId, CancellationToken.None);
        Assert.Equal(HandoffState.Waiting, entry!.State);
    }

    [Fact]
    public async Task An_expired_session_gets_401()
    {
        using var sato = await ConsoleTestClient.SignedInAsync(_server, "sato");
        var (before, _) = await sato.GetAsync("/api/console/queue");

        _clock.Advance(TimeSpan.FromMinutes(31));
        var (after, _) = await sato.GetAsync("/api/console/queue");

        Assert.Equal(HttpStatusCode.OK, before);
        Assert.Equal(HttpStatusCode.Unauthorized, after);
    }

    [Fact]
    public async Task After_sign_out_the_old_session_cookie_is_worthless()
    {
        using var sato = await ConsoleTestClient.SignedInAsync(_server, "sato");
        var saved = sato.Cookies.GetCookies(sato.BaseAddress).Cast<Cookie>().Select(c => new Cookie(c.Name, c.Value, c.Path, c.Domain)).ToList();

        var (logout, _) = await sato.PostAsync("/api/console/logout");
        using var replay = ConsoleTestClient.For(_server);
        foreach (var cookie in saved)
        {
            replay.Cookies.Add(sato.BaseAddress, cookie);
        }

        var (status, _) = await replay.GetAsync("/api/console/queue");

        Assert.Equal(HttpStatusCode.NoContent, logout);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public async Task Only_supervisors_see_todays_figures_and_every_action_is_audited()
    {
        using var sato = await ConsoleTestClient.SignedInAsync(_server, "sato");
        using var chief = await ConsoleTestClient.SignedInAsync(_server, "chief");
        var conversationId = await QueuedResidentAsync(sato);
        await sato.GetAsync($"/api/console/conversations/{conversationId}");
        await sato.PostAsync($"/api/console/conversations/{conversationId}/claim");
        await sato.PostAsync($"/api/console/conversations/{conversationId}/notes", new JsonObject { ["text"] = "家族の話が中心" });

        var (counsellorStats, _) = await sato.GetAsync("/api/console/stats");
        var (supervisorStats, figures) = await chief.GetAsync("/api/console/stats");
        var (supervisorView, view) = await chief.GetAsync($"/api/console/conversations/{conversationId}");

        Assert.Equal(HttpStatusCode.Forbidden, counsellorStats);
        Assert.Equal(HttpStatusCode.OK, supervisorStats);
        Assert.Equal(1, (int)figures!["active"]!);
        Assert.Equal(0, (int)figures["waiting"]!);
        Assert.NotNull(figures["waitingByRisk"]!["crisis"]);
        Assert.Equal(HttpStatusCode.OK, supervisorView);
        Assert.Equal("家族の話が中心", (string)view!["notes"]![0]!["text"]!);
        var audit = await _server.Services.GetRequiredService<ChatBot.Core.Retention.IAuditLog>().ReadAsync(conversationId, 50, CancellationToken.None);
        Assert.Contains(audit, a => a.Actor == "counsellor:sato" && a.Action == "conversation.viewed");
        Assert.Contains(audit, a => a.Actor == "counsellor:sato" && a.Action == "handoff.claimed");
        Assert.Contains(audit, a => a.Actor == "counsellor:sato" && a.Action == "handoff.note.added");
        Assert.Contains(audit, a => a.Actor == "counsellor:chief" && a.Action == "conversation.viewed");
    }

    private async Task<string> QueuedResidentAsync(ConsoleTestClient counsellor)
    {
        var resident = await DirectLineTestClient.StartAsync(_http);
        await resident.SayAsync("人と話したい", "r1");
        await resident.SayAsync("つないでほしい", "r2");
        await counsellor.WaitInQueueAsync(resident.ConversationId);
        return resident.ConversationId;
    }

    private async Task<List<string>> TranscriptAsync(string conversationId)
    {
        var log = _server.Services.GetRequiredService<ChatBot.Core.Conversations.IConversationLog>();
        return [.. (await log.ReadAfterAsync(conversationId, 0, 500, CancellationToken.None)).Select(l => l.Activity.Text ?? string.Empty)];
    }
}
