using System.Globalization;

namespace ChatBot.Core.Hours;

/// <summary>
/// Opening hours in a week, written the way a person would: <c>Mon-Fri 09:00-17:00</c>,
/// <c>Sat 10:00-12:00</c>, <c>daily 22:00-06:00</c> (a period that ends at or before it starts runs
/// past midnight), or <c>24h</c> for always open. Times are wall-clock times in the service's time zone.
/// </summary>
public sealed class WeeklySchedule
{
    private static readonly string[] DayNames = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

    private WeeklySchedule(IReadOnlyList<OpeningPeriod> periods, bool always)
    {
        Periods = periods;
        IsAlways = always;
    }

    /// <summary>Open every hour of every day (holidays included).</summary>
    public static WeeklySchedule Always { get; } = new([], always: true);

    public IReadOnlyList<OpeningPeriod> Periods { get; }

    public bool IsAlways { get; }

    /// <summary>Parses lines such as <c>Mon-Fri 09:00-17:00</c>. Returns null and an error for a line that does not parse.</summary>
    public static WeeklySchedule? Parse(IEnumerable<string> lines, out string? error)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var periods = new List<OpeningPeriod>();
        foreach (var raw in lines)
        {
            var line = raw?.Trim() ?? string.Empty;
            if (line.Equals("24h", StringComparison.OrdinalIgnoreCase))
            {
                error = null;
                return Always;
            }

            var period = ParsePeriod(line, out error);
            if (period is null)
            {
                return null;
            }

            periods.Add(period);
        }

        if (periods.Count == 0)
        {
            error = "no opening hours given (write e.g. \"Mon-Fri 09:00-17:00\", or \"24h\")";
            return null;
        }

        error = null;
        return new WeeklySchedule(periods, always: false);
    }

    /// <summary>Whether the place is open at <paramref name="local"/> (wall-clock time).</summary>
    public bool IsOpen(DateTime local, Func<DateOnly, bool> isClosedDay)
    {
        ArgumentNullException.ThrowIfNull(isClosedDay);
        if (IsAlways)
        {
            return true;
        }

        var date = DateOnly.FromDateTime(local);
        var time = TimeOnly.FromDateTime(local);
        var yesterday = date.AddDays(-1);
        foreach (var p in Periods)
        {
            if (!p.Overnight)
            {
                if (p.Days.Contains(date.DayOfWeek) && !isClosedDay(date) && time >= p.Open && (p.Close is null || time < p.Close))
                {
                    return true;
                }

                continue;
            }

            if (p.Days.Contains(date.DayOfWeek) && !isClosedDay(date) && time >= p.Open)
            {
                return true;
            }

            if (p.Days.Contains(yesterday.DayOfWeek) && !isClosedDay(yesterday) && time < p.Close)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The next moment the place is open, at or after <paramref name="local"/>, looking up to three
    /// weeks ahead (long enough for the year-end closure). Null when nothing opens in that time.
    /// </summary>
    public DateTime? NextOpening(DateTime local, Func<DateOnly, bool> isClosedDay)
    {
        ArgumentNullException.ThrowIfNull(isClosedDay);
        if (IsOpen(local, isClosedDay))
        {
            return local;
        }

        var today = DateOnly.FromDateTime(local);
        for (var offset = 0; offset <= 21; offset++)
        {
            var date = today.AddDays(offset);
            if (isClosedDay(date))
            {
                continue;
            }

            DateTime? best = null;
            foreach (var p in Periods.Where(p => p.Days.Contains(date.DayOfWeek)))
            {
                var start = date.ToDateTime(p.Open);
                if (start > local && (best is null || start < best))
                {
                    best = start;
                }
            }

            if (best is not null)
            {
                return best;
            }
        }

        return null;
    }

    private static OpeningPeriod? ParsePeriod(string line, out string? error)
    {
        var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length != 2)
        {
            error = $"'{line}' is not of the form \"Mon-Fri 09:00-17:00\"";
            return null;
        }

        var days = ParseDays(parts[0]);
        if (days is null)
        {
            error = $"'{parts[0]}' is not a day or range of days (Mon, Tue, Wed, Thu, Fri, Sat, Sun, Mon-Fri, Mon,Wed or daily)";
            return null;
        }

        var times = parts[1].Split('-');
        if (times.Length != 2 || !TryParseTime(times[0], out var open) || !TryParseTime(times[1], out var close) || open is null)
        {
            error = $"'{parts[1]}' is not a time range such as 09:00-17:00";
            return null;
        }

        error = null;
        return new OpeningPeriod(days, open.Value, close);
    }

    private static HashSet<DayOfWeek>? ParseDays(string text)
    {
        var lower = text.ToLowerInvariant();
        if (lower is "daily")
        {
            return [.. Enum.GetValues<DayOfWeek>()];
        }

        var result = new HashSet<DayOfWeek>();
        foreach (var item in lower.Split(','))
        {
            var range = item.Split('-');
            var from = Array.IndexOf(DayNames, range[0]);
            var to = range.Length == 2 ? Array.IndexOf(DayNames, range[1]) : from;
            if (from < 0 || to < 0 || range.Length > 2)
            {
                return null;
            }

            for (var d = from; ; d = (d + 1) % 7)
            {
                result.Add((DayOfWeek)d);
                if (d == to)
                {
                    break;
                }
            }
        }

        return result;
    }

    /// <summary>HH:mm; 24:00 means the end of the day and parses as null.</summary>
    private static bool TryParseTime(string text, out TimeOnly? time)
    {
        if (text == "24:00")
        {
            time = null;
            return true;
        }

        if (TimeOnly.TryParseExact(text, ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            time = parsed;
            return true;
        }

        time = null;
        return false;
    }
}

/// <summary>One opening period: on <see cref="Days"/>, from <see cref="Open"/> until <see cref="Close"/> (null = midnight).</summary>
public sealed record OpeningPeriod(IReadOnlySet<DayOfWeek> Days, TimeOnly Open, TimeOnly? Close)
{
    /// <summary>Ends on the next day (e.g. 22:00-06:00).</summary>
    public bool Overnight => Close is not null && Close <= Open;
}
