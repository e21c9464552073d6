using System.Globalization;
using ChatBot.Core.Hours;
using Microsoft.Extensions.Options;

namespace ChatBot.Core.Counsellors;

/// <summary>
/// When counsellors are on duty. Bound from <c>Counsellors:OfficeHours</c>:
/// <code>
/// "Counsellors": { "OfficeHours": {
///   "TimeZone": "Asia/Tokyo",
///   "Weekly": [ "Mon-Fri 09:00-17:00" ],
///   "ClosedOnHolidays": true,
///   "Holidays": [ "2027-08-13" ] } }
/// </code>
/// National holidays and the year-end closure come from <c>dialogs/calendar/holidays.yaml</c>;
/// <see cref="Holidays"/> adds the operator's own closed days.
/// </summary>
public sealed class OfficeHoursOptions
{
    public const string SectionName = "Counsellors:OfficeHours";

    /// <summary>Used when <see cref="Weekly"/> is empty: weekdays 9:00–17:00.</summary>
    public const string DefaultWeekly = "Mon-Fri 09:00-17:00";

    /// <summary>The time zone every opening hour is written in (IANA id).</summary>
    public string TimeZone { get; set; } = "Asia/Tokyo";

    /// <summary>
    /// Opening periods such as <c>Mon-Fri 09:00-17:00</c>. Empty means <see cref="DefaultWeekly"/>
    /// (kept empty by default because configuration binding adds to a list rather than replacing it).
    /// </summary>
    public IList<string> Weekly { get; } = [];

    /// <summary>Counsellors are off on the holidays of the calendar and of <see cref="Holidays"/>.</summary>
    public bool ClosedOnHolidays { get; set; } = true;

    /// <summary>Extra closed days, written YYYY-MM-DD.</summary>
    public IList<string> Holidays { get; } = [];

    public WeeklySchedule Schedule() =>
        WeeklySchedule.Parse(Weekly.Count == 0 ? [DefaultWeekly] : Weekly, out var error)
        ?? throw new InvalidOperationException($"{SectionName}:Weekly: {error}");

    public TimeZoneInfo ResolveTimeZone() => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    public IEnumerable<DateOnly> ExtraHolidays() =>
        Holidays.Select(d => DateOnly.ParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture));
}

/// <summary>Stops the service at start when the office hours cannot be read.</summary>
internal sealed class OfficeHoursOptionsValidator : IValidateOptions<OfficeHoursOptions>
{
    public ValidateOptionsResult Validate(string? name, OfficeHoursOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (WeeklySchedule.Parse(options.Weekly.Count == 0 ? [OfficeHoursOptions.DefaultWeekly] : options.Weekly, out var error) is null)
        {
            failures.Add($"{OfficeHoursOptions.SectionName}:Weekly: {error}");
        }

        try
        {
            options.ResolveTimeZone();
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            failures.Add($"{OfficeHoursOptions.SectionName}:TimeZone: '{options.TimeZone}' is not a known time zone");
        }

        foreach (var day in options.Holidays.Where(d => !DateOnly.TryParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)))
        {
            failures.Add($"{OfficeHoursOptions.SectionName}:Holidays: '{day}' is not a date written as YYYY-MM-DD");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
