using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace ChatBot.Core.Privacy;

/// <summary>
/// Personal details are taken out of what a person writes before anything keeps it: the channels call
/// <see cref="RedactInboundAsync"/> before logging an incoming message, and <see cref="RedactionMiddleware"/>
/// does the same at the start of every turn, so flows, state and triage only ever see the redacted text.
/// </summary>
public static class InboundRedaction
{
    public static async Task RedactInboundAsync(this IRedactor redactor, Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(redactor);
        ArgumentNullException.ThrowIfNull(activity);
        if (activity.Type != ActivityTypes.Message || string.IsNullOrEmpty(activity.Text))
        {
            return;
        }

        var result = await redactor.RedactAsync(activity.Text, activity.Locale, cancellationToken);
        activity.Text = result.Text;
    }
}

/// <summary>The Bot Framework middleware form of <see cref="InboundRedaction"/>, for every adapter.</summary>
public sealed class RedactionMiddleware(IRedactor redactor) : IMiddleware
{
    public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(next);
        if (turnContext.Activity is Activity activity && activity.From?.Role != RoleTypes.Bot)
        {
            await redactor.RedactInboundAsync(activity, cancellationToken);
        }

        await next(cancellationToken);
    }
}
