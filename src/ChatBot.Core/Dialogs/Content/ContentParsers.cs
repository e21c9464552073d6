using System.Globalization;
using ChatBot.Core.Hours;
using ChatBot.Core.Resources;
using ChatBot.Core.Triage;
using YamlDotNet.RepresentationModel;

namespace ChatBot.Core.Dialogs.Content;

/// <summary>Readers for the smaller content files: intents, texts, synonyms, the holiday calendar and the resource catalog.</summary>
internal static class ContentParsers
{
    /// <summary><c>dialogs/intents.yaml</c>: <c>intents: [ { id, flow, phrases: {ja, en}, contains: {ja, en} } ]</c>.</summary>
    public static List<Intent> Intents(YamlFile file, YamlNode root)
    {
        var result = new List<Intent>();
        var map = file.Map(root, "intents.yaml");
        if (map is null)
        {
            return result;
        }

        file.OnlyKeys(map, "intents.yaml", "intents");
        foreach (var node in file.List(YamlFile.Get(map, "intents"), "intents")?.Children ?? [])
        {
            var item = file.Map(node, "an intent");
            if (item is null)
            {
                continue;
            }

            file.OnlyKeys(item, "an intent", "id", "flow", "phrases", "contains");
            var id = file.RequiredString(item, "id", "an intent");
            var flow = file.RequiredString(item, "flow", "an intent");
            if (id is null || flow is null || !file.CheckName(item, id, "the intent id"))
            {
                continue;
            }

            var phrases = file.PerLocaleStrings(YamlFile.Get(item, "phrases"), $"the phrases of intent '{id}'");
            var contains = file.PerLocaleStrings(YamlFile.Get(item, "contains"), $"'contains' of intent '{id}'");
            if (phrases.Values.Sum(p => p.Count) + contains.Values.Sum(p => p.Count) == 0)
            {
                file.Error(item, $"intent '{id}' has no phrases");
            }

            result.Add(new Intent(id, phrases, contains, flow, file.At(item)));
        }

        return result;
    }

    /// <summary><c>dialogs/texts.yaml</c>: <c>texts: { key: { ja, en } }</c>.</summary>
    public static Dictionary<string, LocalizedText> Texts(YamlFile file, YamlNode root)
    {
        var result = new Dictionary<string, LocalizedText>(StringComparer.Ordinal);
        var map = file.Map(root, "texts.yaml");
        if (map is null)
        {
            return result;
        }

        file.OnlyKeys(map, "texts.yaml", "texts");
        var texts = file.Map(YamlFile.Get(map, "texts"), "texts");
        foreach (var (key, value) in texts?.Children ?? Enumerable.Empty<KeyValuePair<YamlNode, YamlNode>>())
        {
            var name = (key as YamlScalarNode)?.Value;
            if (!file.CheckName(key, name, "the text name"))
            {
                continue;
            }

            var text = file.Text(value, $"text '{name}'");
            if (text is not null)
            {
                result[name!] = text;
            }
        }

        return result;
    }

    /// <summary><c>dialogs/synonyms.yaml</c>: <c>synonyms: [ [はい, うん, yes], … ]</c>.</summary>
    public static List<SynonymGroup> Synonyms(YamlFile file, YamlNode root)
    {
        var result = new List<SynonymGroup>();
        var map = file.Map(root, "synonyms.yaml");
        if (map is null)
        {
            return result;
        }

        file.OnlyKeys(map, "synonyms.yaml", "synonyms");
        foreach (var node in file.List(YamlFile.Get(map, "synonyms"), "synonyms")?.Children ?? [])
        {
            var words = file.Strings(node, "a group of synonyms");
            if (words.Count < 2)
            {
                file.Error(node, "a group of synonyms needs at least two words");
                continue;
            }

            result.Add(new SynonymGroup(words, file.At(node)));
        }

        return result;
    }

    /// <summary><c>dialogs/calendar/holidays.yaml</c>: <c>days: { 2027-01-01: 元日, … }</c>.</summary>
    public static Dictionary<DateOnly, string> Holidays(YamlFile file, YamlNode root)
    {
        var result = new Dictionary<DateOnly, string>();
        var map = file.Map(root, "the holiday calendar");
        if (map is null)
        {
            return result;
        }

        file.OnlyKeys(map, "the holiday calendar", "source", "checked", "days");
        foreach (var (key, value) in file.Map(YamlFile.Get(map, "days"), "days")?.Children ?? Enumerable.Empty<KeyValuePair<YamlNode, YamlNode>>())
        {
            var text = (key as YamlScalarNode)?.Value;
            if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                file.Error(key, $"'{text}' is not a date written as YYYY-MM-DD");
                continue;
            }

            if (!result.TryAdd(date, file.String(value, "the name of the day") ?? string.Empty))
            {
                file.Error(key, $"{text} is listed twice");
            }
        }

        return result;
    }

    /// <summary>
    /// One file of <c>dialogs/resources/</c>. Any of: <c>needs</c> (the vocabulary), <c>areas</c>,
    /// <c>resources</c>; <c>sample: true</c> marks every area and window of the file as made-up example data.
    /// </summary>
    public static void Resources(YamlFile file, YamlNode root, List<NeedDefinition> needs, List<Area> areas, List<ResourceEntry> entries)
    {
        var map = file.Map(root, "a resource file");
        if (map is null)
        {
            return;
        }

        file.OnlyKeys(map, "a resource file", "sample", "source", "checked", "needs", "areas", "resources");
        var sample = file.Bool(YamlFile.Get(map, "sample"), "'sample'") ?? false;
        foreach (var node in file.List(YamlFile.Get(map, "needs"), "needs")?.Children ?? [])
        {
            var item = file.Map(node, "a need");
            if (item is null)
            {
                continue;
            }

            file.OnlyKeys(item, "a need", "id", "name", "topics");
            var id = file.RequiredString(item, "id", "a need");
            var name = file.Text(YamlFile.Get(item, "name"), $"the name of need '{id}'");
            if (id is null || name is null || !file.CheckName(item, id, "the need id"))
            {
                continue;
            }

            var topics = new List<Topic>();
            foreach (var topic in file.Strings(YamlFile.Get(item, "topics"), "topics"))
            {
                if (Enum.TryParse<Topic>(topic, ignoreCase: true, out var parsed) && topic == topic.ToLowerInvariant())
                {
                    topics.Add(parsed);
                }
                else
                {
                    file.Error(item, $"'{topic}' is not a triage topic ({string.Join(", ", Enum.GetNames<Topic>().Select(n => n.ToLowerInvariant()))})");
                }
            }

            needs.Add(new NeedDefinition(id, name, topics, file.At(item)));
        }

        foreach (var node in file.List(YamlFile.Get(map, "areas"), "areas")?.Children ?? [])
        {
            var item = file.Map(node, "an area");
            if (item is null)
            {
                continue;
            }

            file.OnlyKeys(item, "an area", "id", "name", "also", "within");
            var id = file.RequiredString(item, "id", "an area");
            var name = file.Text(YamlFile.Get(item, "name"), $"the name of area '{id}'");
            if (id is null || name is null || !file.CheckName(item, id, "the area id"))
            {
                continue;
            }

            areas.Add(new Area(id, name, file.Strings(YamlFile.Get(item, "also"), "also"), file.String(YamlFile.Get(item, "within"), "within"), sample, file.At(item)));
        }

        foreach (var node in file.List(YamlFile.Get(map, "resources"), "resources")?.Children ?? [])
        {
            var entry = Resource(file, node, sample);
            if (entry is not null)
            {
                entries.Add(entry);
            }
        }
    }

    private static ResourceEntry? Resource(YamlFile file, YamlNode node, bool sample)
    {
        var item = file.Map(node, "a resource");
        if (item is null)
        {
            return null;
        }

        file.OnlyKeys(item, "a resource", "id", "area", "name", "needs", "services", "hours", "open", "closed-on-holidays", "phone", "web", "online", "source", "checked");
        var id = file.RequiredString(item, "id", "a resource");
        if (id is null || !file.CheckName(item, id, "the resource id"))
        {
            return null;
        }

        var name = file.Text(YamlFile.Get(item, "name"), $"the name of '{id}'");
        var services = file.Text(YamlFile.Get(item, "services"), $"the services of '{id}'");
        var hours = file.Text(YamlFile.Get(item, "hours"), $"the hours of '{id}'");
        if (name is null || services is null || hours is null)
        {
            file.Error(item, $"resource '{id}' needs a name, services and hours (each with ja: and en:)");
            return null;
        }

        WeeklySchedule? open = null;
        var openNode = YamlFile.Get(item, "open");
        if (openNode is not null)
        {
            open = WeeklySchedule.Parse(file.Strings(openNode, "open"), out var error);
            if (open is null)
            {
                file.Error(openNode, $"the opening hours of '{id}': {error}");
            }
        }

        var phone = file.String(YamlFile.Get(item, "phone"), "phone");
        var web = file.String(YamlFile.Get(item, "web"), "web");
        if (web is not null && !(Uri.TryCreate(web, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps))
        {
            file.Error(item, $"the web address of '{id}' must be a full https:// address");
        }

        if (phone is not null && !phone.All(c => char.IsAsciiDigit(c) || c == '-'))
        {
            file.Error(item, $"the phone number of '{id}' must be digits and hyphens (e.g. 0000-00-0000)");
        }

        return new ResourceEntry(
            id,
            file.String(YamlFile.Get(item, "area"), "area"),
            name,
            file.Strings(YamlFile.Get(item, "needs"), "needs"),
            services,
            hours,
            open,
            file.Bool(YamlFile.Get(item, "closed-on-holidays"), "closed-on-holidays") ?? true,
            phone,
            web,
            file.Text(YamlFile.Get(item, "online"), $"the online options of '{id}'"),
            sample,
            file.At(item));
    }
}
