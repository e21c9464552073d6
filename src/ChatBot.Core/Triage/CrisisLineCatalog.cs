using System.Globalization;
using System.Text.RegularExpressions;
using ChatBot.Core.Content;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace ChatBot.Core.Triage;

/// <summary>
/// The crisis lines of <c>dialogs/crisis-lines.yaml</c>, with their opening hours as data, evaluated in
/// the catalog's time zone (Asia/Tokyo). A line whose hours are set elsewhere (<c>open: varies</c>,
/// such as the prefectural こころの健康相談統一ダイヤル) is in <see cref="All"/> but never claimed open:
/// sending someone in crisis to a line that may be closed is worse than not naming it.
/// </summary>
internal sealed partial class CrisisLineCatalog : ICrisisLineCatalog
{
    private static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .Build();

    private readonly IReadOnlyList<Entry> _entries;

    private CrisisLineCatalog(TimeZoneInfo timeZone, IReadOnlyList<Entry> entries)
    {
        TimeZone = timeZone;
        _entries = entries;
        All = [.. entries.Select(e => e.Line)];
    }

    public TimeZoneInfo TimeZone { get; }

    /// <summary>Every line in the catalog, in display order, open or not.</summary>
    public IReadOnlyList<CrisisLine> All { get; }

    public IReadOnlyList<CrisisLine> OpenAt(DateTimeOffset at)
    {
        var local = TimeZoneInfo.ConvertTime(at, TimeZone).DateTime;
        return [.. _entries.Where(e => e.IsOpen(local)).Select(e => e.Line)];
    }

    public static CrisisLineCatalog LoadFile(string path, string displayName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new ContentFileException(displayName, "the crisis line catalog does not exist.");
        }

        return Load(displayName, File.ReadAllText(path));
    }

    public static CrisisLineCatalog Load(string file, string yaml)
    {
        CatalogFile model;
        try
        {
            model = Yaml.Deserialize<CatalogFile?>(yaml) ?? throw new ContentFileException(file, "the file is empty.");
        }
        catch (YamlException ex)
        {
            var inner = ex.InnerException?.Message ?? ex.Message;
            throw new ContentFileException(file, $"line {ex.Start.Line}, column {ex.Start.Column}: {inner}", ex);
        }

        if (string.IsNullOrWhiteSpace(model.TimeZone))
        {
            throw new ContentFileException(file, "'time_zone' is required (Asia/Tokyo).");
        }

        TimeZoneInfo zone;
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(model.TimeZone);
        }
        catch (TimeZoneNotFoundException ex)
        {
            throw new ContentFileException(file, $"the time zone '{model.TimeZone}' is not known on this machine (install tzdata).", ex);
        }

        if (model.Lines is null || model.Lines.Count == 0)
        {
            throw new ContentFileException(file, "'lines' lists no crisis line.");
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        var entries = new List<Entry>();
        foreach (var line in model.Lines)
        {
            entries.Add(Compile(file, line, ids));
        }

        // 110/119 first, then the lines open around the clock, then the rest, each in file order.
        var ordered = entries
            .Select((e, i) => (e, i))
            .OrderBy(x => x.e.Line.Always ? 0 : x.e.AroundTheClock ? 1 : 2)
            .ThenBy(x => x.i)
            .Select(x => x.e)
            .ToArray();
        return new CrisisLineCatalog(zone, ordered);
    }

    [GeneratedRegex("^[a-z0-9-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();

    [GeneratedRegex("^(\\+?[0-9]+(-[0-9]+)*|#[0-9]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex PhonePattern();

    [GeneratedRegex("^[0-9]{4}-[0-9]{2}(-[0-9]{2})?$", RegexOptions.CultureInvariant)]
    private static partial Regex CheckedPattern();

    private static Entry Compile(string file, LineEntry line, HashSet<string> ids)
    {
        var id = line.Id;
        if (string.IsNullOrWhiteSpace(id) || !IdPattern().IsMatch(id))
        {
            throw new ContentFileException(file, $"line '{id}': an id is lower-case words joined by hyphens.");
        }

        if (!ids.Add(id))
        {
            throw new ContentFileException(file, $"line '{id}' is listed twice.");
        }

        ContentFileException Fail(string problem) => new(file, $"line '{id}': {problem}");

        var name = Texts(line.Name) ?? throw Fail("'name' needs the text in ja and en.");
        if (string.IsNullOrWhiteSpace(line.Phone) && string.IsNullOrWhiteSpace(line.Url))
        {
            throw Fail("a line needs a 'phone' or a 'url'.");
        }

        if (line.Phone is { } phone && !PhonePattern().IsMatch(phone))
        {
            throw Fail($"'{phone}' is not a phone number (digits and hyphens, e.g. 0120-279-338).");
        }

        if (line.Url is { } url && (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps))
        {
            throw Fail($"'{url}' is not an https address.");
        }

        if (string.IsNullOrWhiteSpace(line.Source))
        {
            throw Fail("'source' (where the number and hours were checked) is required.");
        }

        if (line.LastChecked is null || !CheckedPattern().IsMatch(line.LastChecked))
        {
            throw Fail("'last_checked' is required, as YYYY-MM or YYYY-MM-DD.");
        }

        if (line.Certainty is not ("sure" or "fairly-sure" or "unsure"))
        {
            throw Fail("'certainty' is sure, fairly-sure or unsure.");
        }

        var hours = line.Hours ?? throw Fail("'hours' is required.");
        var text = Texts(hours.Text) ?? throw Fail("'hours.text' needs the text in ja and en.");
        var windows = new List<Window>();
        bool aroundTheClock;
        switch (hours.Open)
        {
            case "24h":
                aroundTheClock = true;
                if (hours.Weekly is not null || hours.Monthly is not null)
                {
                    throw Fail("a line open 24h has no weekly or monthly hours.");
                }

                break;
            case "varies":
                aroundTheClock = false;
                if (hours.Weekly is not null || hours.Monthly is not null)
                {
                    throw Fail("a line whose hours vary has no weekly or monthly hours (it is never shown as open).");
                }

                break;
            case "schedule":
                aroundTheClock = false;
                foreach (var weekly in hours.Weekly ?? [])
                {
                    var days = weekly.Days ?? throw Fail("a weekly entry needs 'days'.");
                    var set = new HashSet<DayOfWeek>();
                    foreach (var day in days)
                    {
                        set.UnionWith(ParseDays(day) ?? throw Fail($"'{day}' is not a day (mon … sun, or every-day)."));
                    }

                    var (from, to) = Times(weekly.From, weekly.To, Fail);
                    windows.Add(new Window(d => set.Contains(d.DayOfWeek), from, to));
                }

                foreach (var monthly in hours.Monthly ?? [])
                {
                    if (monthly.Day is < 1 or > 31)
                    {
                        throw Fail("a monthly entry needs 'day', 1 to 31.");
                    }

                    var dayOfMonth = monthly.Day;
                    var (from, to) = Times(monthly.From, monthly.To, Fail);
                    windows.Add(new Window(d => d.Day == dayOfMonth, from, to));
                }

                if (windows.Count == 0)
                {
                    throw Fail("'open: schedule' needs weekly or monthly hours.");
                }

                break;
            default:
                throw Fail("'hours.open' is 24h, schedule or varies.");
        }

        if (line.Always && !aroundTheClock)
        {
            throw Fail("a line shown always (110/119) must be open 24h.");
        }

        var crisisLine = new CrisisLine(id, name, line.Phone, line.Url, text, line.Always, aroundTheClock);
        return new Entry(crisisLine, hours.Open == "24h", aroundTheClock, windows);
    }

    private static (TimeSpan From, TimeSpan To) Times(string? from, string? to, Func<string, ContentFileException> fail)
    {
        if (!TimeSpan.TryParseExact(from, "hh\\:mm", CultureInfo.InvariantCulture, out var f)
            || !TimeSpan.TryParseExact(to, "hh\\:mm", CultureInfo.InvariantCulture, out var t)
            || f >= TimeSpan.FromDays(1) || t >= TimeSpan.FromDays(1))
        {
            throw fail($"hours need 'from' and 'to' as HH:MM ('{from}'–'{to}').");
        }

        return (f, t);
    }

    private static DayOfWeek[]? ParseDays(string day) => day switch
    {
        "every-day" => Enum.GetValues<DayOfWeek>(),
        "mon" => [DayOfWeek.Monday],
        "tue" => [DayOfWeek.Tuesday],
        "wed" => [DayOfWeek.Wednesday],
        "thu" => [DayOfWeek.Thursday],
        "fri" => [DayOfWeek.Friday],
        "sat" => [DayOfWeek.Saturday],
        "sun" => [DayOfWeek.Sunday],
        _ => null,
    };

    private static Dictionary<string, string>? Texts(Dictionary<string, string>? texts) =>
        texts is not null && texts.TryGetValue("ja", out var ja) && !string.IsNullOrWhiteSpace(ja)
            && texts.TryGetValue("en", out var en) && !string.IsNullOrWhiteSpace(en)
            ? new Dictionary<string, string>(texts, StringComparer.Ordinal)
            : null;

    /// <summary>
    /// A daily window starting on the days <paramref name="OnDay"/> accepts, from <paramref name="From"/>
    /// to <paramref name="To"/>; when To is not after From the window runs into the next day
    /// (08:00–08:00 is twenty-four hours).
    /// </summary>
    private sealed record Window(Func<DateTime, bool> OnDay, TimeSpan From, TimeSpan To)
    {
        public bool Contains(DateTime local)
        {
            // The window may have started today or, running past midnight, yesterday.
            for (var back = 0; back <= 1; back++)
            {
                var day = local.Date.AddDays(-back);
                if (!OnDay(day))
                {
                    continue;
                }

                var start = day + From;
                var end = To > From ? day + To : day.AddDays(1) + To;
                if (local >= start && local < end)
                {
                    return true;
                }
            }

            return false;
        }
    }

    private sealed record Entry(CrisisLine Line, bool Open24h, bool AroundTheClock, IReadOnlyList<Window> Windows)
    {
        public bool IsOpen(DateTime local) => Open24h || Windows.Any(w => w.Contains(local));
    }

#pragma warning disable CA1812, CA2227, CA1002 // YamlDotNet fills these.
    private sealed class CatalogFile
    {
        public string? TimeZone { get; set; }

        public List<LineEntry>? Lines { get; set; }
    }

    private sealed class LineEntry
    {
        public string? Id { get; set; }

        public Dictionary<string, string>? Name { get; set; }

        public string? Phone { get; set; }

        public string? Url { get; set; }

        public bool Always { get; set; }

        public HoursEntry? Hours { get; set; }

        public string? Certainty { get; set; }

        public string? Source { get; set; }

        public string? LastChecked { get; set; }

        public string? Note { get; set; }
    }

    private sealed class HoursEntry
    {
        public string? Open { get; set; }

        public Dictionary<string, string>? Text { get; set; }

        public List<WeeklyEntry>? Weekly { get; set; }

        public List<MonthlyEntry>? Monthly { get; set; }
    }

    private sealed class WeeklyEntry
    {
        public List<string>? Days { get; set; }

        public string? From { get; set; }

        public string? To { get; set; }
    }

    private sealed class MonthlyEntry
    {
        public int Day { get; set; }

        public string? From { get; set; }

        public string? To { get; set; }
    }
#pragma warning restore CA1812, CA2227, CA1002
}
