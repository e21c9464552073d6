using ChatBot.Core.Content;
using Microsoft.Extensions.Options;
using YamlDotNet.RepresentationModel;

namespace ChatBot.Web.Channels.Line;

/// <summary>The LINE-only texts from <c>dialogs/channels/line.yaml</c>, checked at start-up.</summary>
internal sealed class LineTexts
{
    public LineTexts(IOptions<ContentOptions> content)
    {
        var path = Path.Combine(ContentPaths.Dialogs(content.Value), "channels", "line.yaml");
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{path}: the LINE texts are missing.");
        }

        var yaml = new YamlStream();
        using (var reader = new StreamReader(path))
        {
            yaml.Load(reader);
        }

        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        NonTextReply = Localized(root, "non_text_reply", path);
    }

    public IReadOnlyDictionary<string, string> NonTextReply { get; }

    public static string For(IReadOnlyDictionary<string, string> text, string? locale) =>
        locale?.StartsWith("en", StringComparison.OrdinalIgnoreCase) == true && text.TryGetValue("en", out var en) ? en : text["ja"];

    private static Dictionary<string, string> Localized(YamlMappingNode root, string key, string path)
    {
        if (!root.Children.TryGetValue(new YamlScalarNode(key), out var node) || node is not YamlMappingNode map)
        {
            throw new InvalidOperationException($"{path}: '{key}' with ja and en texts is missing.");
        }

        var result = map.Children.ToDictionary(p => ((YamlScalarNode)p.Key).Value!, p => ((YamlScalarNode)p.Value).Value ?? string.Empty, StringComparer.Ordinal);
        foreach (var locale in new[] { "ja", "en" })
        {
            if (!result.TryGetValue(locale, out var text) || string.IsNullOrWhiteSpace(text))
            {
                throw new InvalidOperationException($"{path}:{node.Start.Line}: '{key}' has no '{locale}' text.");
            }
        }

        return result;
    }
}
