using ChatBot.Core.Hours;
using ChatBot.Core.Resources;

namespace ChatBot.Core.Dialogs.Content;

/// <summary>
/// Reads the whole <c>dialogs/</c> folder — <c>flows/*.yaml</c>, <c>intents.yaml</c>, <c>texts.yaml</c>,
/// <c>synonyms.yaml</c>, <c>resources/*.yaml</c>, <c>calendar/holidays.yaml</c> — and validates it.
/// Every problem comes back as <c>file:line: message</c>; content with errors is never used.
/// </summary>
public static class DialogContentLoader
{
    public static DialogContentLoadResult Load(string root, IReadOnlyDictionary<string, DialogActionRegistration> actions, IEnumerable<string> requiredTexts)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(actions);
        ArgumentNullException.ThrowIfNull(requiredTexts);
        root = Path.GetFullPath(root);
        var errors = new List<DialogError>();
        if (!Directory.Exists(root))
        {
            errors.Add(new DialogError(new SourceLocation(root, 1), "the dialogs folder does not exist (set Content:DialogsPath)"));
            return new DialogContentLoadResult(null, errors);
        }

        var flows = new Dictionary<string, Flow>(StringComparer.Ordinal);
        foreach (var path in Files(root, "flows", errors))
        {
            var (file, node) = YamlFile.Load(path, DialogValidator.Display(root, path), errors);
            if (node is null || FlowParser.Parse(file, node) is not { } flow)
            {
                continue;
            }

            if (!flows.TryAdd(flow.Name, flow))
            {
                errors.Add(new DialogError(flow.Where, $"the flow '{flow.Name}' is also defined in {flows[flow.Name].Where}"));
            }
        }

        var intents = Single(root, "intents.yaml", errors, ContentParsers.Intents) ?? [];
        var texts = Single(root, "texts.yaml", errors, ContentParsers.Texts) ?? [];
        var synonyms = Single(root, "synonyms.yaml", errors, ContentParsers.Synonyms) ?? [];
        var holidays = Single(root, Path.Combine("calendar", "holidays.yaml"), errors, ContentParsers.Holidays) ?? [];

        var needs = new List<NeedDefinition>();
        var areas = new List<Area>();
        var entries = new List<ResourceEntry>();
        foreach (var path in Files(root, "resources", errors))
        {
            var (file, node) = YamlFile.Load(path, DialogValidator.Display(root, path), errors);
            if (node is not null)
            {
                ContentParsers.Resources(file, node, needs, areas, entries);
            }
        }

        var content = new DialogContent(
            root,
            flows,
            intents,
            new DialogTexts(texts),
            synonyms,
            new ResourceCatalog(needs, areas, entries),
            new HolidayCalendar(holidays));
        errors.AddRange(DialogValidator.Validate(content, actions, requiredTexts));
        return new DialogContentLoadResult(errors.Count == 0 ? content : null, errors);
    }

    private static IEnumerable<string> Files(string root, string folder, List<DialogError> errors)
    {
        var path = Path.Combine(root, folder);
        if (!Directory.Exists(path))
        {
            errors.Add(new DialogError(new SourceLocation(DialogValidator.Display(root, path), 1), $"the folder {folder}/ is missing"));
            return [];
        }

        return Directory.EnumerateFiles(path, "*.yaml").Order(StringComparer.Ordinal);
    }

    private static T? Single<T>(string root, string relative, List<DialogError> errors, Func<YamlFile, YamlDotNet.RepresentationModel.YamlNode, T> parse)
        where T : class
    {
        var path = Path.Combine(root, relative);
        if (!File.Exists(path))
        {
            errors.Add(new DialogError(new SourceLocation(DialogValidator.Display(root, path), 1), "the file is missing"));
            return null;
        }

        var (file, node) = YamlFile.Load(path, DialogValidator.Display(root, path), errors);
        return node is null ? null : parse(file, node);
    }
}

/// <summary>The content (null when there were errors) and every error found.</summary>
public sealed record DialogContentLoadResult(DialogContent? Content, IReadOnlyList<DialogError> Errors);
