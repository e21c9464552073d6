using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Core.Dialogs;

/// <summary>
/// Something a flow can do beyond talking (<c>action: show-resources</c>). Implementations are
/// registered by name with <see cref="DialogActionServiceCollectionExtensions.AddDialogAction{TAction}"/>;
/// a flow that names an action nobody registered does not pass validation.
/// </summary>
public interface IDialogAction
{
    Task RunAsync(DialogActionContext context, CancellationToken cancellationToken);
}

/// <summary>What an action may use and do during a turn.</summary>
public sealed class DialogActionContext
{
    private readonly List<Activity> _said;

    internal DialogActionContext(ITurnContext turn, DialogState state, DialogContent content, IReadOnlyDictionary<string, string> arguments, DateTimeOffset now, TimeZoneInfo timeZone, List<Activity> said)
    {
        Turn = turn;
        State = state;
        Content = content;
        Arguments = arguments;
        Now = now;
        TimeZone = timeZone;
        _said = said;
    }

    public ITurnContext Turn { get; }

    /// <summary>The conversation's dialog state (variables, locale, risk); changes are saved with the turn.</summary>
    public DialogState State { get; }

    public DialogContent Content { get; }

    /// <summary>The <c>with:</c> values of the step.</summary>
    public IReadOnlyDictionary<string, string> Arguments { get; }

    public DateTimeOffset Now { get; }

    /// <summary>The service's time zone (opening hours are written in it).</summary>
    public TimeZoneInfo TimeZone { get; }

    public DateTime LocalNow => TimeZoneInfo.ConvertTime(Now, TimeZone).DateTime;

    public string Locale => State.Locale;

    /// <summary>Set by an action that ends the flow (<c>end</c>); the steps below it do not run.</summary>
    public bool FlowEnded { get; private set; }

    /// <summary>
    /// Set by an action that asked a question someone else answers (the handoff's consent, answered by
    /// <c>HandoffMiddleware</c>): the steps below it do not run, and the place the person came from is kept,
    /// so a later message can go back to it (「さっきの続きから」).
    /// </summary>
    public bool AnsweredElsewhere { get; private set; }

    /// <summary>Sends a message (Markdown) in this turn.</summary>
    public void Say(string markdown)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(markdown);
        _said.Add((Activity)MessageFactory.Text(markdown));
    }

    /// <summary>Sends a ready activity (a question with its own buttons) in this turn, in order with <see cref="Say"/>.</summary>
    public void Send(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        _said.Add(activity);
    }

    /// <summary>A sentence from <c>dialogs/texts.yaml</c> in the conversation's language.</summary>
    public string Text(string key) => Content.Texts.Get(key, Locale);

    public void EndFlow() => FlowEnded = true;

    /// <summary>See <see cref="AnsweredElsewhere"/>.</summary>
    public void AwaitAnswerElsewhere() => AnsweredElsewhere = true;
}

/// <summary>An action's name, implementation, the <c>with:</c> arguments it takes, and the texts of <c>dialogs/texts.yaml</c> it needs.</summary>
public sealed record DialogActionRegistration(string Name, Type ActionType, IReadOnlyCollection<string> Arguments, IReadOnlyCollection<string> Texts);

public static class DialogActionServiceCollectionExtensions
{
    /// <summary>
    /// Registers an action under <paramref name="name"/>. Registering a name again replaces the earlier
    /// action (how a later feature, such as the handoff, takes over <c>handoff</c>).
    /// </summary>
    public static IServiceCollection AddDialogAction<TAction>(this IServiceCollection services, string name, IReadOnlyCollection<string>? arguments = null, IReadOnlyCollection<string>? texts = null)
        where TAction : class, IDialogAction
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        services.AddSingleton<TAction>();
        services.AddSingleton(new DialogActionRegistration(name, typeof(TAction), arguments ?? [], texts ?? []));
        return services;
    }
}

/// <summary>The registered actions by name (the last registration of a name wins), created when first used.</summary>
internal sealed class DialogActionRegistry
{
    private readonly IServiceProvider _services;

    public DialogActionRegistry(IEnumerable<DialogActionRegistration> registrations, IServiceProvider services)
    {
        _services = services;
        var byName = new Dictionary<string, DialogActionRegistration>(StringComparer.Ordinal);
        foreach (var registration in registrations)
        {
            byName[registration.Name] = registration;
        }

        Registrations = byName;
    }

    public IReadOnlyDictionary<string, DialogActionRegistration> Registrations { get; }

    public IDialogAction Resolve(string name) =>
        Registrations.TryGetValue(name, out var registration)
            ? (IDialogAction)_services.GetRequiredService(registration.ActionType)
            : throw new InvalidOperationException($"No dialog action is registered as '{name}'.");
}
