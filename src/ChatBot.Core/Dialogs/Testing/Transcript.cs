using ChatBot.Core.Triage;

namespace ChatBot.Core.Dialogs.Testing;

/// <summary>One conversation test of <c>dialogs/tests/*.yaml</c>: a sequence of turns and what the bot must do in each.</summary>
/// <param name="CounsellorsOnline">Whether a counsellor is signed in (the tests' hours are weekdays 9:00–17:00, closed on holidays).</param>
public sealed record TranscriptScenario(string Name, string Locale, DateTimeOffset Start, IReadOnlyList<TranscriptTurn> Turns, SourceLocation Where, bool CounsellorsOnline = true)
{
    public override string ToString() => Name;
}

public enum TranscriptTurnKind
{
    /// <summary>The person opens the chat (a conversationUpdate with the person joining).</summary>
    Join,

    /// <summary>The person sends a message.</summary>
    User,

    /// <summary>The service restarts: a new bot on the same database.</summary>
    Restart,

    /// <summary>The clock moves to <see cref="TranscriptTurn.At"/>.</summary>
    Clock,
}

/// <summary>
/// A turn and its expectations. Null expectations are not checked. <see cref="Choices"/> is the exact list
/// of buttons shown last in the turn (empty: none). <see cref="Vars"/> maps a variable to its value after
/// the turn (null: not set).
/// </summary>
public sealed record TranscriptTurn(
    TranscriptTurnKind Kind,
    SourceLocation Where,
    string? Text = null,
    DateTimeOffset? At = null,
    RiskLevel Risk = RiskLevel.Normal,
    IReadOnlyList<Topic>? Topics = null,
    Speaker Speaker = Speaker.Unknown,
    IReadOnlyList<string>? Says = null,
    IReadOnlyList<string>? NotSays = null,
    IReadOnlyList<string>? Choices = null,
    IReadOnlyList<string>? Actions = null,
    IReadOnlyDictionary<string, string?>? Vars = null,
    string? ReplyLocale = null,
    bool? Silent = null,
    bool Tentative = false)
{
    public string Describe() => Kind switch
    {
        TranscriptTurnKind.User => $"user: \"{Shorten(Text)}\"" + (Risk != RiskLevel.Normal ? $" (triage: {Risk.ToString().ToLowerInvariant()})" : string.Empty),
        TranscriptTurnKind.Join => "join",
        TranscriptTurnKind.Restart => "restart",
        _ => $"clock: {At:yyyy-MM-dd HH:mm zzz}",
    };

    private static string Shorten(string? text) =>
        text is null ? string.Empty : text.Length > 40 ? text[..40] + $"… ({text.Length} characters)" : text;
}

/// <summary>A crisis line the conversation tests show instead of the real catalog (<c>dialogs/tests/fixtures/crisis-lines.yaml</c>).</summary>
public sealed record FixtureCrisisLine(CrisisLine Line, Hours.WeeklySchedule Open);
