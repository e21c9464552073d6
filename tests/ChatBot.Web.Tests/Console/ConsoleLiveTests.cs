using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using ChatBot.Core.Handoff;
using ChatBot.Core.Triage;
using ChatBot.Web.Console;
using ChatBot.Web.Tests.DirectLine;
using ChatBot.Web.Tests.Hosting;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Web.Tests.Console;

/// <summary>The console's live side: the hub at /console/hub, crisis alerts to everyone online, relayed messages, and the page itself.</summary>
public sealed class ConsoleLiveTests : IAsyncLifetime
{
    private ChatBotServer _server = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        // The triage engine is built elsewhere; this stand-in knows one crisis phrase.
        _server = ChatBotServer.Start(configureServices: services => services.AddSingleton<ITriage, OnePhraseTriage>());
        _http = _server.CreateClient();
        await ConsoleTestClient.CreateCounsellorAsync(_server, "sato", "佐藤");
        await ConsoleTestClient.CreateCounsellorAsync(_server, "suzuki", "鈴木");
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task The_hub_refuses_anyone_not_signed_in()
    {
        await using var hub = new HubConnectionBuilder().WithUrl(new Uri(_server.BaseAddress, CounsellorHub.Path)).Build();

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => hub.StartAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
    }

    [Fact]
    public async Task A_crisis_entry_alerts_every_online_counsellor_at_once_and_the_holder_sees_each_message_live()
    {
        using var sato = await ConsoleTestClient.SignedInAsync(_server, "sato");
        using var suzuki = await ConsoleTestClient.SignedInAsync(_server, "suzuki");
        var satoEvents = new Events();
        var suzukiEvents = new Events();
        await using var satoHub = await ConnectAsync(sato, satoEvents);
        await using var suzukiHub = await ConnectAsync(suzuki, suzukiEvents);
        var (_, online) = await sato.GetAsync("/api/console/counsellors");
        Assert.Equal(2, online!.AsArray().Count);

        var resident = await DirectLineTestClient.StartAsync(_http);
        await resident.SayAsync("もう死にたい", "r0");
        await resident.SayAsync("人と話したい", "r1");
        await resident.SayAsync("つないでほしい", "r2");

        var satoAlert = await satoEvents.Crisis.Task.WaitAsync(TimeSpan.FromSeconds(15));
        var suzukiAlert = await suzukiEvents.Crisis.Task.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.Equal(resident.ConversationId, satoAlert.ConversationId);
        Assert.Equal("crisis", satoAlert.Risk);
        Assert.Equal(resident.ConversationId, suzukiAlert.ConversationId);
        var item = await sato.WaitInQueueAsync(resident.ConversationId);
        Assert.Equal("crisis", (string)item["risk"]!);

        var (claim, _) = await sato.PostAsync($"/api/console/conversations/{resident.ConversationId}/claim");
        Assert.Equal(HttpStatusCode.OK, claim);
        await resident.SayAsync("聞いてもらえますか", "r3");

        var relayed = await satoEvents.WaitForMessageAsync(m => m.Text == "聞いてもらえますか");
        Assert.Equal("person", relayed.From);
        Assert.DoesNotContain(suzukiEvents.Messages, m => m.Text == "聞いてもらえますか");
    }

    [Fact]
    public async Task The_console_page_is_served_with_a_strict_policy_and_its_script_libraries()
    {
        using var page = await _http.GetAsync(new Uri("/console", UriKind.Relative));
        using var signalr = await _http.GetAsync(new Uri("/console/lib/signalr.min.js", UriKind.Relative));
        using var script = await _http.GetAsync(new Uri("/console/console.js", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
        var policy = page.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("相談員コンソール", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, signalr.StatusCode);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
    }

    private async Task<HubConnection> ConnectAsync(ConsoleTestClient client, Events events)
    {
        var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(_server.BaseAddress, CounsellorHub.Path), options => options.Cookies = client.Cookies)
            .Build();
        hub.On<QueueItem>(nameof(ICounsellorClient.CrisisAlert), item => events.Crisis.TrySetResult(item));
        hub.On<RelayedMessage>(nameof(ICounsellorClient.Message), message => events.Messages.Enqueue(message));
        await hub.StartAsync();
        return hub;
    }

    private sealed class Events
    {
        public TaskCompletionSource<QueueItem> Crisis { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ConcurrentQueue<RelayedMessage> Messages { get; } = new();

        public async Task<RelayedMessage> WaitForMessageAsync(Func<RelayedMessage, bool> predicate)
        {
            for (var attempt = 0; attempt < 150; attempt++)
            {
                var found = Messages.FirstOrDefault(predicate);
                if (found is not null)
                {
                    return found;
                }

                await Task.Delay(100);
            }

            throw new TimeoutException("The message never arrived on the hub.");
        }
    }

    private sealed class OnePhraseTriage : ITriage
    {
        public TriageResult Classify(string text) =>
            text.Contains("死にたい", StringComparison.Ordinal)
                ? new TriageResult(RiskLevel.Crisis, Speaker.Self, [], ["test:crisis"])
                : TriageResult.Empty;
    }
}
