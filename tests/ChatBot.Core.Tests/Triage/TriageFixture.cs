using ChatBot.Core.Content;
using ChatBot.Core.Triage;

namespace ChatBot.Core.Tests.Triage;

/// <summary>The real triage content of dialogs/triage/, compiled once for all the triage tests.</summary>
internal static class TriageFixture
{
    private static readonly Lazy<TriageLexicon> SharedLexicon = new(() =>
        TriageLexicon.LoadFolder(Path.Combine(RepoPaths.Dialogs, TriageLexicon.FolderName)));

    private static readonly Lazy<RuleBasedTriage> Shared = new(() => new RuleBasedTriage(
        SharedLexicon.Value,
        TriageContent.LoadExamples(new ContentOptions { DialogsPath = RepoPaths.Dialogs }, new TriageOptions())));

    private static readonly Lazy<RuleBasedTriage> SharedRules = new(() => new RuleBasedTriage(SharedLexicon.Value));

    /// <summary>The triage as the service runs it: the rules, and the examples under them.</summary>
    public static RuleBasedTriage Triage => Shared.Value;

    /// <summary>The rules alone, without what is learnt from the examples.</summary>
    public static RuleBasedTriage Rules => SharedRules.Value;
}
