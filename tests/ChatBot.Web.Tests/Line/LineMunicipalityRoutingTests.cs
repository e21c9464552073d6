using System.Net;
using ChatBot.Core.Handoff;
using ChatBot.Core.Storage;
using ChatBot.Web.Tests.Console;
using ChatBot.Web.Tests.Hosting;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatBot.Web.Tests.Line;

/// <summary>
/// Two municipalities' LINE accounts on one service: each resident is shown their own municipality's windows
/// without being asked where they live, and their handoff reaches only the counsellors of that municipality's
/// team (a supervisor sees both).
/// </summary>
public sealed class LineMunicipalityRoutingTests : IAsyncLifetime
{
    private const string CitySecret = "city-secret-0123456789";
    private const string TownSecret = "town-secret-0123456789";

    private LineTestHarness _line = null!;

    public async Task InitializeAsync()
    {
        _line = await LineTestHarness.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Line:Channels:city:ChannelSecret"] = CitySecret,
            ["Line:Channels:city:ChannelAccessToken"] = "city-token",
            ["Line:Channels:city:Municipality"] = "sample-city",
            ["Line:Channels:town:ChannelSecret"] = TownSecret,
            ["Line:Channels:town:ChannelAccessToken"] = "town-token",
            ["Line:Channels:town:Municipality"] = "sample-town",
        });
        var directory = _line.Server.Services.GetRequiredService<ICounsellorDirectory>();
        await directory.SetTeamsAsync(await ConsoleTestClient.CreateCounsellorAsync(_line.Server, "city1", "市の相談員"), ["sample-city"], CancellationToken.None);
        await directory.SetTeamsAsync(await ConsoleTestClient.CreateCounsellorAsync(_line.Server, "town1", "町の相談員"), ["sample-town"], CancellationToken.None);
        await ConsoleTestClient.CreateCounsellorAsync(_line.Server, "chief", "統括", CounsellorRole.Supervisor);
    }

    public async Task DisposeAsync() => await _line.DisposeAsync();

    [Fact]
    public async Task A_town_resident_sees_the_towns_windows_and_reaches_only_the_towns_counsellors()
    {
        using var city = await ConsoleTestClient.SignedInAsync(_line.Server, "city1");
        using var town = await ConsoleTestClient.SignedInAsync(_line.Server, "town1");
        using var chief = await ConsoleTestClient.SignedInAsync(_line.Server, "chief");
        var resident = LineTestHarness.NewUserId();

        await _line.DeliverToAsync("town", TownSecret, _line.Text(resident, "支援について知りたい"));
        await _line.SettleAsync();
        await _line.DeliverToAsync("town", TownSecret, _line.Text(resident, "相談窓口"));
        await _line.SettleAsync();
        var shown = string.Join('\n', Texts());
        Assert.Contains("サンプル町 保健福祉課", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("サンプル市 ひきこもり相談窓口", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("お住まいの地域", shown, StringComparison.Ordinal);

        await _line.DeliverToAsync("town", TownSecret, _line.Text(resident, "人と話したい"));
        await _line.SettleAsync();
        await _line.DeliverToAsync("town", TownSecret, _line.Text(resident, "つないでほしい"));
        await _line.SettleAsync();
        var conversationId = await ConversationOfChannelAsync("town");
        var item = await town.WaitInQueueAsync(conversationId);

        var (_, cityQueue) = await city.GetAsync("/api/console/queue");
        var (_, chiefQueue) = await chief.GetAsync("/api/console/queue");
        var (cityView, _) = await city.GetAsync($"/api/console/conversations/{conversationId}");
        var (cityClaim, _) = await city.PostAsync($"/api/console/conversations/{conversationId}/claim");
        var (townClaim, _) = await town.PostAsync($"/api/console/conversations/{conversationId}/claim");

        Assert.Equal(1, (int)item["position"]!);
        Assert.DoesNotContain(cityQueue!.AsArray(), i => (string)i!["conversationId"]! == conversationId);
        Assert.Contains(chiefQueue!.AsArray(), i => (string)i!["conversationId"]! == conversationId);
        Assert.Equal(HttpStatusCode.Forbidden, cityView);
        Assert.Equal(HttpStatusCode.Forbidden, cityClaim);
        Assert.Equal(HttpStatusCode.OK, townClaim);
        Assert.Contains(Texts(), t => t.Contains("町の相談員さんが入りました", StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_only_another_municipalitys_counsellor_signed_in_the_resident_is_told_honestly_nobody_is_here()
    {
        using var city = await ConsoleTestClient.SignedInAsync(_line.Server, "city1");
        var resident = LineTestHarness.NewUserId();

        await _line.DeliverToAsync("town", TownSecret, _line.Text(resident, "人と話したい"));
        await _line.SettleAsync();

        Assert.Contains(Texts(), t => t.Contains("いま、このチャットで話せる相談員がいません", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_crisis_in_the_town_alerts_the_towns_counsellors_and_not_the_citys()
    {
        using var city = await ConsoleTestClient.SignedInAsync(_line.Server, "city1");
        using var town = await ConsoleTestClient.SignedInAsync(_line.Server, "town1");
        var cityAlerts = new System.Collections.Concurrent.ConcurrentQueue<QueueItem>();
        var townAlert = new TaskCompletionSource<QueueItem>(TaskCreationOptions.RunContinuationsAsynchronously);
        var cityQueueChanges = 0;
        await using var cityHub = await ConnectAsync(city, item => cityAlerts.Enqueue(item), () => Interlocked.Increment(ref cityQueueChanges));
        await using var townHub = await ConnectAsync(town, item => townAlert.TrySetResult(item), () => { });
        var resident = LineTestHarness.NewUserId();

        await _line.DeliverToAsync("town", TownSecret, _line.Text(resident, "薬ためてる。今夜全部飲む。"));
        await _line.SettleAsync();
        await _line.DeliverToAsync("town", TownSecret, _line.Text(resident, "人と話したい"));
        await _line.SettleAsync();
        await _line.DeliverToAsync("town", TownSecret, _line.Text(resident, "つないでほしい"));
        await _line.SettleAsync();
        var alert = await townAlert.Task.WaitAsync(TimeSpan.FromSeconds(15));

        // A later broadcast to everyone reaches the city's console after anything sent to it before (SignalR keeps
        // each connection's order), so once it has arrived, a wrongly sent alert would have too.
        var changesBefore = cityQueueChanges;
        await town.PostAsync($"/api/console/conversations/{alert.ConversationId}/claim");
        for (var i = 0; i < 150 && Volatile.Read(ref cityQueueChanges) == changesBefore; i++)
        {
            await Task.Delay(100);
        }

        Assert.Equal("crisis", alert.Risk);
        Assert.Equal("sample-town", alert.Team);
        Assert.True(Volatile.Read(ref cityQueueChanges) > changesBefore, "the city's console should hear the queue change");
        Assert.Empty(cityAlerts);
    }

    [Fact]
    public async Task A_towns_call_back_request_is_listed_to_and_taken_by_the_towns_counsellors_only()
    {
        using var city = await ConsoleTestClient.SignedInAsync(_line.Server, "city1");
        using var town = await ConsoleTestClient.SignedInAsync(_line.Server, "town1");
        var resident = LineTestHarness.NewUserId();
        foreach (var text in new[] { "折り返し連絡がほしい", "同意する", "080-2468-1357", "土日" })
        {
            await _line.DeliverToAsync("town", TownSecret, _line.Text(resident, text));
            await _line.SettleAsync();
        }

        var (_, townList) = await town.GetAsync("/api/console/callbacks");
        var (_, cityList) = await city.GetAsync("/api/console/callbacks");
        var id = (string)Assert.Single(townList!.AsArray())!["id"]!;
        var (cityClaim, _) = await city.PostAsync($"/api/console/callbacks/{id}/claim");
        var (townClaim, _) = await town.PostAsync($"/api/console/callbacks/{id}/claim");

        Assert.Empty(cityList!.AsArray());
        Assert.Equal(HttpStatusCode.Forbidden, cityClaim);
        Assert.Equal(HttpStatusCode.OK, townClaim);
    }

    [Fact]
    public void A_channel_naming_a_municipality_the_catalog_does_not_know_stops_the_service()
    {
        var options = new ChatBot.Web.Channels.Line.LineOptions();
        options.Channels["x"] = new ChatBot.Web.Channels.Line.LineChannelOptions { ChannelSecret = "s", Municipality = "atlantis" };
        var validator = _line.Server.Services.GetRequiredService<IValidateOptions<ChatBot.Web.Channels.Line.LineOptions>>();

        var result = validator.Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("'atlantis' is not an area id of dialogs/resources/", result.FailureMessage, StringComparison.Ordinal);
    }

    private async Task<HubConnection> ConnectAsync(ConsoleTestClient client, Action<QueueItem> onCrisis, Action onQueueChanged)
    {
        var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(_line.Server.BaseAddress, ChatBot.Web.Console.CounsellorHub.Path), options => options.Cookies = client.Cookies)
            .Build();
        hub.On<QueueItem>(nameof(ChatBot.Web.Console.ICounsellorClient.CrisisAlert), onCrisis);
        hub.On(nameof(ChatBot.Web.Console.ICounsellorClient.QueueChanged), onQueueChanged);
        await hub.StartAsync();
        return hub;
    }

    private List<string> Texts() =>
        [.. _line.Api.Calls.Where(c => c.Path.Contains("/message/", StringComparison.Ordinal))
            .SelectMany(c => c.Body["messages"]!.AsArray()).Select(m => (string?)m!["text"] ?? string.Empty)];

    private async Task<string> ConversationOfChannelAsync(string channel)
    {
        await using var connection = await _line.Server.Services.GetRequiredService<SqliteDatabase>().OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT conversation_id FROM line_routes WHERE channel = $c";
        command.Parameters.AddWithValue("$c", channel);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
