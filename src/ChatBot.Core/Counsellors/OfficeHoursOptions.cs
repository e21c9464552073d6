using System.Globalization;
using ChatBot.Core.Hours;
using Microsoft.Extensions.Options;

namespace ChatBot.Core.Counsellors;

/// <summary>
/// When counsellors work: the one place the service's hours are set (the dialogs' 「いまは相談員がいない時間」,
/// the handoff's wait estimate and the console all read it). A counsellor is available when these hours
/// are open AND someone is signed in and active (see <c>ChatBot.Core.Handoff.ICounsellorPresence</c>).
/// The embedded default sets no limit (<c>24h</c>): a signed-in counsellor makes the service available at
/// any time. Bound from <c>Counsellors:OfficeHours</c>, for example:
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

    /// <summary>Used when <see cref="Weekly"/> is empty: no hours limit (holidays included).</summary>
    public const string DefaultWeekly = "24h";

    /// <summary>The time zone every opening hour is written in (IANA id).</summary>
    public string TimeZone { get; set; } = "Asia/Tokyo";

    /// <summary>
    /// Opening periods such as <c>Mon-Fri 09:00-17:00</c>, or <c>24h</c>. Empty means <see cref="DefaultWeekly"/>
    /// (kept empty by default because configuration binding adds to a list rather than replacing it).
    /// </summary>
    public IList<string> Weekly { get; } = [];

    /// <summary>Counsellors are off on the holidays of the calendar and of <see cref="Holidays"/> (not with <c>24h</c>, which has no limit).</summary>
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
