using ChatBot.Core.Triage;

namespace ChatBot.Core.Callback;

/// <summary>Where a call-back request is.</summary>
public enum CallbackState
{
    /// <summary>The person consented and is being asked for the contact; counsellors do not see it yet.</summary>
    Collecting,

    /// <summary>A contact was left; waiting for a counsellor to take it.</summary>
    Open,

    /// <summary>A counsellor took it; only they can see the contact.</summary>
    Claimed,

    /// <summary>Done (reached, not reached, withdrawn, expired): the contact is deleted, a minimal record stays.</summary>
    Closed,
}

/// <summary>How a call-back ended.</summary>
public enum CallbackOutcome
{
    Reached,
    NotReached,
    Withdrawn,
    Expired,
}

/// <summary>
/// A call-back request as stored, without the contact (which only <see cref="CallbackStore.RevealAsync"/>
/// decrypts, for the holder). <see cref="Summary"/> is the person's last messages, already redacted.
/// </summary>
public sealed record CallbackRequest(
    string Id,
    string ConversationId,
    string ChannelId,
    string Locale,
    CallbackState State,
    RiskLevel Risk,
    string Summary,
    ContactKind? ContactKind,
    string? PreferredWindow,
    DateTimeOffset RequestedAt,
    DateTimeOffset ExpiresAt,
    string? ClaimedBy,
    DateTimeOffset? ClaimedAt,
    DateTimeOffset? ClosedAt,
    string? ClosedBy,
    CallbackOutcome? Outcome,
    string? Team = null);

/// <summary>The times of day a person can choose to be called (the button ids of the flow).</summary>
public static class CallbackWindows
{
    public static readonly IReadOnlyList<string> All = ["weekday-day", "weekday-evening", "weekend", "any"];

    public static bool IsKnown(string? window) => window is not null && All.Contains(window, StringComparer.Ordinal);
}

/// <summary>The wire names of states, outcomes and kinds (lower-case, hyphenated), in the database and the console API.</summary>
public static class CallbackWire
{
    public static string State(CallbackState state) => state switch
    {
        CallbackState.Collecting => "collecting",
        CallbackState.Open => "open",
        CallbackState.Claimed => "claimed",
        _ => "closed",
    };

    public static CallbackState ParseState(string value) => value switch
    {
        "collecting" => CallbackState.Collecting,
        "open" => CallbackState.Open,
        "claimed" => CallbackState.Claimed,
        _ => CallbackState.Closed,
    };

    public static string Outcome(CallbackOutcome outcome) => outcome switch
    {
        CallbackOutcome.Reached => "reached",
        CallbackOutcome.NotReached => "not-reached",
        CallbackOutcome.Withdrawn => "withdrawn",
        _ => "expired",
    };

    public static CallbackOutcome? ParseOutcome(string? value) => value switch
    {
        "reached" => CallbackOutcome.Reached,
        "not-reached" => CallbackOutcome.NotReached,
        "withdrawn" => CallbackOutcome.Withdrawn,
        "expired" => CallbackOutcome.Expired,
        _ => null,
    };

    public static string Kind(ContactKind kind) => kind == ContactKind.Email ? "email" : "phone";

    public static ContactKind? ParseKind(string? value) => value switch
    {
        "email" => ContactKind.Email,
        "phone" => ContactKind.Phone,
        _ => null,
    };

    public static string Risk(RiskLevel risk) => risk switch
    {
        RiskLevel.Crisis => "crisis",
        RiskLevel.High => "high",
        _ => "normal",
    };
}
