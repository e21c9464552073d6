using ChatBot.Core.Hours;
using ChatBot.Core.Resources;

namespace ChatBot.Core.Dialogs;

/// <summary>Everything under <c>dialogs/</c> the bot talks with, loaded and validated.</summary>
public sealed record DialogContent(
    string Root,
    IReadOnlyDictionary<string, Flow> Flows,
    IReadOnlyList<Intent> Intents,
    DialogTexts Texts,
    IReadOnlyList<SynonymGroup> Synonyms,
    ResourceCatalog Resources,
    HolidayCalendar Holidays)
;

/// <summary>Words that mean the same when typed as an answer (「はい」「うん」"yes"), from <c>dialogs/synonyms.yaml</c>.</summary>
public sealed record SynonymGroup(IReadOnlyList<string> Words, SourceLocation Where);

/// <summary>Flows the engine starts by name; each must exist.</summary>
public static class WellKnownFlows
{
    /// <summary>The first greeting: anonymous, free, stop any time, what is kept; then the menu.</summary>
    public const string Welcome = "welcome";

    /// <summary>Where a conversation goes when nothing is running.</summary>
    public const string Menu = "menu";

    /// <summary>When nothing is running but there is a place to pick up again: offers to continue.</summary>
    public const string WelcomeBack = "welcome-back";

    /// <summary>Triage says danger now: interrupts at once.</summary>
    public const string Crisis = "crisis";

    /// <summary>Triage says high risk: a gentle aside, then the flow goes on. Must not ask anything.</summary>
    public const string HighRisk = "high-risk";

    /// <summary>
    /// Triage is unsure (no rule found danger, but the message reads like the danger examples): a gentle
    /// check-in that does not presume, then the flow goes on. An aside like <see cref="HighRisk"/>.
    /// </summary>
    public const string CheckIn = "check-in";

    public static IReadOnlyList<string> All { get; } = [Welcome, Menu, WelcomeBack, Crisis, HighRisk, CheckIn];
}
