using ChatBot.Core.Dialogs;
using ChatBot.Core.Hours;
using ChatBot.Core.Triage;
using Microsoft.Bot.Schema;

namespace ChatBot.Core.Resources;

/// <summary>
/// The support catalog from <c>dialogs/resources/</c>: kinds of need, areas (prefecture, municipality)
/// and the windows that serve them. Files marked <c>sample: true</c> hold made-up example data.
/// </summary>
public sealed record ResourceCatalog(IReadOnlyList<NeedDefinition> Needs, IReadOnlyList<Area> Areas, IReadOnlyList<ResourceEntry> Entries)
{
    public static ResourceCatalog Empty { get; } = new([], [], []);

    /// <summary>The area a person named ("サンプル市", "さんぷるし", "Sample City"), by name or alias; null when unknown.</summary>
    public Area? FindArea(string? text)
    {
        var typed = TextMatcher.Normalize(text);
        if (typed.Length == 0)
        {
            return null;
        }

        var exact = Areas.FirstOrDefault(a => Names(a).Any(n => n == typed));
        if (exact is not null)
        {
            return exact;
        }

        // "サンプル市です", "サンプル県のサンプル町に住んでいます": the most local area the message names.
        var mentioned = Areas
            .Select(a => (Area: a, Name: Names(a).Where(n => n.Length >= 2 && typed.Contains(n, StringComparison.Ordinal)).MaxBy(n => n.Length)))
            .Where(x => x.Name is not null)
            .ToList();
        return mentioned.Count == 0 ? null : mentioned.OrderByDescending(x => AreaAndWider(x.Area).Count).ThenByDescending(x => x.Name!.Length).First().Area;
    }

    /// <summary>
    /// The municipality a conversation belongs to: its tenant (a municipality's LINE channel sets it) when that names
    /// an area of the catalog; null otherwise (the web chat, or a tenant that is not a municipality of ours).
    /// </summary>
    public Area? Municipality(IActivity? activity) => AreaById(activity?.Conversation?.TenantId);

    /// <summary>The area with this id (as the catalog's files write it), or null.</summary>
    public Area? AreaById(string? id) =>
        string.IsNullOrEmpty(id) ? null : Areas.FirstOrDefault(a => string.Equals(a.Id, id, StringComparison.Ordinal));

    /// <summary>The counsellor team of a conversation: its municipality's id (null: any counsellor's).</summary>
    public string? TeamOf(IActivity? activity) => Municipality(activity)?.Id;

    /// <summary>The needs whose triage topics were seen (for example money → 生活の困りごと).</summary>
    public IEnumerable<string> NeedsForTopics(IEnumerable<Topic> topics)
    {
        var seen = topics.ToHashSet();
        return Needs.Where(n => n.Topics.Any(seen.Contains)).Select(n => n.Id);
    }

    /// <summary>
    /// Windows for a person: in their area or a wider one it belongs to, or national; those serving one of
    /// <paramref name="needs"/> first (in the order the needs are given), then in catalog order.
    /// With no area, every area's windows are candidates.
    /// </summary>
    public IReadOnlyList<ResourceEntry> Search(Area? area, IReadOnlyList<string> needs, int limit)
    {
        ArgumentNullException.ThrowIfNull(needs);
        var areas = area is null ? null : AreaAndWider(area);
        int Need(ResourceEntry e)
        {
            for (var i = 0; i < needs.Count; i++)
            {
                if (e.Needs.Contains(needs[i]))
                {
                    return i;
                }
            }

            return int.MaxValue;
        }

        // Closer is first: the person's own municipality, then the prefecture, then national services.
        int Distance(ResourceEntry e) => e.Area is null ? int.MaxValue : areas is null ? 0 : areas.IndexOf(e.Area);

        return Entries
            .Select((e, index) => (Entry: e, Need: Need(e), Distance: Distance(e), Index: index))
            .Where(x => x.Distance >= 0)
            .Where(x => needs.Count == 0 || x.Need != int.MaxValue)
            .OrderBy(x => x.Need).ThenBy(x => x.Distance).ThenBy(x => x.Index)
            .Take(limit)
            .Select(x => x.Entry)
            .ToList();
    }

    /// <summary>Windows open at <paramref name="local"/> (wall-clock time) for the person's area when known, local ones first.</summary>
    public IReadOnlyList<ResourceEntry> OpenAt(DateTime local, HolidayCalendar holidays, Area? area)
    {
        ArgumentNullException.ThrowIfNull(holidays);
        var areas = area is null ? null : AreaAndWider(area);
        return Entries
            .Where(e => e.Open is not null && e.Open.IsOpen(local, d => e.ClosedOnHolidays && holidays.IsHoliday(d)))
            .Where(e => e.Area is null || areas is null || areas.Contains(e.Area))
            .OrderBy(e => e.Area is null ? 1 : 0)
            .ToList();
    }

    /// <summary>The window (for the person's area when known) that opens next after <paramref name="local"/>, and when.</summary>
    public (ResourceEntry Entry, DateTime At)? NextOpening(DateTime local, HolidayCalendar holidays, Area? area)
    {
        ArgumentNullException.ThrowIfNull(holidays);
        var areas = area is null ? null : AreaAndWider(area);
        return Entries
            .Where(e => e.Open is not null && (e.Area is null || areas is null || areas.Contains(e.Area)))
            .Select(e => (Entry: e, At: e.Open!.NextOpening(local, d => e.ClosedOnHolidays && holidays.IsHoliday(d))))
            .Where(x => x.At is not null)
            .OrderBy(x => x.At)
            .Select(x => ((ResourceEntry Entry, DateTime At)?)(x.Entry, x.At!.Value))
            .FirstOrDefault();
    }

    /// <summary>The area and those it lies within, closest first (municipality, prefecture).</summary>
    private List<string> AreaAndWider(Area area)
    {
        var result = new List<string>();
        for (var a = area; a is not null && !result.Contains(a.Id); a = AreaById(a.Within))
        {
            result.Add(a.Id);
        }

        return result;
    }

    private static IEnumerable<string> Names(Area area) =>
        area.Name.All.Concat(area.Also).Append(area.Id).Select(TextMatcher.Normalize).Where(n => n.Length > 0);
}

/// <summary>A kind of need the catalog is searched by (相談窓口, 訪問・アウトリーチ…), and the triage topics that suggest it.</summary>
public sealed record NeedDefinition(string Id, LocalizedText Name, IReadOnlyList<Topic> Topics, SourceLocation Where);

/// <summary>A prefecture or municipality; <see cref="Within"/> names the wider area it belongs to.</summary>
public sealed record Area(string Id, LocalizedText Name, IReadOnlyList<string> Also, string? Within, bool Sample, SourceLocation Where);

/// <summary>One window or service. <see cref="Hours"/> is written for people; <see cref="Open"/> is what "open now" is computed from.</summary>
public sealed record ResourceEntry(
    string Id,
    string? Area,
    LocalizedText Name,
    IReadOnlyList<string> Needs,
    LocalizedText Services,
    LocalizedText Hours,
    WeeklySchedule? Open,
    bool ClosedOnHolidays,
    string? Phone,
    string? Web,
    LocalizedText? Online,
    bool Sample,
    SourceLocation Where);
