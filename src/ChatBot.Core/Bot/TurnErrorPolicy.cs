using Microsoft.Bot.Builder;
using Microsoft.Extensions.Logging;

namespace ChatBot.Core.Bot;

/// <summary>
/// The one turn-error policy every adapter uses: log the failure with its conversation id (never the
/// text), tell the person kindly that something went wrong, and clear the conversation state so the
/// next message starts clean instead of failing the same way again. It never rethrows.
/// </summary>
public sealed partial class TurnErrorPolicy(ConversationState conversationState, ILogger<TurnErrorPolicy> logger)
{
    public async Task HandleAsync(ITurnContext turnContext, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        LogTurnFailed(logger, new WithheldMessageException(exception), turnContext.Activity?.Conversation?.Id, turnContext.Activity?.ChannelId, exception.GetType().Name);
        try
        {
            var english = turnContext.Activity?.Locale?.StartsWith("en", StringComparison.OrdinalIgnoreCase) == true;
            var apology = english
                ? "I'm sorry, something went wrong on our side. Your message was received. Could you send it once more, or write 'menu' to start again?"
                : "ごめんなさい、こちらの仕組みでうまく処理できませんでした。メッセージは届いています。もう一度送るか、「メニュー」と書いて最初からやり直してください。";
            await turnContext.SendActivityAsync(MessageFactory.Text(apology), CancellationToken.None);
            await conversationState.DeleteAsync(turnContext, CancellationToken.None);
        }
#pragma warning disable CA1031 // The policy must never throw: the person has already been let down once.
        catch (Exception secondary)
#pragma warning restore CA1031
        {
            LogRecoveryFailed(logger, new WithheldMessageException(secondary), turnContext.Activity?.Conversation?.Id);
        }
    }

    [LoggerMessage(EventId = 1900, Level = LogLevel.Error, Message = "Turn failed in conversation {ConversationId} on {Channel} ({ExceptionType})")]
    private static partial void LogTurnFailed(ILogger logger, Exception exception, string? conversationId, string? channel, string exceptionType);

    [LoggerMessage(EventId = 1901, Level = LogLevel.Error, Message = "Could not apologise or clear state in conversation {ConversationId}")]
    private static partial void LogRecoveryFailed(ILogger logger, Exception exception, string? conversationId);
}
