using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Logging;

namespace ChatBot.Core.Bot;

/// <summary>
/// The one <see cref="IBot"/> every channel talks to. Channels are adapters at the edge; this class
/// sees only Bot Framework activities. It greets a new conversation and answers the first menu.
/// </summary>
public sealed partial class FirstContactBot : ActivityHandler
{
    private readonly ConversationState _conversationState;
    private readonly UserState _userState;
    private readonly IStatePropertyAccessor<ConversationData> _conversationData;
    private readonly ILogger<FirstContactBot> _logger;

    public FirstContactBot(ConversationState conversationState, UserState userState, ILogger<FirstContactBot> logger)
    {
        _conversationState = conversationState;
        _userState = userState;
        _conversationData = conversationState.CreateProperty<ConversationData>(nameof(ConversationData));
        _logger = logger;
    }

    public override async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        await base.OnTurnAsync(turnContext, cancellationToken);
        await _conversationState.SaveChangesAsync(turnContext, force: false, cancellationToken);
        await _userState.SaveChangesAsync(turnContext, force: false, cancellationToken);
    }

    protected override async Task OnMembersAddedAsync(IList<ChannelAccount> membersAdded, ITurnContext<IConversationUpdateActivity> turnContext, CancellationToken cancellationToken)
    {
        var userJoined = membersAdded.Any(m => m.Id != turnContext.Activity.Recipient?.Id);
        if (!userJoined)
        {
            return;
        }

        await GreetOnceAsync(turnContext, cancellationToken);
    }

    protected override async Task OnMessageActivityAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken)
    {
        var data = await _conversationData.GetAsync(turnContext, () => new ConversationData(), cancellationToken);
        var texts = BotTexts.For(turnContext.Activity.Locale ?? data.Locale);
        data.Locale = texts.Locale;
        data.Greeted = true;
        LogMessageReceived(_logger, turnContext.Activity.Conversation?.Id, turnContext.Activity.ChannelId);

        var reply = texts.AnswerTo(turnContext.Activity.Text);
        var message = MessageFactory.SuggestedActions(texts.Menu, reply.Text, ssml: null, inputHint: null);
        await turnContext.SendActivityAsync(message, cancellationToken);
    }

    private async Task GreetOnceAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var data = await _conversationData.GetAsync(turnContext, () => new ConversationData(), cancellationToken);
        if (data.Greeted)
        {
            return;
        }

        var texts = BotTexts.For(turnContext.Activity.Locale);
        data.Greeted = true;
        data.Locale = texts.Locale;
        await turnContext.SendActivityAsync(MessageFactory.SuggestedActions(texts.Menu, texts.Greeting, ssml: null, inputHint: null), cancellationToken);
    }

    [LoggerMessage(EventId = 1000, Level = LogLevel.Debug, Message = "Message received in conversation {ConversationId} on {Channel}")]
    private static partial void LogMessageReceived(ILogger logger, string? conversationId, string? channel);
}
