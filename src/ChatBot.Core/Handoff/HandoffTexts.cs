using System.Globalization;
using System.Text;
using ChatBot.Core.Content;
using Microsoft.Extensions.Options;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace ChatBot.Core.Handoff;

/// <summary>
/// What the bot says around a handoff, in one language, as written in <c>dialogs/handoff/texts.LOCALE.yaml</c>.
/// </summary>
public sealed class HandoffTextSet
{
    public string Locale { get; set; } = string.Empty;

    public List<string> RequestPhrases { get; set; } = [];

    public ConsentTexts Consent { get; set; } = new();

    public QueueTexts Queue { get; set; } = new();

    public CounsellorTexts Counsellor { get; set; } = new();

    public EstimateTexts Estimate { get; set; } = new();

    public string Crisis { get; set; } = string.Empty;

    public sealed class ConsentTexts
    {
        public string Notice { get; set; } = string.Empty;

        public string WaitEstimate { get; set; } = string.Empty;

        public string WaitNobody { get; set; } = string.Empty;

        public string Accept { get; set; } = string.Empty;

        public string SummaryOnly { get; set; } = string.Empty;

        public string Decline { get; set; } = string.Empty;

        public List<string> AcceptAlso { get; set; } = [];

        public List<string> DeclineAlso { get; set; } = [];

        public string Declined { get; set; } = string.Empty;
    }

    public sealed class QueueTexts
    {
        public string Queued { get; set; } = string.Empty;

        public string LeftMessage { get; set; } = string.Empty;

        public string Reassurance { get; set; } = string.Empty;

        public string WaitingAck { get; set; } = string.Empty;

        public string AlreadyWaiting { get; set; } = string.Empty;

        public string Cancel { get; set; } = string.Empty;

        public List<string> CancelAlso { get; set; } = [];

        public string Cancelled { get; set; } = string.Empty;
    }

    public sealed class CounsellorTexts
    {
        public string Joined { get; set; } = string.Empty;

        public string Transferred { get; set; } = string.Empty;

        public string Released { get; set; } = string.Empty;

        public string Closed { get; set; } = string.Empty;

        public string End { get; set; } = string.Empty;

        public List<string> EndAlso { get; set; } = [];

        public string Ended { get; set; } = string.Empty;

        public string AlreadyConnected { get; set; } = string.Empty;
    }

    public sealed class EstimateTexts
    {
        public string Soon { get; set; } = string.Empty;

        public string Minutes { get; set; } = string.Empty;

        public string Nobody { get; set; } = string.Empty;
    }
}

/// <summary>How a person answered the consent question.</summary>
public enum ConsentAnswer
{
    None,
    Accept,
    SummaryOnly,
    Decline,
}

/// <summary>
/// The handoff texts of every language, loaded once from <c>dialogs/handoff/</c> and checked at start-up:
/// every text present, placeholders kept, button labels at most 20 characters.
/// </summary>
public sealed class HandoffTexts
{
    /// <summary>LINE's limit for quick reply labels (counted in characters as a person sees them).</summary>
    public const int MaxLabelLength = 20;

    private readonly IReadOnlyDictionary<string, HandoffTextSet> _sets;

    private HandoffTexts(IReadOnlyDictionary<string, HandoffTextSet> sets) => _sets = sets;

    public IReadOnlyCollection<string> Locales => [.. _sets.Keys];

    /// <summary>The texts for a locale such as <c>en-US</c>; Japanese when there is none for it.</summary>
    public HandoffTextSet For(string? locale)
    {
        if (!string.IsNullOrEmpty(locale))
        {
            var language = locale.Split('-', '_')[0].ToLowerInvariant();
            if (_sets.TryGetValue(language, out var set))
            {
                return set;
            }
        }

        return _sets.TryGetValue("ja", out var japanese) ? japanese : _sets.Values.First();
    }

    /// <summary>True when the text asks for a person, in any language.</summary>
    public bool IsRequest(string? text) => Matches(text, s => s.RequestPhrases);

    public bool IsCancel(string? text) => Matches(text, s => [s.Queue.Cancel, .. s.Queue.CancelAlso]);

    public bool IsEnd(string? text) => Matches(text, s => [s.Counsellor.End, .. s.Counsellor.EndAlso]);

    public ConsentAnswer MatchConsent(string? text)
    {
        if (Matches(text, s => [s.Consent.SummaryOnly]))
        {
            return ConsentAnswer.SummaryOnly;
        }

        if (Matches(text, s => [s.Consent.Accept, .. s.Consent.AcceptAlso]))
        {
            return ConsentAnswer.Accept;
        }

        return Matches(text, s => [s.Consent.Decline, .. s.Consent.DeclineAlso]) ? ConsentAnswer.Decline : ConsentAnswer.None;
    }

    /// <summary>Loads and checks every <c>texts.*.yaml</c> under <c>handoff/</c> in the dialogs folder.</summary>
    public static HandoffTexts Load(string dialogsFolder)
    {
        var folder = Path.Combine(dialogsFolder, "handoff");
        if (!Directory.Exists(folder))
        {
            throw new InvalidOperationException($"The handoff texts folder {folder} does not exist (Content:DialogsPath).");
        }

        var deserializer = new DeserializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).Build();
        var sets = new Dictionary<string, HandoffTextSet>(StringComparer.Ordinal);
        var errors = new List<string>();
        foreach (var file in Directory.EnumerateFiles(folder, "texts.*.yaml").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file);
            HandoffTextSet? set;
            try
            {
                set = deserializer.Deserialize<HandoffTextSet>(File.ReadAllText(file, Encoding.UTF8));
            }
            catch (YamlException ex)
            {
                errors.Add($"{name}: not valid ({ex.Start.Line}:{ex.Start.Column}) {ex.Message}");
                continue;
            }

            if (set is null)
            {
                errors.Add($"{name}: empty");
                continue;
            }

            var expected = name["texts.".Length..^".yaml".Length];
            if (!string.Equals(set.Locale, expected, StringComparison.Ordinal))
            {
                errors.Add($"{name}: locale is '{set.Locale}' but the file name says '{expected}'");
            }

            errors.AddRange(Validate(set).Select(e => $"{name}: {e}"));
            sets[set.Locale] = set;
        }

        if (!sets.ContainsKey("ja"))
        {
            errors.Add("texts.ja.yaml is missing: Japanese is the default language");
        }

        if (errors.Count > 0)
        {
            throw new InvalidOperationException("The handoff texts in " + folder + " have problems:\n- " + string.Join("\n- ", errors));
        }

        return new HandoffTexts(sets);
    }

    /// <summary>Loads from the configured dialogs folder.</summary>
    public static HandoffTexts Load(IOptions<ContentOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Load(ContentPaths.Dialogs(options.Value));
    }

    /// <summary>Fills <c>{name}</c> placeholders.</summary>
    public static string Fill(string template, params (string Name, string Value)[] values)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(values);
        var result = template;
        foreach (var (name, value) in values)
        {
            result = result.Replace("{" + name + "}", value, StringComparison.Ordinal);
        }

        return result;
    }

    /// <summary>Trimmed, width-folded (NFKC), lower-case, without closing punctuation: 「キャンセル。」 matches 「キャンセル」.</summary>
    internal static string Normalise(string? text) =>
        (text ?? string.Empty).Normalize(NormalizationForm.FormKC).Trim().TrimEnd('。', '.', '!', '?', '！', '？', ' ').ToLowerInvariant();

    private bool Matches(string? text, Func<HandoffTextSet, IEnumerable<string>> phrases)
    {
        var normalised = Normalise(text);
        if (normalised.Length == 0)
        {
            return false;
        }

        return _sets.Values.Any(set => phrases(set).Any(p => Normalise(p) == normalised));
    }

    private static IEnumerable<string> Validate(HandoffTextSet set)
    {
        var required = new (string Name, string Value, string[] Placeholders)[]
        {
            ("consent.notice", set.Consent.Notice, ["{wait}"]),
            ("consent.wait_estimate", set.Consent.WaitEstimate, ["{estimate}"]),
            ("consent.wait_nobody", set.Consent.WaitNobody, []),
            ("consent.declined", set.Consent.Declined, []),
            ("queue.queued", set.Queue.Queued, ["{position}", "{estimate}"]),
            ("queue.left_message", set.Queue.LeftMessage, ["{crisis}"]),
            ("queue.reassurance", set.Queue.Reassurance, ["{position}"]),
            ("queue.waiting_ack", set.Queue.WaitingAck, []),
            ("queue.already_waiting", set.Queue.AlreadyWaiting, ["{position}"]),
            ("queue.cancelled", set.Queue.Cancelled, []),
            ("counsellor.joined", set.Counsellor.Joined, ["{name}"]),
            ("counsellor.transferred", set.Counsellor.Transferred, ["{name}"]),
            ("counsellor.released", set.Counsellor.Released, []),
            ("counsellor.closed", set.Counsellor.Closed, []),
            ("counsellor.ended", set.Counsellor.Ended, []),
            ("counsellor.already_connected", set.Counsellor.AlreadyConnected, []),
            ("estimate.soon", set.Estimate.Soon, []),
            ("estimate.minutes", set.Estimate.Minutes, ["{minutes}"]),
            ("estimate.nobody", set.Estimate.Nobody, []),
            ("crisis", set.Crisis, []),
        };
        foreach (var (name, value, placeholders) in required)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                yield return $"{name} is missing";
                continue;
            }

            foreach (var placeholder in placeholders.Where(p => !value.Contains(p, StringComparison.Ordinal)))
            {
                yield return $"{name} lost its placeholder {placeholder}";
            }
        }

        foreach (var (name, label) in new[]
        {
            ("consent.accept", set.Consent.Accept),
            ("consent.summary_only", set.Consent.SummaryOnly),
            ("consent.decline", set.Consent.Decline),
            ("queue.cancel", set.Queue.Cancel),
            ("counsellor.end", set.Counsellor.End),
        })
        {
            if (string.IsNullOrWhiteSpace(label))
            {
                yield return $"{name} (a button label) is missing";
            }
            else if (new StringInfo(label).LengthInTextElements > MaxLabelLength)
            {
                yield return $"{name} '{label}' is longer than {MaxLabelLength} characters";
            }
        }

        if (set.RequestPhrases.Count == 0 || set.RequestPhrases.Any(string.IsNullOrWhiteSpace))
        {
            yield return "request_phrases must list at least one phrase, none empty";
        }
    }
}
