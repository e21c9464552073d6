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
/// <c>delete-my-data</c>: forgets everything the bot kept from this conversation's answers — chosen
/// buttons, typed area, topics, risk, the place to resume. The flow around it says so, after asking
/// for confirmation.
/// </summary>
internal sealed class DeleteMyDataAction : IDialogAction
{
    public Task RunAsync(DialogActionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.State.Forget();
        return Task.CompletedTask;
    }
}
