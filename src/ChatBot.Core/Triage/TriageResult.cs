namespace ChatBot.Core.Triage;

/// <summary>How urgent a message is. Ordered: a higher value is more urgent.</summary>
public enum RiskLevel
{
    /// <summary>Everything else.</summary>
    Normal = 0,

    /// <summary>Thoughts of dying or disappearing without immediacy, recent self-harm, abuse or violence at home not in progress, severe deprivation.</summary>
    High = 1,

    /// <summary>Imminent danger to life or safety now: intent, plan, means at hand, a goodbye, violence in progress, a relative unresponsive or not eating for days.</summary>
    Crisis = 2,
}

/// <summary>Who is writing about whom.</summary>
public enum Speaker
{
    Unknown = 0,
    Self = 1,
    Family = 2,
    Other = 3,
}

/// <summary>What a message is about. Wire names are the lower-case member names.</summary>
public enum Topic
{
    Work,
    School,
    Family,
    Money,
    Health,
    Carer,
    Violence,
    Isolation,
    Services,
}

/// <summary>
/// The triage of one message: risk, speaker, topics, and for reviewers the rule ids that matched
/// (never the message text itself).
/// </summary>
public sealed record TriageResult(RiskLevel Risk, Speaker Speaker, IReadOnlyList<Topic> Topics, IReadOnlyList<string> Matches)
{
    /// <summary>
    /// True when no rule found danger and the risk was raised only because the message reads like the
    /// labeled danger examples: the bot then checks in gently rather than presuming.
    /// </summary>
    public bool Tentative { get; init; }

    /// <summary>
    /// What raised the risk: the ids in <see cref="Matches"/> that counted, without the speaker and topic rules
    /// (<c>{language}.speaker.*</c>, <c>{language}.topic.*</c>, named so by the lexicon) and without cues set aside
    /// (<c>cue/modifier</c>). Empty for a normal message.
    /// </summary>
    public IReadOnlyList<string> Signals => Risk == RiskLevel.Normal
        ? []
        : [.. Matches.Where(id => !id.Contains(".speaker.", StringComparison.Ordinal) && !id.Contains(".topic.", StringComparison.Ordinal) && !id.Contains('/', StringComparison.Ordinal))];

    public static readonly TriageResult Empty = new(RiskLevel.Normal, Speaker.Unknown, [], []);
}

/// <summary>Classifies one message. Pure CPU work, no I/O, safe to call from any thread.</summary>
public interface ITriage
{
    TriageResult Classify(string text);
}
