using ChatBot.Core.Triage;

namespace ChatBot.Core.Tests.Triage;

/// <summary>The real lexicons of dialogs/triage/, compiled once for all the triage tests.</summary>
internal static class TriageFixture
{
    private static readonly Lazy<RuleBasedTriage> Shared = new(() =>
        new RuleBasedTriage(TriageLexicon.LoadFolder(Path.Combine(RepoPaths.Dialogs, TriageLexicon.FolderName))));

    public static RuleBasedTriage Triage => Shared.Value;
}
