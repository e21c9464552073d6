using System.Text.Json;
using System.Text.Json.Nodes;
using ChatBot.Core.Bot;
using ChatBot.Core.Conversations;
using ChatBot.Core.Privacy;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;

namespace ChatBot.Web.Channels.Line;

/// <summary>
/// The LINE edge: turns one webhook event into Bot Framework activities for the same <see cref="IBot"/>
/// as every other channel, and what the bot says back into LINE replies (reply token while fresh,
/// push with a retry key after that). The bot never sees a LINE user id, only its keyed hash.
/// </summary>
internal sealed partial class LineAdapter : BotAdapter
{
    public const string ChannelId = "line";
    private const string OutboxKey = "line.outbox";

    private readonly IConversationLog _log;
    private readonly LineStore _store;
    private readonly LineClient _client;
    private readonly LineTexts _texts;
    private readonly IPseudonymizer _pseudonymizer;
    private readonly IRedactor _redactor;
    private readonly LineOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<LineAdapter> _logger;

    public LineAdapter(
        IConversationLog log,
        LineStore store,
        LineClient client,
        LineTexts texts,
        IPseudonymizer pseudonymizer,
        IRedactor redactor,
        IOptions<LineOptions> options,
        TurnErrorPolicy errorPolicy,
        IEnumerable<Microsoft.Bot.Builder.IMiddleware> middleware,
        TimeProvider time,
        ILogger<LineAdapter> logger)
    {
        _log = log;
        _store = store;
        _client = client;
        _texts = texts;
        _pseudonymizer = pseudonymizer;
        _redactor = redactor;
        _options = options.Value;
        _time = time;
        _logger = logger;
        OnTurnError = errorPolicy.HandleAsync;
        foreach (var m in middleware)
        {
            Use(m);
        }
    }

    public static ChannelAccount Bot => new("line-bot", "ChatBot", RoleTypes.Bot);

    public string UserKey(string channel, string lineUserId) => _pseudonymizer.Pseudonymize(ChannelId + ":" + channel, lineUserId);

    /// <summary>Handles one stored webhook event for the bot. Events of one user arrive here in order.</summary>
    public async Task ProcessEventAsync(LineInboxItem item, IBot bot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(bot);
        if (!_options.Configured().TryGetValue(item.Channel, out var channel) || string.IsNullOrEmpty(channel.ChannelAccessToken))
        {
            LogUnknownChannel(_logger, item.Channel);
            return;
        }

        using var document = JsonDocument.Parse(item.EventJson);
        var ev = document.RootElement;
        var type = ev.TryGetProperty("type", out var t) ? t.GetString() : null;
        var lineUserId = ev.GetProperty("source").GetProperty("userId").GetString()!;
        var replyToken = ev.TryGetProperty("replyToken", out var rt) ? rt.GetString() : null;
        var eventTime = ev.TryGetProperty("timestamp", out var ts) && ts.TryGetInt64(out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : item.ReceivedAt;

        if (type == "unfollow")
        {
            // Blocked: stop pushing at once; what was said expires under the retention rules.
            await _store.ForgetUserIdAsync(item.Channel, item.UserKey, cancellationToken);
            var gone = await _store.FindRouteAsync(item.Channel, item.UserKey, cancellationToken);
            if (gone is not null)
            {
                await _log.EndAsync(gone.ConversationId, cancellationToken);
            }

            return;
        }

        var conversationId = await EnsureConversationAsync(item.Channel, item.UserKey, lineUserId, cancellationToken);
        if (replyToken is not null)
        {
            await _store.SetReplyTokenAsync(conversationId, replyToken, eventTime, cancellationToken);
        }

        var activity = ToActivity(ev, type, conversationId, item.UserKey, channel.Municipality);
        if (activity is null)
        {
            LogIgnored(_logger, type ?? "(none)");
            return;
        }

        if (activity.Type == ActivityTypes.Message && activity.Text is null)
        {
            // A sticker, photo, voice message, file or place: not opened, not kept; asked for words instead.
            await DeliverAsync(conversationId, [MessageFactory.Text(LineTexts.For(_texts.NonTextReply, activity.Locale))], cancellationToken);
            return;
        }

        if (activity.Type == ActivityTypes.Message)
        {
            await ShowLoadingAsync(channel, lineUserId, cancellationToken);
            await _redactor.RedactInboundAsync(activity, cancellationToken);
            var logged = await _log.AppendAsync(conversationId, activity, cancellationToken);
            activity = logged.Activity;
        }

        // The route is read before the turn: a turn that ends in "delete my data" erases it, and its
        // last replies ("this is what was deleted") must still reach the person.
        var route = await _store.FindRouteByConversationAsync(conversationId, cancellationToken);
        using var context = new TurnContext(this, activity);
        var outbox = new List<Activity>();
        context.TurnState.Add(OutboxKey, outbox);
        await RunPipelineAsync(context, bot.OnTurnAsync, cancellationToken);
        await DeliverAsync(conversationId, outbox, cancellationToken, route);
    }

    /// <summary>
    /// Runs an activity that did not come from LINE — a <c>handoff.status</c> from the counsellor desk —
    /// through the bot for a LINE conversation, and delivers whatever the bot answers. Not logged.
    /// </summary>
    public async Task ProcessOnBehalfAsync(string conversationId, Activity activity, IBot bot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(bot);
        var route = await _store.FindRouteByConversationAsync(conversationId, cancellationToken)
            ?? throw new KeyNotFoundException($"No LINE route for conversation {conversationId}.");
        var municipality = _options.Configured().TryGetValue(route.Channel, out var channel) ? channel.Municipality : null;
        activity.ChannelId = ChannelId;
        activity.ServiceUrl = "line:";
        activity.Recipient = Bot;
        activity.Conversation = new ConversationAccount(id: conversationId, tenantId: municipality);
        activity.Timestamp ??= _time.GetUtcNow();
        activity.Id ??= Guid.NewGuid().ToString("N");
        using var context = new TurnContext(this, activity);
        var outbox = new List<Activity>();
        context.TurnState.Add(OutboxKey, outbox);
        await RunPipelineAsync(context, bot.OnTurnAsync, cancellationToken);
        await DeliverAsync(conversationId, outbox, cancellationToken, route);
    }

    public override Task<ResourceResponse[]> SendActivitiesAsync(ITurnContext turnContext, Activity[] activities, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(activities);
        var outbox = turnContext.TurnState.Get<List<Activity>>(OutboxKey);
        var responses = new ResourceResponse[activities.Length];
        for (var i = 0; i < activities.Length; i++)
        {
            var activity = activities[i];
            responses[i] = new ResourceResponse(Guid.NewGuid().ToString("N"));
            if (activity.Type is ActivityTypes.Message)
            {
                if (outbox is null)
                {
                    throw new InvalidOperationException("LINE activities outside a turn go through the LINE messenger.");
                }

                outbox.Add(activity);
            }
        }

        return Task.FromResult(responses);
    }

    public override Task<ResourceResponse> UpdateActivityAsync(ITurnContext turnContext, Activity activity, CancellationToken cancellationToken) =>
        throw new NotSupportedException("LINE messages cannot be edited once sent.");

    public override Task DeleteActivityAsync(ITurnContext turnContext, ConversationReference reference, CancellationToken cancellationToken) =>
        throw new NotSupportedException("LINE messages cannot be deleted by the bot.");

    /// <summary>
    /// Logs the activities and sends them: with the conversation's reply token while it is fresh and
    /// unused, otherwise by push with a retry key. A push that fails after the client's retries is kept
    /// as undelivered, never silently lost.
    /// </summary>
    public async Task<IReadOnlyList<string>> DeliverAsync(string conversationId, IReadOnlyList<Activity> activities, CancellationToken cancellationToken, LineRoute? knownRoute = null)
    {
        if (activities.Count == 0)
        {
            return [];
        }

        var route = knownRoute ?? await _store.FindRouteByConversationAsync(conversationId, cancellationToken)
            ?? throw new KeyNotFoundException($"No LINE route for conversation {conversationId}.");
        var channel = _options.Configured()[route.Channel];
        if (activities.Any(a => a.Type == ActivityTypes.Typing) && _store.Unprotect(route.LineUserId) is { } chatId)
        {
            // Someone (the bot or a counsellor) is preparing an answer: LINE's loading animation, never logged.
            await ShowLoadingAsync(channel, chatId, cancellationToken);
        }

        activities = [.. activities.Where(a => a.Type == ActivityTypes.Message)];
        if (activities.Count == 0)
        {
            return [];
        }

        var ids = new List<string>();
        var erased = false;
        foreach (var activity in activities)
        {
            activity.ChannelId = ChannelId;
            activity.Conversation ??= new ConversationAccount(id: conversationId);
            activity.From ??= Bot;
            activity.From.Role = RoleTypes.Bot;
            try
            {
                var logged = await _log.AppendAsync(conversationId, activity, cancellationToken);
                ids.Add(logged.Activity.Id);
            }
            catch (KeyNotFoundException)
            {
                // The conversation was erased in this very turn: the last words are sent, not kept.
                erased = true;
            }
        }

        var batches = LineMessageMapper.Batches(LineMessageMapper.ToMessages(activities)).ToList();
        var first = 0;
        var replyToken = erased ? route.ReplyToken : await _store.TakeReplyTokenAsync(conversationId, _options.ReplyTokenLifetime, cancellationToken);
        if (replyToken is not null && batches.Count > 0)
        {
            try
            {
                if (await _client.ReplyAsync(channel.ChannelAccessToken!, replyToken, batches[0], cancellationToken))
                {
                    first = 1;
                }
                else
                {
                    LogReplyTokenRefused(_logger, conversationId);
                }
            }
            catch (Exception ex) when (ex is LineApiException or HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                LogReplyFailed(_logger, new WithheldMessageException(ex), conversationId);
            }
        }

        var to = _store.Unprotect(route.LineUserId);
        foreach (var batch in batches.Skip(first))
        {
            var retryKey = Guid.NewGuid();
            if (erased)
            {
                if (to is not null)
                {
                    await TryPushUnrecordedAsync(channel, to, batch, retryKey, conversationId, cancellationToken);
                }

                continue;
            }

            var outboxId = await _store.AddOutboxAsync(conversationId, retryKey, batch.Count, batch.ToJsonString(LineJson.Options), cancellationToken);
            if (to is null)
            {
                await _store.SetOutboxStatusAsync(outboxId, delivered: false, "The person has blocked the account or left.", cancellationToken);
                continue;
            }

            try
            {
                await _client.PushAsync(channel.ChannelAccessToken!, to, batch, retryKey, cancellationToken);
                await _store.SetOutboxStatusAsync(outboxId, delivered: true, null, cancellationToken);
            }
            catch (Exception ex) when (ex is LineApiException or HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                var status = ex is LineApiException api ? ((int)api.Status).ToString(System.Globalization.CultureInfo.InvariantCulture) : ex.GetType().Name;
                await _store.SetOutboxStatusAsync(outboxId, delivered: false, $"LINE push failed ({status})", cancellationToken);
                LogPushFailed(_logger, new WithheldMessageException(ex), conversationId, status);
            }
        }

        return ids;
    }

    private async Task TryPushUnrecordedAsync(LineChannelOptions channel, string to, JsonArray batch, Guid retryKey, string conversationId, CancellationToken cancellationToken)
    {
        try
        {
            await _client.PushAsync(channel.ChannelAccessToken!, to, batch, retryKey, cancellationToken);
        }
        catch (Exception ex) when (ex is LineApiException or HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            LogPushFailed(_logger, new WithheldMessageException(ex), conversationId, "after erasure");
        }
    }

    private async Task<string> EnsureConversationAsync(string channel, string userKey, string lineUserId, CancellationToken cancellationToken)
    {
        var route = await _store.FindRouteAsync(channel, userKey, cancellationToken);
        if (route is not null && await _log.IsOpenAsync(route.ConversationId, cancellationToken))
        {
            if (route.LineUserId is null)
            {
                await _store.SaveRouteAsync(channel, userKey, route.ConversationId, lineUserId, cancellationToken);
            }

            return route.ConversationId;
        }

        var conversationId = "line-" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(12));
        await _log.CreateAsync(conversationId, ChannelId, userKey, cancellationToken);
        await _store.SaveRouteAsync(channel, userKey, conversationId, lineUserId, cancellationToken);
        return conversationId;
    }

    private Activity? ToActivity(JsonElement ev, string? type, string conversationId, string userKey, string? municipality)
    {
        var user = new ChannelAccount(userKey, role: RoleTypes.User);
        var activity = new Activity
        {
            Id = ev.TryGetProperty("webhookEventId", out var id) ? id.GetString() : Guid.NewGuid().ToString("N"),
            Timestamp = _time.GetUtcNow(),
            ChannelId = ChannelId,
            ServiceUrl = "line:",
            Conversation = new ConversationAccount(id: conversationId, tenantId: municipality),
            From = user,
            Recipient = Bot,
            Locale = "ja-JP",
        };

        switch (type)
        {
            case "follow":
                activity.Type = ActivityTypes.ConversationUpdate;
                activity.MembersAdded = [Bot, user];
                return activity;
            case "postback":
                activity.Type = ActivityTypes.Message;
                activity.Text = ev.GetProperty("postback").GetProperty("data").GetString() ?? string.Empty;
                return activity;
            case "message":
                activity.Type = ActivityTypes.Message;
                var message = ev.GetProperty("message");
                activity.Text = message.TryGetProperty("type", out var mt) && mt.GetString() == "text"
                    ? message.GetProperty("text").GetString() ?? string.Empty
                    : null;
                return activity;
            default:
                return null;
        }
    }

    private async Task ShowLoadingAsync(LineChannelOptions channel, string lineUserId, CancellationToken cancellationToken)
    {
        try
        {
            await _client.StartLoadingAsync(channel.ChannelAccessToken!, lineUserId, _options.LoadingSeconds, cancellationToken);
        }
        catch (Exception ex) when (ex is LineApiException or HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // The animation is a courtesy: its failure must not hold up the answer.
            LogLoadingFailed(_logger, new WithheldMessageException(ex));
        }
    }

    [LoggerMessage(EventId = 2200, Level = LogLevel.Warning, Message = "LINE event for unknown channel {Channel} ignored")]
    private static partial void LogUnknownChannel(ILogger logger, string channel);

    [LoggerMessage(EventId = 2201, Level = LogLevel.Debug, Message = "LINE event of type {EventType} ignored")]
    private static partial void LogIgnored(ILogger logger, string eventType);

    [LoggerMessage(EventId = 2202, Level = LogLevel.Information, Message = "LINE refused the reply token in conversation {ConversationId}; pushing instead")]
    private static partial void LogReplyTokenRefused(ILogger logger, string conversationId);

    [LoggerMessage(EventId = 2203, Level = LogLevel.Warning, Message = "LINE reply failed in conversation {ConversationId}; pushing instead")]
    private static partial void LogReplyFailed(ILogger logger, Exception exception, string conversationId);

    [LoggerMessage(EventId = 2204, Level = LogLevel.Error, Message = "LINE push failed in conversation {ConversationId} ({Status}); kept as undelivered")]
    private static partial void LogPushFailed(ILogger logger, Exception exception, string conversationId, string status);

    [LoggerMessage(EventId = 2205, Level = LogLevel.Debug, Message = "LINE loading animation could not be shown")]
    private static partial void LogLoadingFailed(ILogger logger, Exception exception);
}
