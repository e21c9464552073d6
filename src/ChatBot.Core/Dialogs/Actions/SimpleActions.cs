using ChatBot.Core.Retention;
namespace ChatBot.Core.Dialogs.Actions;

/// <summary><c>end</c>: closes the conversation gently. The flow stops and nothing is kept to resume; a new message starts at the menu.</summary>
internal sealed class EndAction : IDialogAction
{
    public Task RunAsync(DialogActionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.EndFlow();
        return Task.CompletedTask;
    }
}

/// <summary><c>switch-language</c> (<c>with: { to: en }</c>, or no argument to swap): the rest of the conversation is in that language.</summary>
internal sealed class SwitchLanguageAction : IDialogAction
{
    public Task RunAsync(DialogActionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var to = context.Arguments.TryGetValue("to", out var requested) && DialogLocales.IsSupported(requested)
            ? requested
            : context.State.Locale == DialogLocales.English ? DialogLocales.Japanese : DialogLocales.English;
        context.State.Locale = to;
        context.State.LocaleChosen = true;
        return Task.CompletedTask;
    }
}

/// <summary>
/// <c>delete-my-data</c>: after the flow has asked for confirmation, forgets the answers at once and
/// asks for everything else kept about this conversation (its record, risk notes, channel routing…)
/// to be erased as soon as this turn's last reply has gone out; it tells the person what that is.
/// </summary>
internal sealed class DeleteMyDataAction(IEnumerable<IConversationDataStore> stores) : IDialogAction
{
    public static readonly IReadOnlyCollection<string> Texts = ["deleted-what"];

    public Task RunAsync(DialogActionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.State.Forget();
        context.Turn.TurnState.Set(new ErasureRequested());
        var language = context.Locale.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? "en" : "ja";
        var kinds = stores.Select(s => s.Description.TryGetValue(language, out var d) ? d : s.Description["ja"]).Distinct();
        context.Say(context.Text("deleted-what") + "\n" + string.Join("\n", kinds.Select(k => "・" + k)));
        return Task.CompletedTask;
    }
}

/// <summary>Left in the turn state by <see cref="DeleteMyDataAction"/>: erase the conversation once the turn's replies are out.</summary>
public sealed record ErasureRequested;
