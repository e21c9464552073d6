using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using ChatBot.Core.Conversations;
using ChatBot.Core.Privacy;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace ChatBot.Web.Channels.DirectLine;

/// <summary>
/// Direct Line 3.0 as Web Chat 4.18 and DirectLineJS 0.15.5 speak it (see shared/PROTOCOLS.md §1, §5.1),
/// plus <c>POST /api/webchat/token</c> for anonymous tokens. Every failure answers with a 4xx and the
/// Direct Line error shape, and touches nothing.
/// </summary>
internal static partial class DirectLineEndpoints
{
    private static readonly string[] AcceptedClientTypes =
        [ActivityTypes.Message, ActivityTypes.Event, ActivityTypes.Typing, ActivityTypes.EndOfConversation, ActivityTypes.Invoke];

    public static void Map(WebApplication app)
    {
        app.MapPost("/api/webchat/token", IssueAnonymousToken)
            .RequireRateLimiting(DirectLineChannel.TokenRateLimitPolicy)
            .RequireCors(DirectLineChannel.CorsPolicy);

        var group = app.MapGroup("/v3/directline").RequireCors(DirectLineChannel.CorsPolicy);
        group.MapPost("/tokens/generate", GenerateToken);
        group.MapPost("/tokens/refresh", RefreshToken);
        group.MapPost("/conversations", StartConversation);
        group.MapGet("/conversations/{conversationId}", Reconnect);
        group.MapGet("/conversations/{conversationId}/activities", GetActivities);
        group.MapPost("/conversations/{conversationId}/activities", PostActivity);
        group.MapPost("/conversations/{conversationId}/upload", Upload);
        group.Map("/conversations/{conversationId}/stream", Stream);
    }

    private static IResult IssueAnonymousToken(DirectLineTokens tokens)
    {
        var (token, grant) = tokens.Issue(DirectLineTokens.NewConversationId(), DirectLineTokens.NewUserId());
        return Results.Json(new { token, expires_in = tokens.LifetimeSeconds, conversationId = grant.ConversationId });
    }

    private static async Task<IResult> GenerateToken(HttpContext http, DirectLineTokens tokens)
    {
        if (!tokens.IsSecret(Bearer(http)))
        {
            return Bearer(http) is null ? DirectLineErrors.MissingToken() : DirectLineErrors.InvalidToken();
        }

        var (parameters, error) = await ReadTokenParametersAsync(http);
        if (error is not null)
        {
            return error;
        }

        var (token, grant) = tokens.Issue(DirectLineTokens.NewConversationId(), parameters.UserId ?? DirectLineTokens.NewUserId());
        return Results.Json(new { conversationId = grant.ConversationId, token, expires_in = tokens.LifetimeSeconds });
    }

    private static async Task<IResult> RefreshToken(HttpContext http, DirectLineTokens tokens)
    {
        var (check, grant) = await tokens.ValidateAsync(Bearer(http));
        if (grant is null)
        {
            return Reject(check);
        }

        var (token, _) = tokens.Issue(grant.ConversationId, grant.UserId);
        return Results.Json(new { conversationId = grant.ConversationId, token, expires_in = tokens.LifetimeSeconds });
    }

    private static async Task<IResult> StartConversation(
        HttpContext http, DirectLineTokens tokens, IConversationLog log, DirectLineAdapter adapter, IBot bot, TimeProvider time, CancellationToken cancellationToken)
    {
        DirectLineGrant grant;
        string token;
        var bearer = Bearer(http);
        var (parameters, error) = await ReadTokenParametersAsync(http);
        if (error is not null)
        {
            return error;
        }

        if (tokens.IsSecret(bearer))
        {
            (token, grant) = tokens.Issue(DirectLineTokens.NewConversationId(), parameters.UserId ?? DirectLineTokens.NewUserId());
        }
        else
        {
            var (check, validated) = await tokens.ValidateAsync(bearer);
            if (validated is null)
            {
                return Reject(check);
            }

            grant = validated;
            token = bearer!;
        }

        var created = await log.CreateAsync(grant.ConversationId, DirectLineChannel.ChannelId, grant.UserId, cancellationToken);
        if (!created && !await log.IsOpenAsync(grant.ConversationId, cancellationToken))
        {
            return DirectLineErrors.UnknownConversation();
        }

        if (created)
        {
            var user = new ChannelAccount(grant.UserId, role: RoleTypes.User);
            var update = new Activity(ActivityTypes.ConversationUpdate)
            {
                Id = Guid.NewGuid().ToString("N"),
                Timestamp = time.GetUtcNow(),
                ChannelId = DirectLineChannel.ChannelId,
                ServiceUrl = ServiceUrl(http),
                Conversation = new ConversationAccount(id: grant.ConversationId),
                From = user,
                Recipient = adapter.BotAccount,
                MembersAdded = [adapter.BotAccount, user],
                Locale = parameters.Locale,
            };
            await adapter.ProcessActivityAsync(update, bot.OnTurnAsync, cancellationToken);
        }

        var body = new
        {
            conversationId = grant.ConversationId,
            token,
            expires_in = SecondsLeft(grant, time),
            streamUrl = StreamUrl(http, grant.ConversationId, token, watermark: null),
        };
        return Results.Json(body, statusCode: created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
    }

    private static async Task<IResult> Reconnect(HttpContext http, string conversationId, string? watermark, DirectLineTokens tokens, IConversationLog log, TimeProvider time, CancellationToken cancellationToken)
    {
        var (grant, from, rejection) = await AuthorizeReadAsync(http, conversationId, watermark, Bearer(http), tokens, log, cancellationToken);
        if (grant is null)
        {
            return rejection!;
        }

        var token = Bearer(http)!;
        return Results.Json(new
        {
            conversationId,
            token,
            expires_in = SecondsLeft(grant, time),
            streamUrl = StreamUrl(http, conversationId, token, from),
        });
    }

    private static async Task<IResult> GetActivities(HttpContext http, string conversationId, string? watermark, DirectLineTokens tokens, IConversationLog log, CancellationToken cancellationToken)
    {
        var (grant, from, rejection) = await AuthorizeReadAsync(http, conversationId, watermark, Bearer(http), tokens, log, cancellationToken);
        if (grant is null)
        {
            return rejection!;
        }

        var page = await log.ReadAfterAsync(conversationId, from, 500, cancellationToken);
        var last = page.Count > 0 ? page[^1].Sequence : from;
        return Results.Text(ActivitySetJson.Create(page.Select(p => p.Activity), last), "application/json", Encoding.UTF8);
    }

    private static async Task<IResult> PostActivity(
        HttpContext http, string conversationId, DirectLineTokens tokens, IConversationLog log, DirectLineAdapter adapter, IBot bot,
        IOptions<DirectLineOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        var (grant, rejection) = await AuthorizeAsync(http, conversationId, tokens, Bearer(http));
        if (grant is null)
        {
            return rejection!;
        }

        if (!await log.IsOpenAsync(conversationId, cancellationToken))
        {
            return DirectLineErrors.UnknownConversation();
        }

        var (activity, error) = await ReadActivityAsync(http, options.Value.MaxActivityBytes, cancellationToken);
        if (activity is null)
        {
            return error!;
        }

        activity.Id = null;
        activity.ChannelId = DirectLineChannel.ChannelId;
        activity.ServiceUrl = ServiceUrl(http);
        activity.Conversation = new ConversationAccount(id: conversationId);
        // The token is authoritative for who is speaking, whatever the body claims.
        activity.From = new ChannelAccount(grant.UserId, activity.From?.Name, RoleTypes.User);
        activity.Recipient = adapter.BotAccount;
        activity.ReplyToId = null;

        if (activity.Type == ActivityTypes.Typing)
        {
            return Results.Json(new { id = string.Empty });
        }

        if (activity.Type == ActivityTypes.EndOfConversation)
        {
            activity.Timestamp = time.GetUtcNow();
            activity.Id = Guid.NewGuid().ToString("N");
            await adapter.ProcessActivityAsync(activity, bot.OnTurnAsync, cancellationToken);
            await log.EndAsync(conversationId, cancellationToken);
            LogEnded(http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DirectLineEndpoints)), conversationId);
            return Results.Json(new { id = activity.Id });
        }

        // Personal details leave the text before it is logged, echoed or seen by the bot.
        await http.RequestServices.GetRequiredService<IRedactor>().RedactInboundAsync(activity, cancellationToken);
        var logged = await adapter.AcceptUserActivityAsync(activity, bot.OnTurnAsync, cancellationToken);
        return Results.Json(new { id = logged.Activity.Id });
    }

    private static async Task<IResult> Upload(HttpContext http, string conversationId, DirectLineTokens tokens)
    {
        var (grant, rejection) = await AuthorizeAsync(http, conversationId, tokens, Bearer(http));
        if (grant is null)
        {
            return rejection!;
        }

        // Pictures and files identify people far too easily; this service accepts text only.
        return DirectLineErrors.Create(StatusCodes.Status415UnsupportedMediaType, "BadArgument", "Files cannot be sent in this chat. Please write in words.");
    }

    private static async Task Stream(
        HttpContext http, string conversationId, string? t, string? watermark, DirectLineTokens tokens, IConversationLog log,
        DirectLineStreams streams, IOptions<DirectLineOptions> options, CancellationToken cancellationToken)
    {
        var (grant, sent, rejection) = await AuthorizeReadAsync(http, conversationId, watermark, t, tokens, log, cancellationToken);
        if (grant is null)
        {
            await rejection!.ExecuteAsync(http);
            return;
        }

        if (!http.WebSockets.IsWebSocketRequest)
        {
            await DirectLineErrors.BadArgument("This address expects a WebSocket connection.").ExecuteAsync(http);
            return;
        }

        using var socket = await http.WebSockets.AcceptWebSocketAsync();
        using var closed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // Subscribe before replaying, so nothing published during the replay is missed.
        var (reader, subscription) = streams.Subscribe(conversationId);
        using (subscription)
        {
            var receiving = DrainClientFramesAsync(socket, closed);
            try
            {
                while (true)
                {
                    var page = await log.ReadAfterAsync(conversationId, sent, 100, closed.Token);
                    foreach (var logged in page)
                    {
                        await SendFrameAsync(socket, ActivitySetJson.Frame(logged).Json, closed.Token);
                        sent = logged.Sequence;
                    }

                    if (page.Count < 100)
                    {
                        break;
                    }
                }

                var keepAlive = options.Value.KeepAliveInterval;
                while (!closed.IsCancellationRequested && socket.State == WebSocketState.Open)
                {
                    using var wait = CancellationTokenSource.CreateLinkedTokenSource(closed.Token);
                    wait.CancelAfter(keepAlive);
                    StreamFrame frame;
                    try
                    {
                        if (!await reader.WaitToReadAsync(wait.Token))
                        {
                            break; // Cut off for falling behind: the client reconnects and replays.
                        }

                        if (!reader.TryRead(out frame!))
                        {
                            continue;
                        }
                    }
                    catch (OperationCanceledException) when (!closed.IsCancellationRequested)
                    {
                        await SendFrameAsync(socket, string.Empty, closed.Token);
                        continue;
                    }

                    if (frame.Sequence is { } seq)
                    {
                        if (seq <= sent)
                        {
                            continue;
                        }

                        if (seq > sent + 1)
                        {
                            // Something between was published before we subscribed: fill the gap from the log.
                            foreach (var missed in await log.ReadAfterAsync(conversationId, sent, (int)Math.Min(seq - sent - 1, 500), closed.Token))
                            {
                                await SendFrameAsync(socket, ActivitySetJson.Frame(missed).Json, closed.Token);
                                sent = missed.Sequence;
                            }
                        }

                        sent = seq;
                    }

                    await SendFrameAsync(socket, frame.Json, closed.Token);
                }
            }
            catch (OperationCanceledException)
            {
                // The client went away or the server is stopping.
            }
            catch (WebSocketException)
            {
                // The connection dropped; the client reconnects with its watermark.
            }
            catch (System.Threading.Channels.ChannelClosedException)
            {
                // Cut off for falling behind; close below so the client reconnects.
            }

            await closed.CancelAsync();
            await receiving;
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                try
                {
                    using var closeTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                    await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "closing", closeTimeout.Token);
                }
                catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
                {
                    // Already gone.
                }
            }
        }
    }

    /// <summary>Reads and ignores what the client sends (DirectLineJS sends empty keep-alives) until it closes.</summary>
    private static async Task DrainClientFramesAsync(WebSocket socket, CancellationTokenSource closed)
    {
        var buffer = new byte[1024];
        try
        {
            while (!closed.IsCancellationRequested)
            {
                var result = await socket.ReceiveAsync(buffer, closed.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            // Closed either way.
        }

        await closed.CancelAsync();
    }

    private static Task SendFrameAsync(WebSocket socket, string json, CancellationToken cancellationToken) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);

    /// <summary>The checks every read shares: a valid token for this conversation, the conversation still open, a well-formed watermark.</summary>
    private static async Task<(DirectLineGrant? Grant, long Watermark, IResult? Rejection)> AuthorizeReadAsync(
        HttpContext http, string conversationId, string? watermark, string? token, DirectLineTokens tokens, IConversationLog log, CancellationToken cancellationToken)
    {
        var (grant, rejection) = await AuthorizeAsync(http, conversationId, tokens, token);
        if (grant is null)
        {
            return (null, 0, rejection);
        }

        if (!await log.IsOpenAsync(conversationId, cancellationToken))
        {
            return (null, 0, DirectLineErrors.UnknownConversation());
        }

        return TryParseWatermark(watermark, out var from)
            ? (grant, from, null)
            : (null, 0, DirectLineErrors.BadArgument("The watermark is not valid."));
    }

    private static async Task<(DirectLineGrant? Grant, IResult? Rejection)> AuthorizeAsync(HttpContext http, string conversationId, DirectLineTokens tokens, string? token)
    {
        var (check, grant) = await tokens.ValidateAsync(token);
        if (grant is null)
        {
            return (null, Reject(check));
        }

        return string.Equals(grant.ConversationId, conversationId, StringComparison.Ordinal)
            ? (grant, null)
            : (null, DirectLineErrors.WrongConversation());
    }

    private static int SecondsLeft(DirectLineGrant grant, TimeProvider time) =>
        (int)Math.Max(0, (grant.ExpiresAt - time.GetUtcNow()).TotalSeconds);

    private static IResult Reject(TokenCheck check) => check switch
    {
        TokenCheck.Missing => DirectLineErrors.MissingToken(),
        TokenCheck.Expired => DirectLineErrors.ExpiredToken(),
        _ => DirectLineErrors.InvalidToken(),
    };

    private static string? Bearer(HttpContext http)
    {
        var header = http.Request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
    }

    private static bool TryParseWatermark(string? watermark, out long value)
    {
        value = 0;
        return string.IsNullOrEmpty(watermark)
            || (long.TryParse(watermark, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= 0);
    }

    private static string ServiceUrl(HttpContext http) => $"{http.Request.Scheme}://{http.Request.Host}/v3/directline";

    private static string StreamUrl(HttpContext http, string conversationId, string token, long? watermark)
    {
        var scheme = http.Request.IsHttps ? "wss" : "ws";
        var url = $"{scheme}://{http.Request.Host}/v3/directline/conversations/{Uri.EscapeDataString(conversationId)}/stream?t={Uri.EscapeDataString(token)}";
        return watermark is > 0 ? url + "&watermark=" + watermark.Value.ToString(CultureInfo.InvariantCulture) : url;
    }

    private sealed record TokenParameters(string? UserId, string? Locale);

    private static async Task<(TokenParameters Parameters, IResult? Error)> ReadTokenParametersAsync(HttpContext http)
    {
        var empty = new TokenParameters(null, null);
        if (http.Request.ContentLength is 0 or null && !http.Request.Headers.TransferEncoding.Any())
        {
            return (empty, null);
        }

        var (json, error) = await ReadBodyAsync(http, 16 * 1024, http.RequestAborted);
        if (json is null)
        {
            return (empty, error);
        }

        if (string.IsNullOrWhiteSpace(json))
        {
            return (empty, null);
        }

        try
        {
            var body = JObject.Parse(json);
            var userId = body["user"]?["id"]?.Value<string>();
            var locale = body["locale"]?.Value<string>();
            if (userId is not null && (userId.Length > 64 || userId.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or ':'))))
            {
                return (empty, DirectLineErrors.BadArgument("user.id must be at most 64 letters, digits, '_', '-', '.' or ':'."));
            }

            if (locale is not null && (locale.Length > 35 || locale.Any(c => !(char.IsAsciiLetterOrDigit(c) || c == '-'))))
            {
                locale = null;
            }

            return (new TokenParameters(userId, locale), null);
        }
        catch (JsonException)
        {
            return (empty, DirectLineErrors.Create(StatusCodes.Status400BadRequest, "BadSyntax", "The request body is not valid JSON."));
        }
    }

    private static async Task<(Activity? Activity, IResult? Error)> ReadActivityAsync(HttpContext http, int maxBytes, CancellationToken cancellationToken)
    {
        var (json, error) = await ReadBodyAsync(http, maxBytes, cancellationToken);
        if (json is null)
        {
            return (null, error);
        }

        JObject body;
        try
        {
            using var reader = new JsonTextReader(new StringReader(json)) { MaxDepth = 64, DateParseHandling = DateParseHandling.None };
            body = JObject.Load(reader);
            while (await reader.ReadAsync(cancellationToken))
            {
                if (reader.TokenType != JsonToken.Comment)
                {
                    return (null, DirectLineErrors.Create(StatusCodes.Status400BadRequest, "BadSyntax", "The request body holds more than one JSON value."));
                }
            }
        }
        catch (JsonException)
        {
            return (null, DirectLineErrors.Create(StatusCodes.Status400BadRequest, "BadSyntax", "The request body is not a JSON activity."));
        }

        Activity? activity;
        try
        {
            activity = body.ToObject<Activity>(ActivityJson.Serializer);
        }
        catch (JsonException)
        {
            return (null, DirectLineErrors.Create(StatusCodes.Status400BadRequest, "BadSyntax", "The activity has a field of the wrong type."));
        }

        if (activity is null || string.IsNullOrWhiteSpace(activity.Type))
        {
            return (null, DirectLineErrors.Create(StatusCodes.Status400BadRequest, "MissingProperty", "The activity has no type."));
        }

        if (!AcceptedClientTypes.Contains(activity.Type, StringComparer.Ordinal))
        {
            return (null, DirectLineErrors.BadArgument($"Activities of type '{activity.Type}' cannot be sent by a client."));
        }

        if (activity.Type == ActivityTypes.Event && string.IsNullOrWhiteSpace(activity.Name))
        {
            return (null, DirectLineErrors.Create(StatusCodes.Status400BadRequest, "MissingProperty", "An event needs a name."));
        }

        return (activity, null);
    }

    /// <summary>Reads the body as UTF-8 up to a limit: a larger body is refused with 413 before it is parsed.</summary>
    private static async Task<(string? Json, IResult? Error)> ReadBodyAsync(HttpContext http, int maxBytes, CancellationToken cancellationToken)
    {
        var tooBig = DirectLineErrors.Create(StatusCodes.Status413PayloadTooLarge, "MessageSizeTooBig", $"The activity is larger than {maxBytes / 1024} KB.");
        if (http.Request.ContentLength > maxBytes)
        {
            return (null, tooBig);
        }

        var contentType = http.Request.ContentType;
        if (contentType is not null && !contentType.Contains("json", StringComparison.OrdinalIgnoreCase) && !contentType.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase))
        {
            return (null, DirectLineErrors.Create(StatusCodes.Status415UnsupportedMediaType, "BadArgument", "The body must be JSON."));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return (null, tooBig);
            }

            buffer.Write(chunk, 0, read);
        }

        try
        {
            return (new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer.GetBuffer(), 0, (int)buffer.Length), null);
        }
        catch (DecoderFallbackException)
        {
            return (null, DirectLineErrors.Create(StatusCodes.Status400BadRequest, "BadSyntax", "The body is not valid UTF-8."));
        }
    }

    [LoggerMessage(EventId = 2101, Level = LogLevel.Information, Message = "Conversation {ConversationId} ended by the client")]
    private static partial void LogEnded(ILogger logger, string conversationId);
}
