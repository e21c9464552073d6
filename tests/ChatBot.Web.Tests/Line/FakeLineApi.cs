using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatBot.Web.Tests.Line;

/// <summary>One call the bot made to the LINE API.</summary>
internal sealed record LineCall(string Path, string? RetryKey, string? Authorization, JsonNode Body);

/// <summary>
/// A stand-in for api.line.me on loopback: records every call, answers 200 by default, and can be told
/// to fail the next calls to a path (429, 500, an invalid reply token) the way LINE does.
/// </summary>
internal sealed class FakeLineApi : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<(int Status, string Body)>> _failures = new();
    private readonly ConcurrentDictionary<string, bool> _acceptedRetryKeys = new();

    private FakeLineApi(WebApplication app)
    {
        _app = app;
    }

    public ConcurrentQueue<LineCall> Calls { get; } = new();

    public string BaseUrl { get; private set; } = string.Empty;

    public static async Task<FakeLineApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeLineApi(app);
        app.MapPost("/v2/bot/message/reply", (Delegate)((HttpContext http) => fake.HandleAsync(http)));
        app.MapPost("/v2/bot/message/push", (Delegate)((HttpContext http) => fake.HandleAsync(http)));
        app.MapPost("/v2/bot/chat/loading/start", (Delegate)((HttpContext http) => fake.HandleAsync(http, accepted: StatusCodes.Status202Accepted)));
        await app.StartAsync();
        fake.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return fake;
    }

    public void FailNext(string path, int status, string message = "error", int times = 1)
    {
        var queue = _failures.GetOrAdd(path, _ => new ConcurrentQueue<(int, string)>());
        for (var i = 0; i < times; i++)
        {
            queue.Enqueue((status, new JsonObject { ["message"] = message }.ToJsonString()));
        }
    }

    public IReadOnlyList<LineCall> To(string path) => [.. Calls.Where(c => c.Path == path)];

    public async Task<IReadOnlyList<LineCall>> WaitForAsync(string path, int count = 1)
    {
        for (var i = 0; i < 150; i++)
        {
            var calls = To(path);
            if (calls.Count >= count)
            {
                return calls;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Expected {count} calls to {path}, saw {To(path).Count}: {string.Join(", ", Calls.Select(c => c.Path))}");
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task<IResult> HandleAsync(HttpContext http, int accepted = StatusCodes.Status200OK)
    {
        using var reader = new StreamReader(http.Request.Body);
        var body = JsonNode.Parse(await reader.ReadToEndAsync())!;
        var path = http.Request.Path.Value!;
        var retryKey = http.Request.Headers["X-Line-Retry-Key"].FirstOrDefault();
        Calls.Enqueue(new LineCall(path, retryKey, http.Request.Headers.Authorization.FirstOrDefault(), body));
        if (_failures.TryGetValue(path, out var queue) && queue.TryDequeue(out var failure))
        {
            return Results.Text(failure.Body, "application/json", statusCode: failure.Status);
        }

        if (retryKey is not null && !_acceptedRetryKeys.TryAdd(retryKey, true))
        {
            http.Response.Headers["X-Line-Accepted-Request-Id"] = "accepted-before";
            return Results.Json(new { message = "The retry key is already accepted" }, statusCode: StatusCodes.Status409Conflict);
        }

        return Results.Json(new { sentMessages = new[] { new { id = "1", quoteToken = "q" } } }, statusCode: accepted);
    }
}
