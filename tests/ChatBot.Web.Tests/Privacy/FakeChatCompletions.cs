using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatBot.Web.Tests.Privacy;

/// <summary>One request the service sent to the AI endpoint: the body as sent, and every string in it decoded.</summary>
internal sealed record ChatCompletionRequest(string? Authorization, string RawBody, string Text);

/// <summary>
/// An OpenAI-compatible chat-completions endpoint on loopback (<c>POST /v1/chat/completions</c>) that
/// records every request and answers with a valid completion: what <see cref="Answer"/> returns for it.
/// </summary>
internal sealed class FakeChatCompletions : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeChatCompletions(WebApplication app, Func<ChatCompletionRequest, string> answer)
    {
        _app = app;
        Answer = answer;
    }

    public ConcurrentQueue<ChatCompletionRequest> Requests { get; } = new();

    /// <summary>The base URL to configure as <c>Ai:Endpoint</c>.</summary>
    public string Endpoint { get; private set; } = string.Empty;

    public Func<ChatCompletionRequest, string> Answer { get; }

    public static async Task<FakeChatCompletions> StartAsync(Func<ChatCompletionRequest, string> answer)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeChatCompletions(app, answer);
        app.MapPost("/v1/chat/completions", (Delegate)((HttpContext http) => fake.HandleAsync(http)));
        await app.StartAsync();
        fake.Endpoint = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/v1";
        return fake;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task<IResult> HandleAsync(HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
        var raw = await reader.ReadToEndAsync();
        using var json = JsonDocument.Parse(raw);
        var text = new StringBuilder();
        Strings(json.RootElement, text);
        var request = new ChatCompletionRequest(http.Request.Headers.Authorization.FirstOrDefault(), raw, text.ToString());
        Requests.Enqueue(request);
        var model = json.RootElement.TryGetProperty("model", out var m) ? m.GetString() : "unknown";
        return Results.Json(new
        {
            id = "chatcmpl-" + Requests.Count,
            @object = "chat.completion",
            created = 1_764_288_000,
            model,
            choices = new[] { new { index = 0, message = new { role = "assistant", content = Answer(request) }, finish_reason = "stop" } },
            usage = new { prompt_tokens = 10, completion_tokens = 5, total_tokens = 15 },
        });
    }

    /// <summary>Every string value and property name, decoded (the client may escape non-ASCII as \uXXXX).</summary>
    private static void Strings(JsonElement element, StringBuilder text)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                text.Append(element.GetString()).Append('\n');
                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    text.Append(property.Name).Append('\n');
                    Strings(property.Value, text);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Strings(item, text);
                }

                break;
            default:
                break;
        }
    }
}
