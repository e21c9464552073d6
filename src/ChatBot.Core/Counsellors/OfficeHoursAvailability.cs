using ChatBot.Core.Dialogs;
using ChatBot.Core.Hours;
using Microsoft.Extensions.Options;

namespace ChatBot.Core.Counsellors;

/// <summary>The office hours alone: open during the configured hours, except on holidays (presence is added by the handoff).</summary>
internal sealed class OfficeHoursAvailability : ICounsellorAvailability
{
    private readonly OfficeHoursOptions _options;
    private readonly IDialogContentProvider _content;
    private readonly TimeProvider _time;
    private readonly Lazy<(WeeklySchedule Schedule, TimeZoneInfo Zone, HolidayCalendar Holidays)> _settings;

    public OfficeHoursAvailability(IOptions<OfficeHoursOptions> options, IDialogContentProvider content, TimeProvider time)
    {
        _options = options.Value;
        _content = content;
        _time = time;
        _settings = new(() => (_options.Schedule(), _options.ResolveTimeZone(), _content.Current.Holidays.With(_options.ExtraHolidays())));
    }

    public ValueTask<CounsellorAvailability> CheckAsync(CancellationToken cancellationToken)
    {
        var (schedule, zone, holidays) = _settings.Value;
        var now = _time.GetUtcNow();
        var local = TimeZoneInfo.ConvertTime(now, zone).DateTime;
        bool Closed(DateOnly day) => _options.ClosedOnHolidays && holidays.IsHoliday(day);
        var next = schedule.NextOpening(local, Closed);
        DateTimeOffset? nextAt = next is null ? null : new DateTimeOffset(next.Value, zone.GetUtcOffset(next.Value));
        var open = schedule.IsOpen(local, Closed);
        return ValueTask.FromResult(new CounsellorAvailability(open, nextAt, schedule, _options.ClosedOnHolidays && !schedule.IsAlways, InHours: open));
    }
}
