using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ChatBot.Core.Dialogs.Content;

/// <summary>
/// Reading one YAML file of content while keeping every node's line, so each problem is reported
/// as <c>file:line: message</c> for the counsellor who wrote it.
/// </summary>
internal sealed partial class YamlFile
{
    private readonly List<DialogError> _errors;

    private YamlFile(string display, List<DialogError> errors)
    {
        Display = display;
        _errors = errors;
    }

    /// <summary>The path as shown in messages, e.g. <c>dialogs/flows/self.yaml</c>.</summary>
    public string Display { get; }

    /// <summary>Loads a file; syntax errors are reported and null returned.</summary>
    public static (YamlFile File, YamlNode? Root) Load(string fullPath, string display, List<DialogError> errors)
    {
        var file = new YamlFile(display, errors);
        using var reader = new StreamReader(fullPath);
        var scanner = new Scanner(reader);
        try
        {
            var stream = new YamlStream();
            stream.Load(new Parser(scanner));

            if (stream.Documents.Count == 0)
            {
                file.Error(1, "the file is empty");
                return (file, null);
            }

            return (file, stream.Documents[0].RootNode);
        }
        catch (YamlException ex)
        {
            var message = ex.InnerException?.Message ?? ex.Message;
            file.Error((int)Math.Max(1, ex.Start.Line), "this is not valid YAML: " + message);
            return (file, null);
        }
        catch (InvalidOperationException)
        {
            // The YAML reader gives up on some broken input without saying where: report where it stopped.
            file.Error((int)Math.Max(1, scanner.CurrentPosition.Line), "this is not valid YAML (check brackets, quotes and indentation on this line and the one above)");
            return (file, null);
        }
    }

    public SourceLocation At(YamlNode node) => new(Display, (int)Math.Max(1, node.Start.Line));

    public void Error(YamlNode node, string message) => _errors.Add(new DialogError(At(node), message));

    public void Error(int line, string message) => _errors.Add(new DialogError(new SourceLocation(Display, line), message));

    public YamlMappingNode? Map(YamlNode? node, string what)
    {
        if (node is YamlMappingNode map)
        {
            return map;
        }

        if (node is not null)
        {
            Error(node, $"{what} must be a mapping of keys and values");
        }

        return null;
    }

    public YamlSequenceNode? List(YamlNode? node, string what)
    {
        if (node is YamlSequenceNode list)
        {
            return list;
        }

        if (node is not null && !IsNull(node))
        {
            Error(node, $"{what} must be a list (lines starting with '- ')");
        }

        return null;
    }

    public static YamlNode? Get(YamlMappingNode map, string key)
    {
        ArgumentNullException.ThrowIfNull(map);
        foreach (var (k, v) in map.Children)
        {
            if (k is YamlScalarNode s && s.Value == key)
            {
                return v;
            }
        }

        return null;
    }

    public static bool Has(YamlMappingNode map, string key) => Get(map, key) is not null;

    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any } s && s.Value is null or "" or "~" or "null";

    /// <summary>Reports keys that are not in <paramref name="allowed"/> (a typo such as <c>sya:</c> would otherwise be silently ignored).</summary>
    public void OnlyKeys(YamlMappingNode map, string what, params string[] allowed)
    {
        ArgumentNullException.ThrowIfNull(map);
        foreach (var key in map.Children.Keys)
        {
            var name = (key as YamlScalarNode)?.Value;
            if (name is null || !allowed.Contains(name, StringComparer.Ordinal))
            {
                Error(key, $"unknown key '{name}' in {what} (expected one of: {string.Join(", ", allowed)})");
            }
        }
    }

    public string? String(YamlNode? node, string what)
    {
        if (node is null || IsNull(node))
        {
            return null;
        }

        if (node is YamlScalarNode scalar)
        {
            return scalar.Value;
        }

        Error(node, $"{what} must be a single value");
        return null;
    }

    public string? RequiredString(YamlMappingNode map, string key, string what)
    {
        var value = String(Get(map, key), $"'{key}' of {what}");
        if (string.IsNullOrWhiteSpace(value))
        {
            Error(map, $"{what} needs '{key}'");
            return null;
        }

        return value;
    }

    public bool? Bool(YamlNode? node, string what)
    {
        var text = String(node, what);
        switch (text)
        {
            case null:
                return null;
            case "true" or "yes":
                return true;
            case "false" or "no":
                return false;
            default:
                Error(node!, $"{what} must be true or false");
                return null;
        }
    }

    /// <summary>A single value or a list of values.</summary>
    public IReadOnlyList<string> Strings(YamlNode? node, string what)
    {
        if (node is null || IsNull(node))
        {
            return [];
        }

        if (node is YamlScalarNode scalar)
        {
            return scalar.Value is null ? [] : [scalar.Value];
        }

        var list = List(node, what);
        if (list is null)
        {
            return [];
        }

        var result = new List<string>();
        foreach (var item in list)
        {
            var value = String(item, $"an item of {what}");
            if (value is not null)
            {
                result.Add(value);
            }
        }

        return result;
    }

    /// <summary>
    /// A text in every language: <c>{ ja: …, en: … }</c>. A missing or empty language is reported
    /// as a missing translation.
    /// </summary>
    public LocalizedText? Text(YamlNode? node, string what)
    {
        if (node is null)
        {
            return null;
        }

        if (node is YamlScalarNode)
        {
            Error(node, $"{what} needs a text for each language (ja: and en:), not a single text");
            return null;
        }

        var map = Map(node, what);
        if (map is null)
        {
            return null;
        }

        OnlyKeys(map, what, [.. DialogLocales.All]);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var locale in DialogLocales.All)
        {
            var text = String(Get(map, locale), $"{what} ({locale})");
            if (string.IsNullOrWhiteSpace(text))
            {
                Error(map, $"missing translation: {what} has no '{locale}' text");
                continue;
            }

            values[locale] = text.TrimEnd('\n');
        }

        return new LocalizedText(values, At(node));
    }

    /// <summary>Lists per language, each optional: <c>{ ja: [うん], en: [yeah] }</c>.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> PerLocaleStrings(YamlNode? node, string what)
    {
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var map = Map(node, what);
        if (map is null)
        {
            return result;
        }

        OnlyKeys(map, what, [.. DialogLocales.All]);
        foreach (var locale in DialogLocales.All)
        {
            result[locale] = Strings(Get(map, locale), $"{what} ({locale})");
        }

        return result;
    }

    /// <summary>Ids, flow names, variable and action names: lower-case letters, digits and hyphens.</summary>
    public bool CheckName(YamlNode node, string? name, string what)
    {
        if (name is not null && NamePattern().IsMatch(name))
        {
            return true;
        }

        Error(node, $"{what} '{name}' must use lower-case letters, digits and hyphens (e.g. 'check-in')");
        return false;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$")]
    private static partial Regex NamePattern();
}
