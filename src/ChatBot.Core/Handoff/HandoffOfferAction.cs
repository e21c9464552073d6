using ChatBot.Core.Dialogs;

namespace ChatBot.Core.Handoff;

/// <summary>
/// <c>action: handoff</c> in a flow: asks the person's consent to reach a counsellor (what the counsellor will
/// see, who they are, the honest wait — or, with nobody on duty, that a message left here is read and answered
/// when one is). The answer (「つないでほしい」「要約だけ共有してつなぐ」「まだいい」) is taken by
/// <see cref="HandoffMiddleware"/> on the person's next message; the flow stops here and keeps the place the person
/// came from, so after a 「まだいい」 or a finished conversation with a counsellor they can go back to it.
/// </summary>
internal sealed class HandoffOfferAction(HandoffService service) : IDialogAction
{
    public const string Name = "handoff";

    public async Task RunAsync(DialogActionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var activity = context.Turn.Activity;
        var request = await service.BuildRequestAsync(activity.Conversation.Id, context.Locale, activity.Id, cancellationToken);
        // The conversation carries its highest recent risk: a crisis said three messages ago still counts.
        if (context.State.HighestRisk > request.Risk)
        {
            request = request with { Risk = context.State.HighestRisk };
        }

        context.Send(await service.PrepareOfferAsync(context.Turn, request, context.Locale, cancellationToken));
        context.AwaitAnswerElsewhere();
    }
}
