using ChatBot.Core.Triage;

namespace ChatBot.Core.Handoff;

/// <summary>
/// What the bot knows when it offers a counsellor: how urgent, who is writing, about what, and a short
/// summary in the person's own (redacted) words. The dialog engine fills it for its <c>handoff</c> action;
/// when the person asks by phrase, it is built from the conversation so far.
/// </summary>
public sealed record HandoffRequest(RiskLevel Risk, Speaker Speaker, IReadOnlyList<Topic> Topics, string Summary)
{
    public static HandoffRequest Empty { get; } = new(RiskLevel.Normal, Speaker.Unknown, [], string.Empty);
}

/// <summary>What the person agreed to share with the counsellor.</summary>
public enum ShareScope
{
    /// <summary>Summary, triage result and the redacted conversation so far.</summary>
    Full,

    /// <summary>Summary and triage result only; the conversation before the handoff stays hidden.</summary>
    SummaryOnly,
}

/// <summary>Where a handoff stands. Waiting and Active are open; the rest are over.</summary>
public enum HandoffState
{
    Waiting,
    Active,
    Closed,
    Released,
    Cancelled,
    Ended,
}

/// <summary>Wire names used in the database, the API and the handoff context.</summary>
public static class HandoffWire
{
    public static string Risk(RiskLevel risk) => risk switch
    {
        RiskLevel.Crisis => "crisis",
        RiskLevel.High => "high",
        _ => "normal",
    };

    public static RiskLevel ParseRisk(string? risk) => risk switch
    {
        "crisis" => RiskLevel.Crisis,
        "high" => RiskLevel.High,
        _ => RiskLevel.Normal,
    };

    public static string Speaker(Speaker speaker) => speaker.ToString().ToLowerInvariant();

    public static Speaker ParseSpeaker(string? speaker) =>
        Enum.TryParse<Speaker>(speaker, ignoreCase: true, out var parsed) ? parsed : Triage.Speaker.Unknown;

    public static string Topic(Topic topic) => topic.ToString().ToLowerInvariant();

    public static IReadOnlyList<Topic> ParseTopics(IEnumerable<string>? topics) =>
        topics is null
            ? []
            : [.. topics.Select(t => Enum.TryParse<Topic>(t, ignoreCase: true, out var parsed) ? (Topic?)parsed : null).OfType<Topic>().Distinct()];

    public static string State(HandoffState state) => state.ToString().ToLowerInvariant();

    public static HandoffState ParseState(string state) => Enum.Parse<HandoffState>(state, ignoreCase: true);

    public static string Scope(ShareScope scope) => scope == ShareScope.Full ? "full" : "summary";

    public static ShareScope ParseScope(string? scope) => scope == "summary" ? ShareScope.SummaryOnly : ShareScope.Full;
}
