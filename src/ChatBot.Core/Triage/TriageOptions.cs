namespace ChatBot.Core.Triage;

/// <summary>Where the triage content lives and how long a conversation keeps its risk. Section <c>Triage</c>.</summary>
public sealed class TriageOptions
{
    public const string SectionName = "Triage";

    /// <summary>The lexicon folder, relative to the dialogs folder (<c>Content:DialogsPath</c>).</summary>
    public string LexiconFolder { get; set; } = "triage";

    /// <summary>
    /// Whether the triage learns from the labeled examples (<see cref="ExamplesFile"/>): a message no rule reads as
    /// danger but that looks like the danger examples (see <see cref="ExampleThreshold"/>) gets a tentative high,
    /// so the person is gently offered the lines instead of nothing. False: the rules alone.
    /// </summary>
    public bool LearnFromExamples { get; set; } = true;

    /// <summary>The labeled examples the triage learns from, relative to <see cref="LexiconFolder"/> (or an absolute path).</summary>
    public string ExamplesFile { get; set; } = "examples.jsonl";

    public const double DefaultExampleThreshold = 10;

    /// <summary>
    /// How strongly a message must look like the danger examples (naive Bayes log-odds) before it is raised.
    /// Lower finds more danger and raises more false alarms; the figures for each value are in
    /// tests/ChatBot.Core.Tests/Triage/README.md.
    /// </summary>
    public double ExampleThreshold { get; set; } = DefaultExampleThreshold;

    /// <summary>The crisis line catalog, relative to the dialogs folder.</summary>
    public string CrisisLinesFile { get; set; } = "crisis-lines.yaml";

    /// <summary>
    /// How long a conversation keeps a high or crisis risk after the last message that showed it
    /// (see <see cref="ConversationRiskTracker"/>). One day by default: a person who wrote at 3 a.m.
    /// that they wanted to die is still treated with that care when they come back at noon.
    /// </summary>
    public TimeSpan ConversationRiskHold { get; set; } = TimeSpan.FromHours(24);
}
