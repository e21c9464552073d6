using System.Globalization;
using ChatBot.Core.Dialogs.Content;
using ChatBot.Core.Hours;
using ChatBot.Core.Triage;
using YamlDotNet.RepresentationModel;

namespace ChatBot.Core.Dialogs.Testing;

/// <summary>
/// The conversation tests of <c>dialogs/tests/</c>. A file:
/// <code>
/// scenarios:
///   - name: Welcome in Japanese
///     locale: ja                          # the channel's locale (default ja)
///     at: 2026-12-01T10:00+09:00          # the clock (default: a Tuesday 10:00 in Tokyo)
///     turns:
///       - join: true
///         says: [匿名]
///         choices: [自分のこと, 家族・身近な人のこと, 支援について知りたい, 人と話したい]
///       - user: 自分のこと
///         risk: high                      # what triage says about this message (default normal)
///         topics: [money]
///         says: [...]                     # each must appear in the bot's replies of this turn
///         not-says: [...]
///         actions: [show-resources]       # each must have run in this turn ([] = none ran)
///         vars: { who: self, area: ~ }    # after the turn (~ = not set)
///         locale: en                      # the locale the replies carry
///       - restart: true                   # the service restarts: a new bot on the same database
///       - at: 2026-12-01T22:00+09:00      # the clock moves
///       - user: { repeat: "あ", times: 5000 }   # a long message
/// </code>
/// </summary>
public sealed class TranscriptSuite
{
    /// <summary>A Tuesday morning, office hours.</summary>
    public static readonly DateTimeOffset DefaultStart = new(2026, 12, 1, 10, 0, 0, TimeSpan.FromHours(9));

    private TranscriptSuite(IReadOnlyList<TranscriptScenario> scenarios, IReadOnlyList<FixtureCrisisLine> fixtures, IReadOnlyList<DialogError> errors)
    {
        Scenarios = scenarios;
        Fixtures = fixtures;
        Errors = errors;
    }

    public IReadOnlyList<TranscriptScenario> Scenarios { get; }

    public IReadOnlyList<FixtureCrisisLine> Fixtures { get; }

    public IReadOnlyList<DialogError> Errors { get; }

    public static TranscriptSuite Load(string dialogsRoot)
    {
        ArgumentNullException.ThrowIfNull(dialogsRoot);
        var errors = new List<DialogError>();
        var scenarios = new List<TranscriptScenario>();
        var folder = Path.Combine(dialogsRoot, "tests");
        if (!Directory.Exists(folder))
        {
            errors.Add(new DialogError(new SourceLocation(DialogValidator.Display(dialogsRoot, folder), 1), "the folder tests/ is missing"));
            return new TranscriptSuite(scenarios, [], errors);
        }

        foreach (var path in Directory.EnumerateFiles(folder, "*.yaml").Order(StringComparer.Ordinal))
        {
            var (file, root) = YamlFile.Load(path, DialogValidator.Display(dialogsRoot, path), errors);
            if (root is not null)
            {
                ReadFile(file, root, scenarios);
            }
        }

        foreach (var duplicate in scenarios.GroupBy(s => s.Name).Where(g => g.Count() > 1))
        {
            errors.Add(new DialogError(duplicate.Last().Where, $"two scenarios are named '{duplicate.Key}'"));
        }

        var fixtures = new List<FixtureCrisisLine>();
        var fixturePath = Path.Combine(folder, "fixtures", "crisis-lines.yaml");
        if (File.Exists(fixturePath))
        {
            var (file, root) = YamlFile.Load(fixturePath, DialogValidator.Display(dialogsRoot, fixturePath), errors);
            if (root is not null)
            {
                ReadFixtures(file, root, fixtures);
            }
        }
        else
        {
            errors.Add(new DialogError(new SourceLocation(DialogValidator.Display(dialogsRoot, fixturePath), 1), "the file is missing"));
        }

        return new TranscriptSuite(scenarios, fixtures, errors);
    }

    private static void ReadFile(YamlFile file, YamlNode root, List<TranscriptScenario> scenarios)
    {
        var map = file.Map(root, "a test file");
        if (map is null)
        {
            return;
        }

        file.OnlyKeys(map, "a test file", "scenarios");
        foreach (var node in file.List(YamlFile.Get(map, "scenarios"), "scenarios")?.Children ?? [])
        {
            var item = file.Map(node, "a scenario");
            if (item is null)
            {
                continue;
            }

            file.OnlyKeys(item, "a scenario", "name", "locale", "at", "counsellors", "turns");
            var name = file.RequiredString(item, "name", "a scenario");
            var locale = file.String(YamlFile.Get(item, "locale"), "locale") ?? DialogLocales.Japanese;
            var counsellors = file.String(YamlFile.Get(item, "counsellors"), "counsellors") ?? "online";
            if (counsellors is not ("online" or "offline"))
            {
                file.Error(YamlFile.Get(item, "counsellors")!, $"counsellors is online or offline, not '{counsellors}'");
            }

            var at = Time(file, YamlFile.Get(item, "at")) ?? DefaultStart;
            var turns = new List<TranscriptTurn>();
            foreach (var turnNode in file.List(YamlFile.Get(item, "turns"), "turns")?.Children ?? [])
            {
                var turn = ReadTurn(file, turnNode);
                if (turn is not null)
                {
                    turns.Add(turn);
                }
            }

            if (name is not null)
            {
                scenarios.Add(new TranscriptScenario(name, locale, at, turns, file.At(item), counsellors != "offline"));
            }
        }
    }

    private static TranscriptTurn? ReadTurn(YamlFile file, YamlNode node)
    {
        var map = file.Map(node, "a turn");
        if (map is null)
        {
            return null;
        }

        file.OnlyKeys(map, "a turn", "join", "user", "restart", "at", "risk", "topics", "speaker", "says", "not-says", "choices", "actions", "vars", "locale", "silent", "tentative");
        var where = file.At(map);
        var kinds = new[] { "join", "user", "restart", "at" }.Where(k => YamlFile.Has(map, k)).ToList();
        if (kinds.Count != 1)
        {
            file.Error(map, "a turn is one of: join, user, restart, at");
            return null;
        }

        var kind = kinds[0] switch
        {
            "join" => TranscriptTurnKind.Join,
            "user" => TranscriptTurnKind.User,
            "restart" => TranscriptTurnKind.Restart,
            _ => TranscriptTurnKind.Clock,
        };
        string? text = null;
        if (kind == TranscriptTurnKind.User)
        {
            var userNode = YamlFile.Get(map, "user")!;
            if (userNode is YamlMappingNode repeat)
            {
                file.OnlyKeys(repeat, "a repeated message", "repeat", "times");
                var unit = file.String(YamlFile.Get(repeat, "repeat"), "repeat") ?? string.Empty;
                var times = int.TryParse(file.String(YamlFile.Get(repeat, "times"), "times"), CultureInfo.InvariantCulture, out var n) ? n : 1;
                text = string.Concat(Enumerable.Repeat(unit, times));
            }
            else
            {
                // An empty or missing value is an empty message (a sticker, an image without text).
                text = userNode is YamlScalarNode scalar ? scalar.Value ?? string.Empty : string.Empty;
            }
        }

        var risk = ParseEnum<RiskLevel>(file, map, "risk") ?? RiskLevel.Normal;
        var speaker = ParseEnum<Speaker>(file, map, "speaker") ?? Speaker.Unknown;
        var topics = new List<Topic>();
        foreach (var topic in file.Strings(YamlFile.Get(map, "topics"), "topics"))
        {
            if (Enum.TryParse<Topic>(topic, ignoreCase: true, out var parsed))
            {
                topics.Add(parsed);
            }
            else
            {
                file.Error(map, $"'{topic}' is not a topic");
            }
        }

        Dictionary<string, string?>? vars = null;
        if (file.Map(YamlFile.Get(map, "vars"), "vars") is { } varsMap)
        {
            vars = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var (key, value) in varsMap.Children)
            {
                vars[((YamlScalarNode)key).Value!] = file.String(value, "a variable value");
            }
        }

        var choicesNode = YamlFile.Get(map, "choices");
        var actionsNode = YamlFile.Get(map, "actions");
        return new TranscriptTurn(
            kind,
            where,
            text,
            kind == TranscriptTurnKind.Clock ? Time(file, YamlFile.Get(map, "at")) : null,
            risk,
            topics,
            speaker,
            Optional(file, map, "says"),
            Optional(file, map, "not-says"),
            choicesNode is null ? null : file.Strings(choicesNode, "choices"),
            actionsNode is null ? null : file.Strings(actionsNode, "actions"),
            vars,
            file.String(YamlFile.Get(map, "locale"), "locale"),
            file.Bool(YamlFile.Get(map, "silent"), "silent"),
            file.Bool(YamlFile.Get(map, "tentative"), "tentative") ?? false);
    }

    private static IReadOnlyList<string>? Optional(YamlFile file, YamlMappingNode map, string key) =>
        YamlFile.Get(map, key) is { } node ? file.Strings(node, key) : null;

    private static T? ParseEnum<T>(YamlFile file, YamlMappingNode map, string key)
        where T : struct, Enum
    {
        var text = file.String(YamlFile.Get(map, key), key);
        if (text is null)
        {
            return null;
        }

        if (Enum.TryParse<T>(text, ignoreCase: true, out var value))
        {
            return value;
        }

        file.Error(map, $"'{text}' is not a {key} ({string.Join(", ", Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))})");
        return null;
    }

    private static DateTimeOffset? Time(YamlFile file, YamlNode? node)
    {
        var text = file.String(node, "a time");
        if (text is null)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) && text.Contains('+', StringComparison.Ordinal))
        {
            return at;
        }

        file.Error(node!, $"'{text}' is not a time with its offset, such as 2026-12-01T22:00+09:00");
        return null;
    }

    private static void ReadFixtures(YamlFile file, YamlNode root, List<FixtureCrisisLine> fixtures)
    {
        var map = file.Map(root, "the crisis line fixtures");
        if (map is null)
        {
            return;
        }

        file.OnlyKeys(map, "the crisis line fixtures", "lines");
        foreach (var node in file.List(YamlFile.Get(map, "lines"), "lines")?.Children ?? [])
        {
            var item = file.Map(node, "a line");
            if (item is null)
            {
                continue;
            }

            file.OnlyKeys(item, "a line", "id", "name", "phone", "url", "hours", "open");
            var id = file.RequiredString(item, "id", "a line");
            var name = file.Text(YamlFile.Get(item, "name"), "the name");
            var hours = file.Text(YamlFile.Get(item, "hours"), "the hours");
            var open = WeeklySchedule.Parse(file.Strings(YamlFile.Get(item, "open"), "open"), out var error);
            if (open is null)
            {
                file.Error(item, $"the opening hours of '{id}': {error}");
            }

            if (id is null || name is null || hours is null || open is null)
            {
                continue;
            }

            var line = new CrisisLine(id, name.Values, file.String(YamlFile.Get(item, "phone"), "phone"), file.String(YamlFile.Get(item, "url"), "url"), hours.Values, Always: false, AroundTheClock: open.IsAlways);
            fixtures.Add(new FixtureCrisisLine(line, open));
        }
    }
}
