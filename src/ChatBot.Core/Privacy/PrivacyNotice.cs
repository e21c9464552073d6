using System.Text;
using System.Text.RegularExpressions;

namespace ChatBot.Core.Privacy;

/// <summary>
/// Loads <c>dialogs/privacy/notice.{language}.md</c>. Each file opens with front matter:
/// <code>
/// ---
/// version: 2026-11-28
/// language: ja
/// operator: この相談窓口を運営する自治体・団体
/// ---
/// </code>
/// <c>operator</c> is the generic wording used until <c>Privacy:OperatorName:{language}</c> names the real
/// operator. The body may say <c>{operator}</c> and <c>{retention_days}</c> (<c>Retention:ConversationDays</c>), and may hold blocks between
/// <c>{if azure_language}</c> (Azure AI Language finds personal details) or <c>{if ai_service}</c> (an AI model
/// writes summaries or a second opinion, <c>Ai:Endpoint</c>) and <c>{end}</c> lines, shown only when that service is
/// used, so the notice always tells the truth about the running configuration. Japanese and English are required, with one
/// version; anything missing or left unreplaced stops the service at start.
/// </summary>
internal sealed partial class PrivacyNotice : IPrivacyNotice
{
    public static readonly IReadOnlyList<string> RequiredLanguages = ["ja", "en"];

    private const string DefaultLanguage = "ja";
    private readonly Dictionary<string, string> _texts;

    private PrivacyNotice(string version, Dictionary<string, string> texts)
    {
        Version = version;
        _texts = texts;
        Languages = [.. texts.Keys.Order(StringComparer.Ordinal)];
    }

    public string Version { get; }

    public IReadOnlyList<string> Languages { get; }

    public static string FilePath(string dialogsDirectory, string language) =>
        Path.Combine(RedactionLexicon.Folder(dialogsDirectory), $"notice.{language}.md");

    public string Text(string? locale)
    {
        var language = locale?.Split('-', '_')[0].ToLowerInvariant();
        return language is not null && _texts.TryGetValue(language, out var text) ? text : _texts[DefaultLanguage];
    }

    public static PrivacyNotice Load(string dialogsDirectory, PrivacyOptions options, int retentionDays, bool aiService = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dialogsDirectory);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(retentionDays, 1);
        string? version = null;
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var language in RequiredLanguages)
        {
            var path = FilePath(dialogsDirectory, language);
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"The privacy notice in '{language}' is missing: {path}", path);
            }

            var (header, body) = Split(path, File.ReadAllText(path));
            var fileVersion = Required(path, header, "version");
            if (Required(path, header, "language") != language)
            {
                throw Invalid(path, $"'language' must be '{language}', as in the file name.");
            }

            if (version is not null && fileVersion != version)
            {
                throw Invalid(path, $"version {fileVersion} differs from version {version} of the other language; publish both together.");
            }

            version = fileVersion;
            var operatorName = options.OperatorName.TryGetValue(language, out var configured) && !string.IsNullOrWhiteSpace(configured)
                ? configured.Trim()
                : Required(path, header, "operator");
            texts[language] = Render(path, body, operatorName, options, retentionDays, aiService);
        }

        return new PrivacyNotice(version!, texts);
    }

    private static (Dictionary<string, string> Header, string Body) Split(string path, string content)
    {
        var lines = content.ReplaceLineEndings("\n").Split('\n');
        if (lines.Length < 3 || lines[0].Trim() != "---")
        {
            throw Invalid(path, "the file must open with front matter between '---' lines (version, language, operator).");
        }

        var close = Array.FindIndex(lines, 1, l => l.Trim() == "---");
        if (close < 0)
        {
            throw Invalid(path, "the front matter is not closed by a '---' line.");
        }

        var header = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in lines[1..close].Where(l => l.Trim().Length > 0))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw Invalid(path, $"front-matter line '{line}' is not 'key: value'.");
            }

            header[line[..colon].Trim()] = line[(colon + 1)..].Trim().Trim('"');
        }

        return (header, string.Join('\n', lines[(close + 1)..]).Trim() + "\n");
    }

    private static string Render(string path, string body, string operatorName, PrivacyOptions options, int retentionDays, bool aiService)
    {
        var conditions = new Dictionary<string, bool>(StringComparer.Ordinal)
        {
            ["{if azure_language}"] = options.Redactor == RedactorKind.AzureLanguage,
            ["{if ai_service}"] = aiService,
        };
        var text = new StringBuilder();
        var include = true;
        var inBlock = false;
        foreach (var line in body.Split('\n'))
        {
            var trimmed = line.Trim();
            if (conditions.TryGetValue(trimmed, out var shown))
            {
                if (inBlock)
                {
                    throw Invalid(path, $"'{trimmed}' blocks cannot be nested.");
                }

                inBlock = true;
                include = shown;
                continue;
            }

            if (trimmed == "{end}")
            {
                if (!inBlock)
                {
                    throw Invalid(path, "'{end}' without '{if …}'.");
                }

                inBlock = false;
                include = true;
                continue;
            }

            if (include)
            {
                text.Append(line).Append('\n');
            }
        }

        if (inBlock)
        {
            throw Invalid(path, "an '{if …}' block is not closed by '{end}'.");
        }

        var rendered = text.ToString()
            .Replace("{operator}", operatorName, StringComparison.Ordinal)
            .Replace("{retention_days}", retentionDays.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Trim() + "\n";
        var leftover = Token().Match(rendered);
        if (leftover.Success)
        {
            throw Invalid(path, $"'{leftover.Value}' is not a known placeholder (use {{operator}}, {{retention_days}}, {{if azure_language}} or {{if ai_service}} … {{end}}).");
        }

        if (rendered.Trim().Length == 0)
        {
            throw Invalid(path, "the notice has no text.");
        }

        return rendered;
    }

    private static string Required(string path, Dictionary<string, string> header, string key) =>
        header.TryGetValue(key, out var value) && value.Length > 0 ? value : throw Invalid(path, $"front matter needs '{key}'.");

    private static InvalidDataException Invalid(string path, string message) => new($"{path}: {message}");

    [GeneratedRegex(@"\{[a-z_ ]+\}")]
    private static partial Regex Token();
}
