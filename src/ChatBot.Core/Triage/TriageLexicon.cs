using System.Text.RegularExpressions;
using ChatBot.Core.Content;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace ChatBot.Core.Triage;

/// <summary>What a modifier does to a nearby cue.</summary>
internal enum ModifierEffect
{
    /// <summary>The cue does not count (negation, hypothetical, lyrics, a hyperbole, a harmless context).</summary>
    Cancel,

    /// <summary>A high cue becomes crisis (今から, tonight).</summary>
    Escalate,

    /// <summary>The cue is in the past tense (〜と思っていた); it does not count if the message also says it is resolved.</summary>
    Past,

    /// <summary>The cue is set in the distant past (昔は, 学生の頃); it does not count unless the message says it still goes on.</summary>
    DistantPast,

    /// <summary>Said after a past cue: it is over now (今は平気).</summary>
    Resolve,

    /// <summary>Anywhere in the message: it still goes on (今も, still), so nothing past is set aside.</summary>
    Still,
}

/// <summary>Where a modifier must be, relative to the cue, to apply.</summary>
internal enum ModifierPlace
{
    Before,
    After,
    Either,

    /// <summary>Anywhere in the message, across sentences.</summary>
    Message,
}

/// <summary>How close together the concepts of an <c>all_of</c> cue must be.</summary>
internal enum ComboScope
{
    /// <summary>All in one sentence.</summary>
    Sentence,

    /// <summary>All in one sentence or in two sentences that follow each other (「もう決めた。今夜」).</summary>
    NextSentence,

    /// <summary>Anywhere in the message.</summary>
    Message,
}

internal enum RuleKind
{
    Cue,

    /// <summary>A word of a concept (a method, a place, a time word); counts only through an <c>all_of</c> cue.</summary>
    Concept,
    Modifier,
    Exception,
    Topic,
    Speaker,

    /// <summary>The second half of a two-part cue (死ん … でしまいたい): counts only right after its cue's first half.</summary>
    Tail,
}

/// <summary>One compiled rule; a matched phrase points at it.</summary>
internal sealed class TriageRule
{
    public required string Id { get; init; }

    public required RuleKind Kind { get; init; }

    public required string File { get; init; }

    // Cues
    public RiskLevel Risk { get; init; }

    public RiskLevel? RiskAboutOthers { get; init; }

    public bool Escalates { get; init; }

    public bool Past { get; init; }

    public int TopicMask { get; init; }

    /// <summary>For a two-part cue: the index of its tail rule (-1 when the terms alone are the cue).</summary>
    public int TailRule { get; set; } = -1;

    /// <summary>For a two-part cue: the second part may be in the next sentence (「もう決めた。さよなら」).</summary>
    public bool AcrossSentences { get; init; }

    /// <summary>For a concept: its bit in <see cref="Requires"/> masks.</summary>
    public int ConceptBit { get; init; } = -1;

    /// <summary>For an <c>all_of</c> cue: the concepts that must all be present (0 for a cue made of terms).</summary>
    public UInt128 Requires { get; init; }

    /// <summary>For an <c>all_of</c> cue: how close together its concepts must be.</summary>
    public ComboScope Scope { get; init; }

    /// <summary>
    /// For an <c>all_of</c> cue with alternatives (<c>all_of: [[method, place], [time, intent]]</c>): one mask
    /// per item; the cue needs every item present and as many distinct concepts as items. Null when every
    /// item is a single concept (then <see cref="Requires"/> says it all).
    /// </summary>
    public UInt128[]? Items { get; init; }

    /// <summary>For an <c>all_of</c> cue with <c>in_order</c>: the concept bits in the order they must appear (死ん … たい).</summary>
    public int[]? Order { get; init; }

    /// <summary>For a tail: the cue it completes.</summary>
    public int Owner { get; init; } = -1;

    // Modifiers
    public ModifierEffect Effect { get; init; }

    public ModifierPlace Place { get; init; }

    public int Within { get; init; }

    /// <summary>Indexes of the cues this modifier applies to; null = every cue.</summary>
    public bool[]? AppliesTo { get; set; }

    public IReadOnlyList<string> AppliesToIds { get; init; } = [];

    // Topics and speakers
    public Topic Topic { get; init; }

    public Speaker Speaker { get; init; }

    /// <summary>Speaker cues that name who the message is about win over the plain "self" words.</summary>
    public bool SpeakerIsSubject { get; init; }
}

/// <summary>
/// The triage lexicons of <c>dialogs/triage/*.yaml</c>, validated and compiled into one phrase matcher.
/// Loading fails with <see cref="ContentFileException"/> naming the file and the problem.
/// </summary>
internal sealed partial class TriageLexicon
{
    public const string FolderName = "triage";

    private static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .Build();

    /// <summary>The most concepts all the files together may define (one bit each in a mask).</summary>
    public const int MaxConcepts = 128;

    private TriageLexicon(IReadOnlyList<TriageRule> rules, PhraseMatcher matcher, IReadOnlyList<string> files, int longestTerm, int termCount)
    {
        Rules = rules;
        Combos = [.. Enumerable.Range(0, rules.Count).Where(i => rules[i].Requires != 0)];
        Matcher = matcher;
        Files = files;
        LongestTerm = longestTerm;
        TermCount = termCount;
    }

    public IReadOnlyList<TriageRule> Rules { get; }

    public PhraseMatcher Matcher { get; }

    /// <summary>The indexes of the <c>all_of</c> cues, which are found from concepts rather than by their own terms.</summary>
    public IReadOnlyList<int> Combos { get; }

    /// <summary>The files that were loaded (for diagnostics).</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>The longest folded term, which bounds how far apart two overlapping matches can start.</summary>
    public int LongestTerm { get; }

    /// <summary>How many folded phrases (terms with their spellings) the matcher holds.</summary>
    public int TermCount { get; }

    /// <summary>Loads every <c>*.yaml</c> file in <paramref name="folder"/>.</summary>
    public static TriageLexicon LoadFolder(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        if (!Directory.Exists(folder))
        {
            throw new ContentFileException(folder, "the triage lexicon folder does not exist.");
        }

        var files = Directory.GetFiles(folder, "*.yaml").Order(StringComparer.Ordinal).ToArray();
        if (files.Length == 0)
        {
            throw new ContentFileException(folder, "no triage lexicon (*.yaml) was found.");
        }

        // Errors name the file as a reviewer sees it in the repository: dialogs/triage/ja.yaml.
        var root = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar))) ?? folder;
        return Load(files.Select(f => (Path.GetRelativePath(root, f).Replace('\\', '/'), File.ReadAllText(f))).ToArray());
    }

    /// <summary>Compiles lexicons given as (file name, YAML text).</summary>
    public static TriageLexicon Load(IReadOnlyList<(string File, string Yaml)> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var rules = new List<TriageRule>();
        var phrases = new List<PhraseMatcher.Phrase>();
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (file, yaml) in sources)
        {
            LexiconFile model;
            try
            {
                model = Yaml.Deserialize<LexiconFile?>(yaml) ?? throw new ContentFileException(file, "the file is empty.");
            }
            catch (YamlException ex)
            {
                throw new ContentFileException(file, $"line {ex.Start.Line}, column {ex.Start.Column}: {Innermost(ex).Message}", ex);
            }

            new FileCompiler(file, model, rules, phrases, ids).Compile();
        }

        ResolveAppliesTo(rules);
        var longest = phrases.Count == 0 ? 0 : phrases.Max(p => p.Text.Length);
        return new TriageLexicon(rules, PhraseMatcher.Build(phrases), [.. sources.Select(s => s.File)], longest, phrases.Count);
    }

    private static Exception Innermost(Exception ex)
    {
        while (ex.InnerException is not null)
        {
            ex = ex.InnerException;
        }

        return ex;
    }

    private static void ResolveAppliesTo(List<TriageRule> rules)
    {
        foreach (var modifier in rules.Where(r => r.Kind == RuleKind.Modifier && r.AppliesToIds.Count > 0))
        {
            var applies = new bool[rules.Count];
            foreach (var wanted in modifier.AppliesToIds)
            {
                var found = false;
                for (var i = 0; i < rules.Count; i++)
                {
                    var rule = rules[i];
                    if (rule.Kind == RuleKind.Cue
                        && (rule.Id == wanted || rule.Id.StartsWith(wanted + ".", StringComparison.Ordinal)))
                    {
                        applies[i] = true;
                        found = true;
                    }
                }

                if (!found)
                {
                    throw new ContentFileException(modifier.File, $"modifier '{modifier.Id}': applies_to '{wanted}' names no cue.");
                }
            }

            modifier.AppliesTo = applies;
        }
    }

    [GeneratedRegex("^[a-z]{2}(\\.[a-z0-9-]+)+$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();

    /// <summary>Validates and compiles one file's entries into rules and phrases.</summary>
    private sealed class FileCompiler(string file, LexiconFile model, List<TriageRule> rules, List<PhraseMatcher.Phrase> phrases, Dictionary<string, string> ids)
    {
        private const int MaxSpellingVariants = 64;
        private readonly List<(string From, string[] To)> _spellings = [];
        private readonly Dictionary<string, int> _concepts = new(StringComparer.Ordinal);

        public void Compile()
        {
            var language = model.Language;
            if (string.IsNullOrWhiteSpace(language) || language.Length != 2 || !language.All(char.IsAsciiLetterLower))
            {
                throw Fail("'language' must be a two-letter code such as ja or en.");
            }

            foreach (var (from, to) in model.Spellings ?? [])
            {
                if (string.IsNullOrEmpty(from) || to is null || to.Count == 0 || to.Any(string.IsNullOrEmpty))
                {
                    throw Fail($"spellings: '{from}' needs a list of other spellings.");
                }

                _spellings.Add((from, [.. to]));
            }

            if ((model.Cues?.Count ?? 0) + (model.Modifiers?.Count ?? 0) + (model.Exceptions?.Count ?? 0)
                + (model.Topics?.Count ?? 0) == 0 && model.Speakers is null)
            {
                throw Fail("the file defines no cues, modifiers, exceptions, topics or speakers.");
            }

            foreach (var (name, terms) in model.Concepts ?? [])
            {
                var id = CheckId(language, $"{language}.concept.{name}", "concept");
                var bit = rules.Count(r => r.Kind == RuleKind.Concept);
                if (bit >= MaxConcepts)
                {
                    throw Fail($"concept '{name}': all the files together may define at most {MaxConcepts} concepts.");
                }

                _concepts.Add(name, bit);
                AddRule(new TriageRule { Id = id, Kind = RuleKind.Concept, File = file, ConceptBit = bit }, terms, spell: true);
            }

            foreach (var cue in model.Cues ?? [])
            {
                CompileCue(language, cue);
            }

            foreach (var modifier in model.Modifiers ?? [])
            {
                CompileModifier(language, modifier);
            }

            foreach (var exception in model.Exceptions ?? [])
            {
                var id = CheckId(language, exception.Id, "exception");
                AddRule(new TriageRule { Id = id, Kind = RuleKind.Exception, File = file }, exception.Terms, spell: true);
            }

            foreach (var (name, terms) in model.Topics ?? [])
            {
                if (!Enum.TryParse<Topic>(name, ignoreCase: true, out var topic) || !name.All(char.IsAsciiLetterLower))
                {
                    throw Fail($"topics: '{name}' is not a topic (work, school, family, money, health, carer, violence, isolation, services).");
                }

                var id = CheckId(language, $"{language}.topic.{name}", "topic");
                AddRule(new TriageRule { Id = id, Kind = RuleKind.Topic, File = file, Topic = topic }, terms, spell: false);
            }

            if (model.Speakers is { } speakers)
            {
                AddSpeaker(language, "family", Speaker.Family, subject: true, speakers.Family);
                AddSpeaker(language, "other", Speaker.Other, subject: true, speakers.Other);
                AddSpeaker(language, "self-as-victim", Speaker.Self, subject: true, speakers.SelfAsVictim);
                AddSpeaker(language, "self", Speaker.Self, subject: false, speakers.Self);
            }
        }

        private void AddSpeaker(string language, string name, Speaker speaker, bool subject, List<string>? terms)
        {
            if (terms is null)
            {
                return;
            }

            var id = CheckId(language, $"{language}.speaker.{name}", "speaker");
            AddRule(new TriageRule { Id = id, Kind = RuleKind.Speaker, File = file, Speaker = speaker, SpeakerIsSubject = subject }, terms, spell: false);
        }

        private void CompileCue(string language, CueEntry cue)
        {
            var id = CheckId(language, cue.Id, "cue");
            var risk = ParseRisk(cue.Risk, id, "risk") ?? throw Fail($"cue '{id}': 'risk' is required (high or crisis).");
            if (risk == RiskLevel.Normal)
            {
                throw Fail($"cue '{id}': a cue raises the risk, so 'risk' is high or crisis.");
            }

            var aboutOthers = ParseRisk(cue.RiskAboutOthers, id, "risk_about_others");
            if (cue.Escalates && risk == RiskLevel.Crisis)
            {
                throw Fail($"cue '{id}': 'escalates' only makes sense for a high cue.");
            }

            if (cue.AllOf is not null)
            {
                CompileCombo(id, risk, aboutOthers, cue);
                return;
            }

            if (cue.Scope is not null)
            {
                throw Fail($"cue '{id}': 'scope' goes with 'all_of'.");
            }

            if (cue.FollowedBy is null && (cue.Within != 0 || cue.AcrossSentences))
            {
                throw Fail($"cue '{id}': 'within' and 'across_sentences' go with 'followed_by'.");
            }

            if (cue.FollowedBy is not null && cue.Within is < 0 or > 20)
            {
                throw Fail($"cue '{id}': 'within' is the number of characters between the terms and what follows them, 0 to 20.");
            }

            var mask = TopicMask(id, cue.Topics);
            AddRule(
                new TriageRule
                {
                    Id = id,
                    Kind = RuleKind.Cue,
                    File = file,
                    Risk = risk,
                    RiskAboutOthers = aboutOthers,
                    Escalates = cue.Escalates,
                    Past = cue.Past,
                    TopicMask = mask,
                    Within = cue.Within,
                    AcrossSentences = cue.AcrossSentences,
                },
                cue.Terms,
                spell: true);
            if (cue.FollowedBy is not null)
            {
                var owner = rules.Count - 1;
                rules[owner].TailRule = rules.Count;
                AddRule(new TriageRule { Id = id + ".then", Kind = RuleKind.Tail, File = file, Owner = owner }, cue.FollowedBy, spell: true);
            }
        }

        /// <summary>An <c>all_of</c> cue: stands when every named concept is found close enough together.</summary>
        private void CompileCombo(string id, RiskLevel risk, RiskLevel? aboutOthers, CueEntry cue)
        {
            if (cue.Terms is not null || cue.FollowedBy is not null || cue.AcrossSentences)
            {
                throw Fail($"cue '{id}': an 'all_of' cue is made of concepts; it has no 'terms', 'followed_by' or 'across_sentences'.");
            }

            if (cue.Within is < 0 or > 60)
            {
                throw Fail($"cue '{id}': for an 'all_of' cue, 'within' is the most characters its words may span, 1 to 60 (0 or none: no limit).");
            }

            if (cue.InOrder && cue.Within == 0)
            {
                throw Fail($"cue '{id}': 'in_order' goes with 'within'.");
            }

            if (cue.Within > 0 && cue.Scope == "message")
            {
                throw Fail($"cue '{id}': 'within' goes with the sentence or next-sentence scope.");
            }

            if (cue.AllOf!.Count < 2)
            {
                throw Fail($"cue '{id}': 'all_of' names two or more concepts.");
            }

            UInt128 requires = 0;
            var order = new List<int>();
            var items = new List<UInt128>();
            var alternatives = false;
            foreach (var item in cue.AllOf)
            {
                var names = item switch
                {
                    string one => [one],
                    List<object> many when many.Count > 0 && many.All(n => n is string) => many.Cast<string>().ToList(),
                    _ => throw Fail($"cue '{id}': each item of all_of is a concept name or a list of concept names."),
                };
                alternatives |= names.Count > 1;
                UInt128 itemMask = 0;
                foreach (var name in names)
                {
                    if (!_concepts.TryGetValue(name, out var bit))
                    {
                        throw Fail($"cue '{id}': all_of '{name}' is not a concept of this file.");
                    }

                    if (names.Count == 1 && (requires & (UInt128.One << bit)) != 0)
                    {
                        throw Fail($"cue '{id}': all_of names '{name}' twice.");
                    }

                    itemMask |= UInt128.One << bit;
                    order.Add(bit);
                }

                requires |= itemMask;
                items.Add(itemMask);
            }

            if (alternatives && (cue.Within != 0 || cue.InOrder))
            {
                throw Fail($"cue '{id}': an all_of item with alternatives goes without 'within' and 'in_order'.");
            }

            var scope = cue.Scope switch
            {
                null or "sentence" => ComboScope.Sentence,
                "next-sentence" => ComboScope.NextSentence,
                "message" => ComboScope.Message,
                _ => throw Fail($"cue '{id}': 'scope' must be sentence, next-sentence or message."),
            };
            rules.Add(new TriageRule
            {
                Id = id,
                Kind = RuleKind.Cue,
                File = file,
                Risk = risk,
                RiskAboutOthers = aboutOthers,
                Escalates = cue.Escalates,
                Past = cue.Past,
                TopicMask = TopicMask(id, cue.Topics),
                Requires = requires,
                Scope = scope,
                Within = cue.Within,
                Order = cue.InOrder ? [.. order] : null,
                Items = alternatives ? [.. items] : null,
            });
        }

        private int TopicMask(string id, List<string>? topics)
        {
            var mask = 0;
            foreach (var topic in topics ?? [])
            {
                if (!Enum.TryParse<Topic>(topic, ignoreCase: true, out var t) || !topic.All(char.IsAsciiLetterLower))
                {
                    throw Fail($"cue '{id}': '{topic}' is not a topic.");
                }

                mask |= 1 << (int)t;
            }

            return mask;
        }

        private void CompileModifier(string language, ModifierEntry modifier)
        {
            var id = CheckId(language, modifier.Id, "modifier");
            var effect = modifier.Effect switch
            {
                "cancel" => ModifierEffect.Cancel,
                "escalate" => ModifierEffect.Escalate,
                "past" => ModifierEffect.Past,
                "distant-past" => ModifierEffect.DistantPast,
                "resolve" => ModifierEffect.Resolve,
                "still" => ModifierEffect.Still,
                _ => throw Fail($"modifier '{id}': 'effect' must be cancel, escalate, past, distant-past, resolve or still."),
            };
            var place = modifier.Where switch
            {
                "before" => ModifierPlace.Before,
                "after" => ModifierPlace.After,
                "either" => ModifierPlace.Either,
                "message" => ModifierPlace.Message,
                _ => throw Fail($"modifier '{id}': 'where' must be before, after, either or message."),
            };
            if (place != ModifierPlace.Message && modifier.Within is < 0 or > 40)
            {
                throw Fail($"modifier '{id}': 'within' is the number of characters between the modifier and the cue, 0 to 40.");
            }

            if (effect == ModifierEffect.Still && place != ModifierPlace.Message)
            {
                throw Fail($"modifier '{id}': a 'still' modifier applies to the whole message (where: message).");
            }

            AddRule(
                new TriageRule
                {
                    Id = id,
                    Kind = RuleKind.Modifier,
                    File = file,
                    Effect = effect,
                    Place = place,
                    Within = modifier.Within,
                    AppliesToIds = modifier.AppliesTo ?? [],
                },
                modifier.Terms,
                spell: true);
        }

        private RiskLevel? ParseRisk(string? value, string id, string key) => value switch
        {
            null => null,
            "crisis" => RiskLevel.Crisis,
            "high" => RiskLevel.High,
            "normal" => RiskLevel.Normal,
            _ => throw Fail($"cue '{id}': '{key}' must be high or crisis, not '{value}'."),
        };

        private string CheckId(string language, string? id, string what)
        {
            if (string.IsNullOrWhiteSpace(id) || !IdPattern().IsMatch(id))
            {
                throw Fail($"{what} '{id}': an id is lower-case words joined by dots, starting with the language (e.g. {language}.thought.die).");
            }

            if (!id.StartsWith(language + ".", StringComparison.Ordinal))
            {
                throw Fail($"{what} '{id}': ids in a '{language}' file start with '{language}.'.");
            }

            if (!ids.TryAdd(id, file))
            {
                throw Fail($"{what} '{id}' is already defined in {ids[id]}.");
            }

            return id;
        }

        private void AddRule(TriageRule rule, List<string>? terms, bool spell)
        {
            if (terms is null || terms.Count == 0)
            {
                throw Fail($"'{rule.Id}' has no terms.");
            }

            var index = rules.Count;
            rules.Add(rule);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var raw in terms)
            {
                if (string.IsNullOrWhiteSpace(raw))
                {
                    throw Fail($"'{rule.Id}' has an empty term.");
                }

                var term = raw.Trim();
                var openStart = term.StartsWith('*');
                var openEnd = term.EndsWith('*');
                term = term.Trim('*');
                foreach (var variant in spell ? Spell(term) : [term])
                {
                    var folded = TriageText.Normalize(variant);
                    if (folded.Length == 0)
                    {
                        throw Fail($"'{rule.Id}': the term '{raw}' is only punctuation or symbols, which are ignored when matching.");
                    }

                    if (folded.Contains(TriageText.Boundary, StringComparison.Ordinal))
                    {
                        throw Fail($"'{rule.Id}': the term '{raw}' contains a sentence end (。.!? or a line break); a term is matched within one sentence.");
                    }

                    if (!seen.Add(folded))
                    {
                        continue;
                    }

                    phrases.Add(new PhraseMatcher.Phrase(
                        folded,
                        index,
                        WordStart: !openStart && TriageText.IsWordChar(folded[0]),
                        WordEnd: !openEnd && TriageText.IsWordChar(folded[^1])));
                }
            }
        }

        /// <summary>The term as written and with every other spelling of the file's <c>spellings</c>.</summary>
        private List<string> Spell(string term)
        {
            var variants = new List<string> { term };
            foreach (var (from, to) in _spellings)
            {
                var count = variants.Count;
                for (var i = 0; i < count && variants.Count < MaxSpellingVariants; i++)
                {
                    if (!variants[i].Contains(from, StringComparison.Ordinal))
                    {
                        continue;
                    }

                    foreach (var other in to)
                    {
                        if (variants.Count >= MaxSpellingVariants)
                        {
                            break;
                        }

                        variants.Add(variants[i].Replace(from, other, StringComparison.Ordinal));
                    }
                }
            }

            return variants;
        }

        private ContentFileException Fail(string problem) => new(file, problem);
    }
}
