namespace ChatBot.Core.Hours;

/// <summary>
/// Days on which offices are closed: national holidays and the year-end closure, read from
/// <c>dialogs/calendar/holidays.yaml</c>, plus any local closures from configuration.
/// </summary>
public sealed class HolidayCalendar
{
    private readonly IReadOnlyDictionary<DateOnly, string> _days;

    public HolidayCalendar(IReadOnlyDictionary<DateOnly, string> days)
    {
        _days = days;
    }

    public static HolidayCalendar Empty { get; } = new(new Dictionary<DateOnly, string>());

    public IReadOnlyDictionary<DateOnly, string> Days => _days;

    public bool IsHoliday(DateOnly date) => _days.ContainsKey(date);

    /// <summary>This calendar with more closed days added (for example a municipality's own closures).</summary>
    public HolidayCalendar With(IEnumerable<DateOnly> extra)
    {
        ArgumentNullException.ThrowIfNull(extra);
        var days = new Dictionary<DateOnly, string>(_days);
        foreach (var day in extra)
        {
            days.TryAdd(day, "closed");
        }

        return new HolidayCalendar(days);
    }
}
