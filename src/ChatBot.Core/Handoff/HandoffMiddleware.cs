using ChatBot.Core.Triage;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;
using Newtonsoft.Json.Linq;

namespace ChatBot.Core.Handoff;

/// <summary>
/// Runs before the bot on every channel (adapters <c>Use</c> it). While a conversation is with a counsellor
/// or waiting for one, the person's messages go to the console and the bot stays silent — except messages
/// triage marks as crisis, which are relayed and also reach the bot's crisis path. It takes the answer to a
/// pending consent question, the person's Cancel / End, and a request for a person typed or tapped
/// (「人と話したい」, 「相談員」). On the way out it takes <c>handoff.initiate</c> into our queue (it never
/// reaches the person's screen) and shows counsellor messages under the counsellor's display name.
/// </summary>
public sealed class HandoffMiddleware : IMiddleware
{
    /// <summary>Marks an outgoing activity as a counsellor's: <c>{ "id": ..., "name": ... }</c>, applied as <c>from</c> after the conversation reference is.</summary>
    public const string CounsellorProperty = "chatbot.counsellor";

    private readonly HandoffService _service;
    private readonly HandoffStore _store;
    private readonly HandoffTexts _texts;
    private readonly IOptions<HandoffOptions> _options;

    internal HandoffMiddleware(HandoffService service, HandoffStore store, HandoffTexts texts, IOptions<HandoffOptions> options)
    {
        _service = service;
        _store = store;
        _texts = texts;
        _options = options;
    }

    public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(next);
        turnContext.OnSendActivities((context, activities, nextSend) => OnSendAsync(context, activities, nextSend, cancellationToken));

        var activity = turnContext.Activity;
        var conversationId = activity.Conversation?.Id;
        if (string.IsNullOrEmpty(conversationId))
        {
            await next(cancellationToken);
            return;
        }

        if (activity.Type == ActivityTypes.EndOfConversation)
        {
            var open = await _store.GetOpenAsync(conversationId, cancellationToken);
            if (open is not null)
            {
                await _service.PersonEndsAsync(null, open, cancellationToken);
            }

            await next(cancellationToken);
            return;
        }

        if (activity.Type != ActivityTypes.Message || activity.From?.Role == RoleTypes.Bot || string.IsNullOrWhiteSpace(activity.Text))
        {
            await next(cancellationToken);
            return;
        }

        var entry = await _store.GetOpenAsync(conversationId, cancellationToken);
        if (entry is not null)
        {
            await WhileHandedOffAsync(turnContext, entry, next, cancellationToken);
            return;
        }

        var offer = await _store.GetOfferAsync(conversationId, cancellationToken);
        if (offer is not null && await _service.AnswerOfferAsync(turnContext, offer.Value, cancellationToken))
        {
            return;
        }

        if (_options.Value.RecogniseRequests && _texts.IsRequest(activity.Text))
        {
            await _service.OfferFromConversationAsync(turnContext, cancellationToken);
            return;
        }

        await next(cancellationToken);
    }

    private async Task WhileHandedOffAsync(ITurnContext turnContext, HandoffEntry entry, NextDelegate next, CancellationToken cancellationToken)
    {
        var text = turnContext.Activity.Text;
        var leaving = entry.State == HandoffState.Waiting ? _texts.IsCancel(text) : _texts.IsEnd(text);
        if (leaving)
        {
            await _service.PersonEndsAsync(turnContext, entry, cancellationToken);
            return;
        }

        if (entry.State == HandoffState.Waiting && _texts.IsRequest(text))
        {
            await _service.TellOpenAsync(turnContext, entry, _texts.For(entry.Locale), cancellationToken);
            return;
        }

        var risk = _service.Classify(text);
        await _service.RelayFromPersonAsync(turnContext, entry, risk, cancellationToken);
        if (risk == RiskLevel.Crisis)
        {
            // Safety first: the crisis path answers at once, whoever holds the conversation.
            await next(cancellationToken);
        }
    }

    private async Task<ResourceResponse[]> OnSendAsync(ITurnContext context, List<Activity> activities, Func<Task<ResourceResponse[]>> nextSend, CancellationToken cancellationToken)
    {
        foreach (var activity in activities)
        {
            if (activity.Properties?[CounsellorProperty] is JObject counsellor)
            {
                activity.From = new ChannelAccount((string?)counsellor["id"], (string?)counsellor["name"], RoleTypes.Bot);
                activity.Properties.Remove(CounsellorProperty);
            }
        }

        if (!string.Equals(_options.Value.Desk, HandoffOptions.BuiltInDesk, StringComparison.Ordinal))
        {
            return await nextSend();
        }

        var initiations = activities.Where(a => a.Type == ActivityTypes.Event && a.Name == HandoffEventNames.InitiateHandoff).ToList();
        if (initiations.Count == 0)
        {
            return await nextSend();
        }

        // Our own agent hub takes the event here; the channel (and the person's screen) never sees it.
        foreach (var initiation in initiations)
        {
            activities.Remove(initiation);
        }

        foreach (var initiation in initiations)
        {
            await _service.AcceptInitiationAsync(context, initiation, cancellationToken);
        }

        var sent = activities.Count > 0 ? await nextSend() : [];
        return [.. sent, .. initiations.Select(i => new ResourceResponse(i.Id))];
    }
}
