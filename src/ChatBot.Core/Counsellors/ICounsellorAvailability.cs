using ChatBot.Core.Hours;

namespace ChatBot.Core.Counsellors;

/// <summary>
/// Whether a counsellor can answer now, and when one will next. Without the handoff this is office hours
/// and holidays from configuration; the handoff replaces it with "inside those hours AND a counsellor
/// signed in and active", so the dialogs and the handoff queue never disagree.
/// </summary>
public interface ICounsellorAvailability
{
    ValueTask<CounsellorAvailability> CheckAsync(CancellationToken cancellationToken);

    /// <summary>For a conversation of one municipality: only counsellors serving <paramref name="team"/> count.</summary>
    ValueTask<CounsellorAvailability> CheckAsync(string? team, CancellationToken cancellationToken) => CheckAsync(cancellationToken);
}

/// <param name="AvailableNow">A counsellor can answer now.</param>
/// <param name="NextAvailableAt">When counsellors are next on duty (now when available; null when nothing is scheduled in the next weeks, or when it is within hours but nobody is signed in).</param>
/// <param name="Hours">The regular hours, to tell people.</param>
/// <param name="ClosedOnHolidays">Counsellors are off on public holidays and over the New Year.</param>
/// <param name="InHours">Inside the working hours (with the handoff, a counsellor may still be unavailable: nobody signed in).</param>
public sealed record CounsellorAvailability(bool AvailableNow, DateTimeOffset? NextAvailableAt, WeeklySchedule Hours, bool ClosedOnHolidays, bool InHours);
