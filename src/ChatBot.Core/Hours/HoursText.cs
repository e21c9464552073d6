using System.Globalization;

namespace ChatBot.Core.Hours;

/// <summary>Dates, times and opening hours written for a person, in Japanese or English.</summary>
public static class HoursText
{
    private static readonly string[] JapaneseDays = ["日", "月", "火", "水", "木", "金", "土"];
    private static readonly string[] EnglishDays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
    private static readonly string[] EnglishMonths = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    /// <summary>
    /// A moment relative to <paramref name="now"/> (both wall-clock times): 「今日の13:00」「明日（火）9:00」
    /// 「12月1日（火）9:00」; "today at 13:00", "tomorrow (Tue) at 9:00", "Tue 1 Dec at 9:00".
    /// </summary>
    public static string Moment(DateTime at, DateTime now, string locale)
    {
        var days = DateOnly.FromDateTime(at).DayNumber - DateOnly.FromDateTime(now).DayNumber;
        var time = at.ToString("H:mm", CultureInfo.InvariantCulture);
        var dow = (int)at.DayOfWeek;
        if (IsEnglish(locale))
        {
            return days switch
            {
                0 => $"today at {time}",
                1 => $"tomorrow ({EnglishDays[dow]}) at {time}",
                _ => $"{EnglishDays[dow]} {at.Day} {EnglishMonths[at.Month - 1]} at {time}",
            };
        }

        return days switch
        {
            0 => $"今日の{time}",
            1 => $"明日（{JapaneseDays[dow]}）{time}",
            _ => $"{at.Month}月{at.Day}日（{JapaneseDays[dow]}）{time}",
        };
    }

    /// <summary>
    /// 「月〜金 9:00〜17:00」, "Mon–Fri 9:00–17:00"; several periods are joined with a comma; with
    /// <paramref name="closedOnHolidays"/>, 「（祝日・年末年始を除く）」 is added.
    /// </summary>
    public static string Schedule(WeeklySchedule schedule, string locale, bool closedOnHolidays = false)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var english = IsEnglish(locale);
        if (schedule.IsAlways)
        {
            return english ? "24 hours, every day" : "24時間・毎日";
        }

        var parts = schedule.Periods.Select(p =>
        {
            var dash = english ? "–" : "〜";
            var close = p.Close is null ? "24:00" : p.Close.Value.ToString("H:mm", CultureInfo.InvariantCulture);
            return $"{Days(p.Days, english)} {p.Open.ToString("H:mm", CultureInfo.InvariantCulture)}{dash}{close}";
        });
        var text = string.Join(english ? ", " : "、", parts);
        return !closedOnHolidays ? text
            : english ? text + " (except public holidays and the New Year break)"
            : text + "（祝日・年末年始を除く）";
    }

    private static string Days(IReadOnlySet<DayOfWeek> days, bool english)
    {
        var names = english ? EnglishDays : JapaneseDays;
        if (days.Count == 7)
        {
            return english ? "Every day" : "毎日";
        }

        // Runs of consecutive days, Monday first (the way Japanese office hours are written).
        var order = new[] { 1, 2, 3, 4, 5, 6, 0 };
        var runs = new List<string>();
        var i = 0;
        while (i < order.Length)
        {
            if (!days.Contains((DayOfWeek)order[i]))
            {
                i++;
                continue;
            }

            var start = i;
            while (i + 1 < order.Length && days.Contains((DayOfWeek)order[i + 1]))
            {
                i++;
            }

            var dash = english ? "–" : "〜";
            runs.Add(i - start >= 2 ? $"{names[order[start]]}{dash}{names[order[i]]}"
                : string.Join(english ? ", " : "・", Enumerable.Range(start, i - start + 1).Select(k => names[order[k]])));
            i++;
        }

        return string.Join(english ? ", " : "・", runs);
    }

    private static bool IsEnglish(string locale) => locale.StartsWith("en", StringComparison.OrdinalIgnoreCase);
}
