using ChatBot.Core.Hours;

namespace ChatBot.Core.Tests.Hours;

public sealed class WeeklyScheduleTests
{
    private static readonly Func<DateOnly, bool> NoHolidays = _ => false;

    [Theory]
    [InlineData("2026-12-01T09:00", true)]
    [InlineData("2026-12-01T16:59", true)]
    [InlineData("2026-12-01T17:00", false)]
    [InlineData("2026-12-01T08:59", false)]
    [InlineData("2026-12-05T10:00", false)]
    public void Weekday_office_hours(string local, bool open)
    {
        var schedule = Parse("Mon-Fri 09:00-17:00");

        Assert.Equal(open, schedule.IsOpen(DateTime.Parse(local, System.Globalization.CultureInfo.InvariantCulture), NoHolidays));
    }

    [Theory]
    [InlineData("2026-12-01T22:00", true)]
    [InlineData("2026-12-02T07:59", true)]
    [InlineData("2026-12-02T08:00", false)]
    [InlineData("2026-12-01T17:59", false)]
    public void A_period_that_ends_before_it_starts_runs_past_midnight(string local, bool open)
    {
        var schedule = Parse("daily 18:00-08:00");

        Assert.Equal(open, schedule.IsOpen(DateTime.Parse(local, System.Globalization.CultureInfo.InvariantCulture), NoHolidays));
    }

    [Fact]
    public void Closed_on_a_holiday_and_the_next_opening_skips_it()
    {
        var schedule = Parse("Mon-Fri 09:00-17:00");
        var holiday = new DateOnly(2027, 1, 11);
        bool Closed(DateOnly d) => d == holiday;

        Assert.False(schedule.IsOpen(new DateTime(2027, 1, 11, 10, 0, 0), Closed));
        Assert.Equal(new DateTime(2027, 1, 12, 9, 0, 0), schedule.NextOpening(new DateTime(2027, 1, 11, 10, 0, 0), Closed));
    }

    [Fact]
    public void The_next_opening_is_now_when_open()
    {
        var now = new DateTime(2026, 12, 1, 10, 0, 0);

        Assert.Equal(now, Parse("Mon-Fri 09:00-17:00").NextOpening(now, NoHolidays));
    }

    [Fact]
    public void Several_periods_and_lists_of_days()
    {
        var schedule = Parse("Tue,Thu 13:00-17:00", "Sat 10:00-12:00");

        Assert.True(schedule.IsOpen(new DateTime(2026, 12, 3, 14, 0, 0), NoHolidays));
        Assert.True(schedule.IsOpen(new DateTime(2026, 12, 5, 11, 0, 0), NoHolidays));
        Assert.False(schedule.IsOpen(new DateTime(2026, 12, 2, 14, 0, 0), NoHolidays));
        Assert.Equal(new DateTime(2026, 12, 5, 10, 0, 0), schedule.NextOpening(new DateTime(2026, 12, 3, 17, 0, 0), NoHolidays));
    }

    [Fact]
    public void Always_open()
    {
        var schedule = Parse("24h");

        Assert.True(schedule.IsAlways);
        Assert.True(schedule.IsOpen(new DateTime(2027, 1, 1, 3, 0, 0), _ => true));
    }

    [Theory]
    [InlineData("Monday 09:00-17:00")]
    [InlineData("Mon-Fri 9-17")]
    [InlineData("Mon-Fri")]
    [InlineData("Mon-Fri 25:00-26:00")]
    public void Unreadable_hours_are_rejected_with_a_reason(string line)
    {
        Assert.Null(WeeklySchedule.Parse([line], out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void Hours_are_written_for_people()
    {
        var schedule = Parse("Mon-Fri 09:00-17:00", "Sat 10:00-12:00");

        Assert.Equal("月〜金 9:00〜17:00、土 10:00〜12:00（祝日・年末年始を除く）", HoursText.Schedule(schedule, "ja", closedOnHolidays: true));
        Assert.Equal("Mon–Fri 9:00–17:00, Sat 10:00–12:00", HoursText.Schedule(schedule, "en"));
    }

    [Theory]
    [InlineData("2026-12-01T13:00", "ja", "今日の13:00")]
    [InlineData("2026-12-02T09:00", "ja", "明日（水）9:00")]
    [InlineData("2027-01-04T09:00", "ja", "1月4日（月）9:00")]
    [InlineData("2026-12-02T09:00", "en", "tomorrow (Wed) at 9:00")]
    [InlineData("2027-01-04T09:00", "en", "Mon 4 Jan at 9:00")]
    public void Moments_are_written_relative_to_now(string at, string locale, string expected)
    {
        var now = new DateTime(2026, 12, 1, 10, 0, 0);

        Assert.Equal(expected, HoursText.Moment(DateTime.Parse(at, System.Globalization.CultureInfo.InvariantCulture), now, locale));
    }

    private static WeeklySchedule Parse(params string[] lines) =>
        WeeklySchedule.Parse(lines, out var error) ?? throw new InvalidOperationException(error);
}
