namespace ChatBot.Core.Triage;

/// <summary>
/// The triage every message goes through: the lexicons of <c>dialogs/triage/</c> matched in one pass
/// over the folded text, then read like a counsellor would read them.
/// <list type="number">
/// <item>Exceptions (idioms such as 死ぬほど, phrases such as 自殺したい人は) set aside every cue, modifier
/// and speaker word they overlap.</item>
/// <item>The speaker is the first word that names who the message is about (息子が → family, 友達が → other,
/// 夫に殴られ → self as the one harmed); failing that, self when the writer speaks of themselves or any
/// cue matched; otherwise unknown.</item>
/// <item>Each cue is set aside by a cancel modifier in reach (negation, hypothetical, lyrics, hyperbole, a
/// harmless context), or when it lies in the past (distant past, or past tense with a resolution after it)
/// and nothing in the message says it still goes on. A cue that stands gives its risk (its
/// <c>risk_about_others</c> when the message is about someone else), raised to crisis by an escalate
/// modifier in reach (今から, tonight).</item>
/// <item>The message's risk is the highest of its cues; topics come from topic words and from the cues that stand.</item>
/// </list>
/// <see cref="TriageResult.Matches"/> lists rule ids only, never text: <c>cue</c> for a cue that counted,
/// <c>cue&gt;modifier</c> for one raised to crisis, <c>cue/modifier</c> for one set aside and by what,
/// then the speaker and topic rules.
/// </summary>
internal sealed class RuleBasedTriage : ITriage
{
    /// <summary>
    /// Bounds the work on adversarial input (a message made of lexicon terms): at most this many matches
    /// in a message, of which <see cref="TailMatches"/> are kept for the end of a long message, so a
    /// goodbye at the end of a long text is still read.
    /// </summary>
    private const int MaxMatches = 2_048;

    private const int TailMatches = 512;

    /// <summary>The most matches collected in one pass before the middle is dropped (bounds memory).</summary>
    private const int MatchesScanned = 32_768;

    private static readonly IReadOnlyList<Topic>[] TopicLists = BuildTopicLists();

    /// <summary>How far a local modifier can reach (the lexicon's limit on <c>within</c>).</summary>
    private const int MaxReach = 40;

    /// <summary>The id in <see cref="TriageResult.Matches"/> when the examples, not a rule, raised the message.</summary>
    public const string ExamplesMatchId = "examples.similar";

    private readonly TriageLexicon _lexicon;
    private readonly ExampleModel? _examples;
    private readonly float _examplesThreshold;
    private readonly IReadOnlyList<TriageRule> _rules;
    private readonly string[] _cancelled;
    private readonly string[] _escalated;
    private readonly ThreadLocal<Scratch> _scratch;

    /// <param name="lexicon">The rules.</param>
    /// <param name="examples">What was learnt from the labeled examples, asked only when no rule found danger; null: rules alone.</param>
    /// <param name="examplesThreshold">The log-odds from which the examples raise a message to a tentative high.</param>
    public RuleBasedTriage(TriageLexicon lexicon, ExampleModel? examples = null, double examplesThreshold = TriageOptions.DefaultExampleThreshold)
    {
        ArgumentNullException.ThrowIfNull(lexicon);
        _lexicon = lexicon;
        _examples = examples;
        _examplesThreshold = (float)examplesThreshold;
        _rules = lexicon.Rules;
        // "cue/modifier" and "cue>modifier" strings are made on first use and kept, so a message allocates none.
        _cancelled = new string[_rules.Count * _rules.Count];
        _escalated = new string[_rules.Count * _rules.Count];
        var ruleCount = _rules.Count;
        _scratch = new ThreadLocal<Scratch>(() => new Scratch(ruleCount));
    }

    public TriageLexicon Lexicon => _lexicon;

    public ExampleModel? Examples => _examples;

    public TriageResult Classify(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return TriageResult.Empty;
        }

        using var buffer = TriageText.NormalizeMessage(text);
        var result = ClassifyByRules(buffer.Written, buffer.TailStart);
        if (result.Risk != RiskLevel.Normal || _examples is null || _examples.Score(buffer.Written) < _examplesThreshold)
        {
            return result;
        }

        // No rule found danger, but the message reads like the danger examples: a tentative high, so the
        // bot checks in gently (the check-in aside) rather than presuming or saying nothing.
        return result with
        {
            Risk = RiskLevel.High,
            Speaker = result.Speaker == Speaker.Unknown ? Speaker.Self : result.Speaker,
            Matches = [.. result.Matches, ExamplesMatchId],
            Tentative = true,
        };
    }

    private TriageResult ClassifyByRules(ReadOnlySpan<char> folded, int tailStart)
    {
        var scratch = _scratch.Value!;
        scratch.Clear();
        FindMatches(folded, tailStart, scratch.Matches);

        if (scratch.Matches.Count == 0)
        {
            return TriageResult.Empty;
        }

        Sort(scratch);
        SetAsideExceptions(scratch);

        var speaker = DecideSpeaker(scratch, out var speakerRule);
        var risk = RiskLevel.Normal;
        var topicMask = 0;
        var stillAnywhere = Any(scratch, ModifierEffect.Still);
        foreach (var head in scratch.Cues)
        {
            var rule = _rules[head.Value];
            var cue = head;
            if (rule.TailRule >= 0)
            {
                // A two-part cue stands only with its second part close after it, and then spans both.
                var tail = Tail(scratch, folded, head, rule);
                if (tail < 0)
                {
                    continue;
                }

                cue = new PhraseMatcher.Match(head.Value, head.Start, scratch.Tails[tail].End);
            }

            Weigh(scratch, folded, cue, speaker, stillAnywhere, ref risk, ref topicMask);
        }

        if (scratch.Concepts.Count > 0 && _lexicon.Combos.Count > 0)
        {
            WeighCombos(scratch, folded, speaker, stillAnywhere, ref risk, ref topicMask);
        }

        if (speaker == Speaker.Unknown && risk > RiskLevel.Normal)
        {
            speaker = Speaker.Self;
        }

        if (speakerRule >= 0)
        {
            scratch.AddId(_rules[speakerRule].Id);
        }

        foreach (var topic in scratch.Topics)
        {
            var rule = _rules[topic.Value];
            if ((topicMask & (1 << (int)rule.Topic)) == 0)
            {
                topicMask |= 1 << (int)rule.Topic;
                scratch.AddId(rule.Id);
            }
        }

        return new TriageResult(risk, speaker, TopicLists[topicMask], scratch.Ids.Count == 0 ? [] : [.. scratch.Ids]);
    }

    /// <summary>
    /// Counts one cue found in the text (or made of concepts): unless a modifier sets it aside, it gives its
    /// risk, raised to crisis by a time word in reach when it escalates. False when it was set aside.
    /// </summary>
    private bool Weigh(Scratch scratch, ReadOnlySpan<char> folded, PhraseMatcher.Match cue, Speaker speaker, bool stillAnywhere, ref RiskLevel risk, ref int topicMask)
    {
        var rule = _rules[cue.Value];
        var setAsideBy = CancelledBy(scratch, folded, cue, stillAnywhere);
        if (setAsideBy >= 0)
        {
            scratch.AddId(Pair(_cancelled, cue.Value, setAsideBy, '/'));
            return false;
        }

        var level = rule.RiskAboutOthers is { } others && speaker is Speaker.Family or Speaker.Other ? others : rule.Risk;
        if (rule.Escalates && level < RiskLevel.Crisis)
        {
            var by = Find(scratch, folded, cue, ModifierEffect.Escalate);
            if (by >= 0)
            {
                level = RiskLevel.Crisis;
                scratch.AddId(Pair(_escalated, cue.Value, by, '>'));
            }
            else
            {
                scratch.AddId(rule.Id);
            }
        }
        else
        {
            scratch.AddId(rule.Id);
        }

        topicMask |= rule.TopicMask;
        if (level > risk)
        {
            risk = level;
        }

        return true;
    }

    /// <summary>
    /// The <c>all_of</c> cues: the concept words are grouped by sentence, each group with the mask of the
    /// concepts it holds, and a cue stands where its concepts are all present within its scope. The cue then
    /// spans its concept words (from the first to the last), so modifiers reach it like any other cue.
    /// Work is linear in the number of concept words for each all_of cue.
    /// </summary>
    private void WeighCombos(Scratch scratch, ReadOnlySpan<char> folded, Speaker speaker, bool stillAnywhere, ref RiskLevel risk, ref int topicMask)
    {
        var concepts = scratch.Concepts;
        var groups = scratch.Groups;
        UInt128 all = 0;
        int sentence = 0, scanned = 0;
        for (var i = 0; i < concepts.Count; i++)
        {
            var start = concepts[i].Start;
            if (start > scanned)
            {
                sentence += folded[scanned..start].Count(TriageText.Boundary);
                scanned = start;
            }

            var bit = UInt128.One << _rules[concepts[i].Value].ConceptBit;
            all |= bit;
            if (groups.Count > 0 && groups[^1].Sentence == sentence)
            {
                var last = groups[^1];
                groups[^1] = last with { To = i + 1, Mask = last.Mask | bit };
            }
            else
            {
                groups.Add(new SentenceGroup(sentence, i, i + 1, bit));
            }
        }

        foreach (var combo in _lexicon.Combos)
        {
            var rule = _rules[combo];
            var requires = rule.Requires;
            if (!Satisfies(rule, all))
            {
                continue;
            }

            if (rule.Scope == ComboScope.Message)
            {
                Weigh(scratch, folded, Span(concepts, combo, requires, 0, concepts.Count), speaker, stillAnywhere, ref risk, ref topicMask);
                continue;
            }

            for (var g = 0; g < groups.Count; g++)
            {
                var mask = groups[g].Mask;
                var to = groups[g].To;
                if (rule.Scope == ComboScope.NextSentence && g + 1 < groups.Count && groups[g + 1].Sentence == groups[g].Sentence + 1)
                {
                    mask |= groups[g + 1].Mask;
                    to = groups[g + 1].To;
                }

                if (!Satisfies(rule, mask))
                {
                    continue;
                }

                var span = rule.Order is { } order
                    ? Sequence(scratch, concepts, combo, order, rule.Within, groups[g].From, to)
                    : rule.Within > 0
                        ? Window(scratch, concepts, combo, requires, rule.Within, groups[g].From, to)
                        : Span(concepts, combo, requires, groups[g].From, to);
                if (span.End > 0 && Weigh(scratch, folded, span, speaker, stillAnywhere, ref risk, ref topicMask))
                {
                    break;
                }
            }
        }
    }

    /// <summary>Whether the concepts of <paramref name="mask"/> meet an all_of cue (see <see cref="TriageRule.Items"/>).</summary>
    private static bool Satisfies(TriageRule rule, UInt128 mask)
    {
        if (rule.Items is not { } items)
        {
            return (mask & rule.Requires) == rule.Requires;
        }

        foreach (var item in items)
        {
            if ((mask & item) == 0)
            {
                return false;
            }
        }

        return (int)UInt128.PopCount(mask & rule.Requires) >= items.Length;
    }

    /// <summary>
    /// The first window of at most <paramref name="within"/> characters holding a word of every concept of
    /// <paramref name="requires"/> in concepts[from..to), in any order; End is 0 when there is none. One pass,
    /// keeping where each concept was last seen.
    /// </summary>
    private PhraseMatcher.Match Window(Scratch scratch, List<PhraseMatcher.Match> concepts, int combo, UInt128 requires, int within, int from, int to)
    {
        var lastStart = scratch.LastStart;
        UInt128 seen = 0;
        for (var i = from; i < to; i++)
        {
            var m = concepts[i];
            var bit = _rules[m.Value].ConceptBit;
            if ((requires & (UInt128.One << bit)) == 0)
            {
                continue;
            }

            lastStart[bit] = m.Start;
            seen |= UInt128.One << bit;
            if (seen != requires)
            {
                continue;
            }

            var start = m.Start;
            for (var rest = requires; rest != 0; rest &= rest - 1)
            {
                start = Math.Min(start, lastStart[(int)UInt128.TrailingZeroCount(rest)]);
            }

            if (m.End - start <= within)
            {
                return new PhraseMatcher.Match(combo, start, m.End);
            }
        }

        return default;
    }

    /// <summary>
    /// The first run of words of the concepts of <paramref name="order"/>, one after another in that order,
    /// spanning at most <paramref name="within"/> characters; End is 0 when there is none. One pass: for
    /// each step of the order, the start of the latest chain reaching it and where that chain ends.
    /// </summary>
    private PhraseMatcher.Match Sequence(Scratch scratch, List<PhraseMatcher.Match> concepts, int combo, int[] order, int within, int from, int to)
    {
        var chainStart = scratch.LastStart;
        var chainEnd = scratch.ChainEnd;
        for (var j = 0; j < order.Length; j++)
        {
            chainEnd[j] = -1;
        }

        for (var i = from; i < to; i++)
        {
            var m = concepts[i];
            var step = Array.IndexOf(order, _rules[m.Value].ConceptBit);
            if (step < 0)
            {
                continue;
            }

            if (step == 0)
            {
                chainStart[0] = m.Start;
                chainEnd[0] = m.End;
            }
            else if (chainEnd[step - 1] >= 0 && chainEnd[step - 1] <= m.Start && m.End - chainStart[step - 1] <= within)
            {
                chainStart[step] = chainStart[step - 1];
                chainEnd[step] = m.End;
            }
            else
            {
                continue;
            }

            if (step == order.Length - 1)
            {
                return new PhraseMatcher.Match(combo, chainStart[step], m.End);
            }
        }

        return default;
    }

    /// <summary>The span from the first to the last concept word of <paramref name="requires"/> in concepts[from..to).</summary>
    private PhraseMatcher.Match Span(List<PhraseMatcher.Match> concepts, int combo, UInt128 requires, int from, int to)
    {
        int start = int.MaxValue, end = 0;
        for (var i = from; i < to; i++)
        {
            var m = concepts[i];
            if ((requires & (UInt128.One << _rules[m.Value].ConceptBit)) != 0)
            {
                start = Math.Min(start, m.Start);
                end = Math.Max(end, m.End);
            }
        }

        return new PhraseMatcher.Match(combo, start, end);
    }

    /// <summary>
    /// Finds the lexicon phrases, keeping at most <see cref="MaxMatches"/>: when there are more, the
    /// first ones and the last <see cref="TailMatches"/> are kept, because what comes last in a message
    /// (a goodbye) matters as much as how it begins.
    /// </summary>
    private void FindMatches(ReadOnlySpan<char> folded, int tailStart, List<PhraseMatcher.Match> matches)
    {
        var head = tailStart < 0 ? folded : folded[..tailStart];
        _lexicon.Matcher.FindAll(head, matches, tailStart < 0 ? MatchesScanned : MaxMatches - TailMatches);
        var tailFrom = matches.Count;
        if (tailStart >= 0)
        {
            _lexicon.Matcher.FindAll(folded[tailStart..], matches, tailFrom + MatchesScanned, tailStart);
        }

        if (matches.Count > MaxMatches)
        {
            // Matches come in order of their end: drop the middle, keep the start and the end.
            var keepFirst = Math.Min(tailFrom, MaxMatches - TailMatches);
            matches.RemoveRange(keepFirst, matches.Count - TailMatches - keepFirst);
        }
    }

    /// <summary>Splits the matches by kind, each list in order of position.</summary>
    private void Sort(Scratch scratch)
    {
        scratch.Matches.Sort(static (a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : b.End.CompareTo(a.End));
        foreach (var match in scratch.Matches)
        {
            var rule = _rules[match.Value];
            if (rule.Kind == RuleKind.Modifier && IsGlobal(rule))
            {
                scratch.Global.Add(match);
                continue;
            }

            var list = rule.Kind switch
            {
                RuleKind.Cue => scratch.Cues,
                RuleKind.Concept => scratch.Concepts,
                RuleKind.Modifier => scratch.Modifiers,
                RuleKind.Exception => scratch.Exceptions,
                RuleKind.Topic => scratch.Topics,
                RuleKind.Tail => scratch.Tails,
                _ => scratch.Speakers,
            };
            list.Add(match);
        }
    }

    /// <summary>Removes every cue, modifier and speaker word that an exception phrase overlaps.</summary>
    private void SetAsideExceptions(Scratch scratch)
    {
        if (scratch.Exceptions.Count == 0)
        {
            return;
        }

        RemoveOverlapped(scratch.Cues, scratch, record: true);
        RemoveOverlapped(scratch.Tails, scratch, record: false);
        RemoveOverlapped(scratch.Concepts, scratch, record: false);
        RemoveOverlapped(scratch.Modifiers, scratch, record: false);
        RemoveOverlapped(scratch.Global, scratch, record: false);
        RemoveOverlapped(scratch.Speakers, scratch, record: false);
    }

    private void RemoveOverlapped(List<PhraseMatcher.Match> list, Scratch scratch, bool record)
    {
        var exceptions = scratch.Exceptions;
        list.RemoveAll(m =>
        {
            // Both lists are ordered by start; an overlapping exception starts less than a term's length before.
            var i = FirstStartingAtOrAfter(exceptions, m.Start - _lexicon.LongestTerm);
            for (; i < exceptions.Count && exceptions[i].Start < m.End; i++)
            {
                if (exceptions[i].End > m.Start)
                {
                    if (record)
                    {
                        scratch.AddId(Pair(_cancelled, m.Value, exceptions[i].Value, '/'));
                    }

                    return true;
                }
            }

            return false;
        });
    }

    private Speaker DecideSpeaker(Scratch scratch, out int rule)
    {
        foreach (var match in scratch.Speakers)
        {
            if (_rules[match.Value].SpeakerIsSubject)
            {
                rule = match.Value;
                return _rules[match.Value].Speaker;
            }
        }

        rule = scratch.Speakers.Count > 0 ? scratch.Speakers[0].Value : -1;
        return scratch.Speakers.Count > 0 || scratch.Cues.Count > 0 ? Speaker.Self : Speaker.Unknown;
    }

    /// <summary>The modifier that sets this cue aside, or -1 when it stands.</summary>
    private int CancelledBy(Scratch scratch, ReadOnlySpan<char> folded, PhraseMatcher.Match cue, bool stillAnywhere)
    {
        var cancel = Find(scratch, folded, cue, ModifierEffect.Cancel);
        if (cancel >= 0)
        {
            return cancel;
        }

        if (stillAnywhere)
        {
            return -1;
        }

        var distant = Find(scratch, folded, cue, ModifierEffect.DistantPast);
        if (distant >= 0)
        {
            return distant;
        }

        var past = _rules[cue.Value].Past || Find(scratch, folded, cue, ModifierEffect.Past) >= 0;
        return past ? Find(scratch, folded, cue, ModifierEffect.Resolve) : -1;
    }

    /// <summary>The index in <c>Tails</c> of the nearest second part of <paramref name="head"/>'s cue, or -1.</summary>
    private int Tail(Scratch scratch, ReadOnlySpan<char> folded, PhraseMatcher.Match head, TriageRule rule)
    {
        var tails = scratch.Tails;
        for (var i = FirstStartingAtOrAfter(tails, head.End); i < tails.Count && tails[i].Start - head.End <= rule.Within; i++)
        {
            if (tails[i].Value == rule.TailRule && (rule.AcrossSentences || !folded[head.End..tails[i].Start].Contains(TriageText.Boundary)))
            {
                return i;
            }
        }

        return -1;
    }

    private bool Any(Scratch scratch, ModifierEffect effect)
    {
        foreach (var m in scratch.Global)
        {
            if (_rules[m.Value].Effect == effect)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Modifiers that apply across the message; the others only reach a few characters.</summary>
    private static bool IsGlobal(TriageRule rule) =>
        rule.Place == ModifierPlace.Message || rule.Effect is ModifierEffect.Resolve or ModifierEffect.Still;

    /// <summary>
    /// The first modifier with <paramref name="effect"/> that reaches the cue, or -1. Local modifiers are
    /// looked up only in the few characters around the cue, and message-wide ones once per rule, so a
    /// message full of lexicon words costs no more than linear work.
    /// </summary>
    private int Find(Scratch scratch, ReadOnlySpan<char> folded, PhraseMatcher.Match cue, ModifierEffect effect)
    {
        if (effect != ModifierEffect.Resolve)
        {
            var local = scratch.Modifiers;
            for (var i = FirstStartingAtOrAfter(local, cue.Start - MaxReach - _lexicon.LongestTerm);
                 i < local.Count && local[i].Start <= cue.End + MaxReach;
                 i++)
            {
                var m = local[i];
                var rule = _rules[m.Value];
                if (rule.Effect == effect && (rule.AppliesTo is not { } applies || applies[cue.Value]) && Reaches(rule, m, cue, folded))
                {
                    return m.Value;
                }
            }
        }

        foreach (var ruleIndex in scratch.GlobalRules())
        {
            var rule = _rules[ruleIndex];
            if (rule.Effect != effect || (rule.AppliesTo is { } applies && !applies[cue.Value]))
            {
                continue;
            }

            // The first and the last occurrence stand for all: one before or after the cue is enough.
            var (first, last) = scratch.Span(ruleIndex);
            if (Reaches(rule, first, cue, folded) || Reaches(rule, last, cue, folded))
            {
                return ruleIndex;
            }
        }

        return -1;
    }

    private static bool Reaches(TriageRule rule, PhraseMatcher.Match modifier, PhraseMatcher.Match cue, ReadOnlySpan<char> folded)
    {
        // A resolution is said after what it resolves, anywhere later in the message.
        if (rule.Effect == ModifierEffect.Resolve)
        {
            return modifier.Start >= cue.End;
        }

        switch (rule.Place)
        {
            case ModifierPlace.Message:
                return true;
            case ModifierPlace.Either when modifier.Start >= cue.Start && modifier.End <= cue.End && cue.End - cue.Start > modifier.End - modifier.Start:
                // Inside a cue made of words far apart (遺書 … エンディングノート … 書いた).
                return true;
            case ModifierPlace.Before or ModifierPlace.Either when modifier.End <= cue.Start && cue.Start - modifier.End <= rule.Within:
                return !folded[modifier.End..cue.Start].Contains(TriageText.Boundary);
        }

        if (rule.Place is ModifierPlace.After or ModifierPlace.Either && modifier.Start >= cue.End && modifier.Start - cue.End <= rule.Within)
        {
            return !folded[cue.End..modifier.Start].Contains(TriageText.Boundary);
        }

        return false;
    }

    private static int FirstStartingAtOrAfter(List<PhraseMatcher.Match> list, int start)
    {
        int lo = 0, hi = list.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (list[mid].Start < start)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private string Pair(string[] cache, int first, int second, char joiner)
    {
        var index = (first * _rules.Count) + second;
        return cache[index] ??= string.Concat(_rules[first].Id, joiner.ToString(), _rules[second].Id);
    }

    private static IReadOnlyList<Topic>[] BuildTopicLists()
    {
        var all = Enum.GetValues<Topic>();
        var lists = new IReadOnlyList<Topic>[1 << all.Length];
        for (var mask = 0; mask < lists.Length; mask++)
        {
            lists[mask] = Array.AsReadOnly(all.Where(t => (mask & (1 << (int)t)) != 0).ToArray());
        }

        return lists;
    }

    /// <summary>The concept words of one sentence: concepts[From..To) and the mask of the concepts among them.</summary>
    private readonly record struct SentenceGroup(int Sentence, int From, int To, UInt128 Mask);

    /// <summary>Per-thread working lists, reused from message to message.</summary>
    private sealed class Scratch(int ruleCount)
    {
        private readonly HashSet<string> _seenIds = new(StringComparer.Ordinal);
        private readonly PhraseMatcher.Match[] _first = new PhraseMatcher.Match[ruleCount];
        private readonly PhraseMatcher.Match[] _last = new PhraseMatcher.Match[ruleCount];
        private readonly bool[] _globalSeen = new bool[ruleCount];
        private readonly List<int> _globalRules = new(8);
        private bool _globalIndexed;

        public List<PhraseMatcher.Match> Matches { get; } = new(64);

        public List<PhraseMatcher.Match> Cues { get; } = new(16);

        /// <summary>Modifiers that reach only nearby cues, in order of position.</summary>
        public List<PhraseMatcher.Match> Modifiers { get; } = new(16);

        /// <summary>Modifiers that apply across the message.</summary>
        public List<PhraseMatcher.Match> Global { get; } = new(8);

        public List<PhraseMatcher.Match> Exceptions { get; } = new(8);

        public List<PhraseMatcher.Match> Topics { get; } = new(16);

        public List<PhraseMatcher.Match> Speakers { get; } = new(8);

        public List<PhraseMatcher.Match> Tails { get; } = new(8);

        /// <summary>Concept words, in order of position.</summary>
        public List<PhraseMatcher.Match> Concepts { get; } = new(16);

        /// <summary>The concept words grouped by sentence (see <see cref="WeighCombos"/>).</summary>
        public List<SentenceGroup> Groups { get; } = new(8);

        /// <summary>Where each concept was last seen, while looking for a window (see <see cref="Window"/>).</summary>
        public int[] LastStart { get; } = new int[TriageLexicon.MaxConcepts];

        /// <summary>Where the latest chain reaching each step of an ordered cue ends (see <see cref="Sequence"/>).</summary>
        public int[] ChainEnd { get; } = new int[TriageLexicon.MaxConcepts];

        /// <summary>The rule ids for <see cref="TriageResult.Matches"/>, each once, in order.</summary>
        public List<string> Ids { get; } = new(16);

        public void AddId(string id)
        {
            if (_seenIds.Add(id))
            {
                Ids.Add(id);
            }
        }

        /// <summary>The distinct message-wide modifier rules that matched.</summary>
        public List<int> GlobalRules()
        {
            if (!_globalIndexed)
            {
                _globalIndexed = true;
                foreach (var m in Global)
                {
                    if (!_globalSeen[m.Value])
                    {
                        _globalSeen[m.Value] = true;
                        _globalRules.Add(m.Value);
                        _first[m.Value] = m;
                    }

                    _last[m.Value] = m;
                }
            }

            return _globalRules;
        }

        public (PhraseMatcher.Match First, PhraseMatcher.Match Last) Span(int rule) => (_first[rule], _last[rule]);

        public void Clear()
        {
            Matches.Clear();
            Cues.Clear();
            Modifiers.Clear();
            Global.Clear();
            Exceptions.Clear();
            Topics.Clear();
            Speakers.Clear();
            Tails.Clear();
            Concepts.Clear();
            Groups.Clear();
            Ids.Clear();
            _seenIds.Clear();
            foreach (var rule in _globalRules)
            {
                _globalSeen[rule] = false;
            }

            _globalRules.Clear();
            _globalIndexed = false;
        }
    }
}
