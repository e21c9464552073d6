using ChatBot.Core.Bot;
using ChatBot.Core.Conversations;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;

namespace ChatBot.Web.Channels.DirectLine;

/// <summary>
/// The Bot Framework adapter behind the self-hosted Direct Line: inbound activities run the bot's
/// pipeline here in-process, and whatever the bot sends (replies, and proactive messages such as a
/// counsellor writing later) is appended to the conversation log and pushed to every open stream.
/// A client that is offline gets it from the log when it reconnects.
/// </summary>
internal sealed partial class DirectLineAdapter : BotAdapter
{
    private readonly IConversationLog _log;
    private readonly DirectLineStreams _streams;
    private readonly ConversationLocks _locks;
    private readonly DirectLineOptions _options;
    private readonly ILogger<DirectLineAdapter> _logger;
    private readonly TimeProvider _time;

    public DirectLineAdapter(
        IConversationLog log,
        DirectLineStreams streams,
        ConversationLocks locks,
        IOptions<DirectLineOptions> options,
        TurnErrorPolicy errorPolicy,
        TimeProvider time,
        ILogger<DirectLineAdapter> logger,
        IEnumerable<Microsoft.Bot.Builder.IMiddleware> middlewares)
    {
        _time = time;
        _log = log;
        _streams = streams;
        _locks = locks;
        _options = options.Value;
        _logger = logger;
        OnTurnError = errorPolicy.HandleAsync;
        foreach (var middleware in middlewares)
        {
            Use(middleware); // e.g. the handoff: relays to the counsellor and keeps the bot silent while one holds the conversation.
        }
    }

    public ChannelAccount BotAccount => new(_options.BotId, _options.BotName, RoleTypes.Bot);

    /// <summary>Runs one inbound activity through the bot, after the conversation's earlier turns.</summary>
    public async Task ProcessActivityAsync(Activity activity, BotCallbackHandler callback, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        using var turnLock = await _locks.AcquireAsync(activity.Conversation.Id, cancellationToken);
        using var context = new TurnContext(this, activity);
        await RunPipelineAsync(context, callback, cancellationToken);
    }

    /// <summary>Logs and streams an activity the user sent (the echo Web Chat waits for), in turn order.</summary>
    public async Task<LoggedActivity> AcceptUserActivityAsync(Activity activity, BotCallbackHandler callback, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        using var turnLock = await _locks.AcquireAsync(activity.Conversation.Id, cancellationToken);
        var logged = await _log.AppendAsync(activity.Conversation.Id, activity, cancellationToken);
        _streams.Publish(activity.Conversation.Id, ActivitySetJson.Frame(logged));
        using var context = new TurnContext(this, logged.Activity);
        await RunPipelineAsync(context, callback, cancellationToken);
        return logged;
    }

    public override async Task ContinueConversationAsync(string botId, ConversationReference reference, BotCallbackHandler callback, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reference);
        using var turnLock = await _locks.AcquireAsync(reference.Conversation.Id, cancellationToken);
        using var context = new TurnContext(this, reference.GetContinuationActivity());
        await RunPipelineAsync(context, callback, cancellationToken);
    }

    public override async Task<ResourceResponse[]> SendActivitiesAsync(ITurnContext turnContext, Activity[] activities, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activities);
        var responses = new List<ResourceResponse>(activities.Length);
        foreach (var activity in activities)
        {
            var conversationId = activity.Conversation?.Id ?? turnContext.Activity.Conversation.Id;
            switch (activity.Type)
            {
                case ActivityTypesEx.Delay:
                    var delay = activity.Value is int ms ? ms : 1000;
                    await Task.Delay(Math.Clamp(delay, 0, 10_000), cancellationToken);
                    responses.Add(new ResourceResponse());
                    continue;
                case ActivityTypes.Trace:
                case ActivityTypes.Handoff:
                    // Diagnostics and in-bot handoff signals never reach a person's screen.
                    responses.Add(new ResourceResponse());
                    continue;
                case ActivityTypes.Typing:
                    PrepareOutgoing(activity, conversationId);
                    activity.Id = Guid.NewGuid().ToString("N");
                    activity.Timestamp = _time.GetUtcNow();
                    _streams.Publish(conversationId, ActivitySetJson.Ephemeral(activity));
                    responses.Add(new ResourceResponse(activity.Id));
                    continue;
            }

            PrepareOutgoing(activity, conversationId);
            var logged = await _log.AppendAsync(conversationId, activity, cancellationToken);
            _streams.Publish(conversationId, ActivitySetJson.Frame(logged));
            LogSent(_logger, conversationId, activity.Type, logged.Sequence);
            responses.Add(new ResourceResponse(logged.Activity.Id));
        }

        return [.. responses];
    }

    public override Task<ResourceResponse> UpdateActivityAsync(ITurnContext turnContext, Activity activity, CancellationToken cancellationToken) =>
        throw new NotSupportedException("This Direct Line channel does not edit messages that were already delivered.");

    public override Task DeleteActivityAsync(ITurnContext turnContext, ConversationReference reference, CancellationToken cancellationToken) =>
        throw new NotSupportedException("This Direct Line channel does not delete messages that were already delivered.");

    private void PrepareOutgoing(Activity activity, string conversationId)
    {
        activity.ChannelId = DirectLineChannel.ChannelId;
        activity.ServiceUrl = null; // Where the bot answers is this service's own business, not the client's.
        activity.Conversation ??= new ConversationAccount(id: conversationId);
        var from = activity.From ?? BotAccount;
        activity.From = new ChannelAccount(string.IsNullOrEmpty(from.Id) ? _options.BotId : from.Id, from.Name ?? _options.BotName, RoleTypes.Bot);
        if (activity.SuggestedActions is { } suggested)
        {
            // Web Chat hides suggested actions addressed to anyone but its own user id: address nobody.
            suggested.To = null;
        }
    }

    [LoggerMessage(EventId = 2100, Level = LogLevel.Debug, Message = "Sent {ActivityType} #{Sequence} in conversation {ConversationId}")]
    private static partial void LogSent(ILogger logger, string conversationId, string activityType, long sequence);

    private static class ActivityTypesEx
    {
        public const string Delay = "delay";
    }
}
