using ChatBot.Core.Hours;

namespace ChatBot.Core.Counsellors;

/// <summary>
/// Whether a counsellor can answer now, and when one will next. Today this is office hours and
/// holidays from configuration; the handoff work replaces it with "on duty and signed in".
/// </summary>
public interface ICounsellorAvailability
{
    ValueTask<CounsellorAvailability> CheckAsync(CancellationToken cancellationToken);
}

/// <param name="AvailableNow">A counsellor can answer now.</param>
/// <param name="NextAvailableAt">When counsellors are next on duty (now when available; null when nothing is scheduled in the next weeks).</param>
/// <param name="Hours">The regular hours, to tell people.</param>
/// <param name="ClosedOnHolidays">Counsellors are off on public holidays and over the New Year.</param>
public sealed record CounsellorAvailability(bool AvailableNow, DateTimeOffset? NextAvailableAt, WeeklySchedule Hours, bool ClosedOnHolidays);
