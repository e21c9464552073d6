using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace ChatBot.Core.Privacy;

/// <summary>
/// Personal details are taken out of what a person writes before anything keeps it: the channels call
/// <see cref="RedactInboundAsync"/> before logging an incoming message, and <see cref="RedactionMiddleware"/>
/// does the same at the start of every turn, so flows, state and triage only ever see the redacted text.
/// The one deliberate exception is an <see cref="IInboundCapture"/> (the call-back contact a person chose to
/// leave, with consent): it sees the message just before it is redacted, here and nowhere else.
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

        if (redactor is CapturingRedactor capturing)
        {
            await capturing.CaptureAsync(activity, cancellationToken);
        }

        var result = await redactor.RedactAsync(activity.Text, activity.Locale, cancellationToken);
        activity.Text = result.Text;
    }
}

/// <summary>
/// The one deliberate exception to redaction: a feature that must keep something a person typed because they
/// asked for it and consented (a phone number for a call-back). It is shown each incoming message before it is
/// redacted and must keep nothing of it except, encrypted, what the person agreed to leave — never log it,
/// never put it in state. After the turn it is told the turn ended, to drop whatever the turn did not take.
/// </summary>
public interface IInboundCapture
{
    Task CaptureAsync(Activity activity, CancellationToken cancellationToken);

    Task TurnEndedAsync(ITurnContext turnContext, CancellationToken cancellationToken);
}

/// <summary>
/// The registered <see cref="IRedactor"/> when any <see cref="IInboundCapture"/> exists: redacts exactly as the
/// inner redactor does, and lets <see cref="InboundRedaction.RedactInboundAsync"/> (the inbound path only) show
/// the message to the captures first. Other callers of <see cref="IRedactor"/> see no difference.
/// </summary>
internal sealed class CapturingRedactor(IRedactor inner, IReadOnlyList<IInboundCapture> captures) : IRedactor
{
    public static IRedactor Around(IRedactor inner, IEnumerable<IInboundCapture> captures)
    {
        var list = captures.ToList();
        return list.Count == 0 ? inner : new CapturingRedactor(inner, list);
    }

    public IRedactor Inner => inner;

    public ValueTask<RedactionResult> RedactAsync(string text, string? locale, CancellationToken cancellationToken) =>
        inner.RedactAsync(text, locale, cancellationToken);

    public async Task CaptureAsync(Activity activity, CancellationToken cancellationToken)
    {
        foreach (var capture in captures)
        {
            await capture.CaptureAsync(activity, cancellationToken);
        }
    }
}

/// <summary>The Bot Framework middleware form of <see cref="InboundRedaction"/>, for every adapter.</summary>
public sealed class RedactionMiddleware(IRedactor redactor, IEnumerable<IInboundCapture> captures) : IMiddleware
{
    public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(next);
        if (turnContext.Activity is Activity activity && activity.From?.Role != RoleTypes.Bot)
        {
            await redactor.RedactInboundAsync(activity, cancellationToken);
        }

        try
        {
            await next(cancellationToken);
        }
        finally
        {
            // Whatever a capture took from this message and the turn did not use is dropped now, even when the turn failed.
            foreach (var capture in captures)
            {
                await capture.TurnEndedAsync(turnContext, CancellationToken.None);
            }
        }
    }
}
