using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using ChatBot.Core.Handoff;
using ChatBot.Web.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Web.Tests.Console;

/// <summary>A counsellor calling <c>/api/console</c> as the console page does: cookies, and the XSRF-TOKEN cookie echoed in X-XSRF-TOKEN.</summary>
internal sealed class ConsoleTestClient : IDisposable
{
    public const string Password = "correct horse battery staple";

    private readonly HttpClient _http;

    private ConsoleTestClient(Uri baseAddress)
    {
        BaseAddress = baseAddress;
        _http = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, UseCookies = true, AllowAutoRedirect = false })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    public Uri BaseAddress { get; }

    public CookieContainer Cookies { get; } = new();

    /// <summary>Sent as X-XSRF-TOKEN; by default the value of the XSRF-TOKEN cookie.</summary>
    public string? XsrfOverride { get; set; }

    public static ConsoleTestClient For(ChatBotServer server) => new(server.BaseAddress);

    public static async Task<Counsellor> CreateCounsellorAsync(ChatBotServer server, string username, string displayName, CounsellorRole role = CounsellorRole.Counsellor) =>
        await server.Services.GetRequiredService<ICounsellorDirectory>().CreateAsync(username, displayName, role, Password, CancellationToken.None);

    public static async Task<ConsoleTestClient> SignedInAsync(ChatBotServer server, string username)
    {
        var client = For(server);
        var (status, _) = await client.LoginAsync(username, Password);
        Assert.Equal(HttpStatusCode.OK, status);
        return client;
    }

    public string? XsrfToken => Cookies.GetCookies(BaseAddress)["XSRF-TOKEN"]?.Value;

    public Task<(HttpStatusCode Status, JsonNode? Body)> LoginAsync(string username, string password) =>
        SendAsync(HttpMethod.Post, "/api/console/login", new JsonObject { ["username"] = username, ["password"] = password });

    public Task<(HttpStatusCode Status, JsonNode? Body)> GetAsync(string path) => SendAsync(HttpMethod.Get, path, null);

    public Task<(HttpStatusCode Status, JsonNode? Body)> PostAsync(string path, JsonNode? body = null) => SendAsync(HttpMethod.Post, path, body);

    public async Task<(HttpStatusCode Status, JsonNode? Body)> SendAsync(HttpMethod method, string path, JsonNode? body, string? rawBody = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        var token = XsrfOverride ?? XsrfToken;
        if (token is not null)
        {
            request.Headers.Add("X-XSRF-TOKEN", token);
        }

        if (rawBody is not null)
        {
            request.Content = new StringContent(rawBody, Encoding.UTF8, "application/json");
        }
        else if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, string.IsNullOrWhiteSpace(text) ? null : JsonNode.Parse(text));
    }

    /// <summary>Polls the queue until the conversation is in it.</summary>
    public async Task<JsonNode> WaitInQueueAsync(string conversationId)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var (status, body) = await GetAsync("/api/console/queue");
            Assert.Equal(HttpStatusCode.OK, status);
            var item = body!.AsArray().FirstOrDefault(i => (string?)i!["conversationId"] == conversationId);
            if (item is not null)
            {
                return item;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{conversationId} never reached the queue.");
    }

    public void Dispose() => _http.Dispose();
}
