using System.Text;
using System.Text.Json;
using ChatBot.Core.Storage;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;

namespace ChatBot.Web.Channels.Line;

/// <summary>Registration and the webhook of the LINE channel(s).</summary>
internal static partial class LineChannel
{
    /// <summary>LINE bodies are small; anything near this is not a real webhook.</summary>
    private const int MaxBodyBytes = 512 * 1024;

    public static WebApplicationBuilder AddLineChannel(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<LineOptions>().Bind(builder.Configuration.GetSection(LineOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<LineOptions>, LineMunicipalityValidator>();
        services.AddSingleton<SqlSchema>(LineStore.Schema);
        services.AddSingleton<LineStore>();
        services.AddSingleton<ChatBot.Core.Retention.IConversationDataStore>(sp => sp.GetRequiredService<LineStore>());
        services.AddSingleton<ChatBot.Core.Conversations.IDeliveryReport>(sp => sp.GetRequiredService<LineStore>());
        services.AddSingleton<LineTexts>();
        services.AddSingleton<LineAdapter>();
        services.AddSingleton<LineInboxProcessor>();
        services.AddHostedService(sp => sp.GetRequiredService<LineInboxProcessor>());
        services.AddSingleton<ChatBot.Core.Conversations.IChannelMessenger, LineMessenger>();
        services.AddSingleton<ChatBot.Core.Handoff.IHandoffEventDispatcher, LineHandoffEvents>();
        services.AddHttpClient<LineClient>((sp, http) =>
            {
                var baseUrl = sp.GetRequiredService<IOptions<LineOptions>>().Value.ApiBaseUrl.ToString();
                http.BaseAddress = new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/");
            })
            .AddStandardResilienceHandler(resilience =>
            {
                // 429 and 5xx are retried with backoff; a push carries the same X-Line-Retry-Key on every try.
                resilience.Retry.MaxRetryAttempts = 3;
                resilience.Retry.Delay = TimeSpan.FromMilliseconds(200);
                resilience.Retry.ShouldRetryAfterHeader = true;
                resilience.AttemptTimeout.Timeout = TimeSpan.FromSeconds(10);
                resilience.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(45);
                resilience.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(30);
            });
        services.AddDataProtection();
        return builder;
    }

    public static WebApplication MapLineChannel(this WebApplication app)
    {
        app.MapPost("/api/line/webhook", (HttpContext http, LineStore store, LineAdapter adapter, LineInboxProcessor processor, IOptions<LineOptions> options) =>
            HandleAsync(http, LineOptions.DefaultChannelName, store, adapter, processor, options.Value));
        app.MapPost("/api/line/webhook/{channel}", (HttpContext http, string channel, LineStore store, LineAdapter adapter, LineInboxProcessor processor, IOptions<LineOptions> options) =>
            HandleAsync(http, channel, store, adapter, processor, options.Value));
        return app;
    }

    /// <summary>
    /// Verifies the signature over the raw bytes before parsing anything, stores each new event (a
    /// redelivered webhookEventId is dropped), answers 200 at once and leaves the work to the inbox processor.
    /// </summary>
    private static async Task<IResult> HandleAsync(HttpContext http, string channelName, LineStore store, LineAdapter adapter, LineInboxProcessor processor, LineOptions options)
    {
        if (!options.Configured().TryGetValue(channelName, out var channel))
        {
            return Results.NotFound();
        }

        var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(LineChannel));
        if (http.Request.ContentLength > MaxBodyBytes)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
            }

            buffer.Write(chunk, 0, read);
        }

        var body = buffer.ToArray();
        if (!LineSignature.IsValid(body, channel.ChannelSecret!, http.Request.Headers["x-line-signature"]))
        {
            LogBadSignature(logger, channelName);
            return Results.Json(new { message = "Invalid signature." }, statusCode: StatusCodes.Status401Unauthorized);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException)
        {
            return Results.Json(new { message = "The body is not JSON." }, statusCode: StatusCodes.Status400BadRequest);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("events", out var events) || events.ValueKind != JsonValueKind.Array)
            {
                return Results.Json(new { message = "The body has no events array." }, statusCode: StatusCodes.Status400BadRequest);
            }

            var accepted = 0;
            foreach (var ev in events.EnumerateArray())
            {
                if (ev.ValueKind != JsonValueKind.Object
                    || !ev.TryGetProperty("source", out var source) || source.ValueKind != JsonValueKind.Object
                    || !source.TryGetProperty("type", out var sourceType) || sourceType.GetString() != "user"
                    || !source.TryGetProperty("userId", out var userIdElement) || userIdElement.GetString() is not { Length: > 0 } userId
                    || (ev.TryGetProperty("mode", out var mode) && mode.GetString() == "standby"))
                {
                    // One-to-one chats only; groups, rooms, standby mode and malformed events are not ours to answer.
                    continue;
                }

                var eventId = ev.TryGetProperty("webhookEventId", out var idElement) ? idElement.GetString() : null;
                var userKey = adapter.UserKey(channelName, userId);
                if (await store.AcceptAsync(eventId, channelName, userKey, ev.GetRawText(), http.RequestAborted))
                {
                    accepted++;
                }
            }

            if (accepted > 0)
            {
                processor.Wake();
            }

            LogReceived(logger, channelName, events.GetArrayLength(), accepted);
        }

        return Results.Text("OK", "text/plain", Encoding.UTF8);
    }

    [LoggerMessage(EventId = 2220, Level = LogLevel.Warning, Message = "LINE webhook for {Channel} refused: bad or missing signature")]
    private static partial void LogBadSignature(ILogger logger, string channel);

    [LoggerMessage(EventId = 2221, Level = LogLevel.Debug, Message = "LINE webhook for {Channel}: {Events} events, {Accepted} new")]
    private static partial void LogReceived(ILogger logger, string channel, int events, int accepted);
}

/// <summary>
/// A channel's <c>Municipality</c> routes its conversations to that area's windows and counsellor team, so it must
/// be an area id of the catalog (<c>dialogs/resources/</c>): a typo would silently send a municipality's residents
/// to everyone's queue and the national windows only.
/// </summary>
internal sealed class LineMunicipalityValidator(ChatBot.Core.Dialogs.IDialogContentProvider content) : IValidateOptions<LineOptions>
{
    public ValidateOptionsResult Validate(string? name, LineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var areas = content.Current.Resources.Areas.Select(a => a.Id).ToList();
        var failures = options.Configured()
            .Where(c => c.Value.Municipality is not null && !areas.Contains(c.Value.Municipality, StringComparer.Ordinal))
            .Select(c => $"Line channel '{c.Key}': Municipality '{c.Value.Municipality}' is not an area id of dialogs/resources/ (known: {string.Join(", ", areas)}).")
            .ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
