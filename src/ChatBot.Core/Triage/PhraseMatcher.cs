namespace ChatBot.Core.Triage;

/// <summary>
/// Finds every occurrence of a fixed set of phrases in one pass over the text (Aho–Corasick), so the
/// cost of a message is linear in its length whatever the number of lexicon terms. Built once at
/// start-up; searching allocates nothing and is safe from any thread.
/// </summary>
internal sealed class PhraseMatcher
{
    private readonly ushort[] _symbolOf;       // char → symbol (0 = the char occurs in no phrase)
    private readonly int[] _rootNext;          // symbol → state from the root (0 = stay at the root)
    private readonly int[] _edgeStart;         // state → first edge (edges of a state sorted by symbol)
    private readonly ushort[] _edgeSymbol;
    private readonly int[] _edgeTarget;
    private readonly int[] _fail;
    private readonly int[] _outStart;          // state → first phrase ending here (incl. via failure links)
    private readonly int[] _outPhrase;
    private readonly Phrase[] _phrases;

    private PhraseMatcher(ushort[] symbolOf, int[] rootNext, int[] edgeStart, ushort[] edgeSymbol, int[] edgeTarget, int[] fail, int[] outStart, int[] outPhrase, Phrase[] phrases)
    {
        _symbolOf = symbolOf;
        _rootNext = rootNext;
        _edgeStart = edgeStart;
        _edgeSymbol = edgeSymbol;
        _edgeTarget = edgeTarget;
        _fail = fail;
        _outStart = outStart;
        _outPhrase = outPhrase;
        _phrases = phrases;
    }

    /// <summary>One phrase to find, with the value reported when it is found.</summary>
    /// <param name="Text">Already folded by <see cref="TriageText"/>.</param>
    /// <param name="Value">What a match reports (an index into the caller's rule table).</param>
    /// <param name="WordStart">The match must not be preceded by a Latin letter or digit.</param>
    /// <param name="WordEnd">The match must not be followed by a Latin letter or digit.</param>
    public readonly record struct Phrase(string Text, int Value, bool WordStart, bool WordEnd);

    /// <summary>One occurrence: the phrase's value and where it is in the folded text.</summary>
    public readonly record struct Match(int Value, int Start, int End);

    public int StateCount => _fail.Length;

    public static PhraseMatcher Build(IReadOnlyList<Phrase> phrases)
    {
        ArgumentNullException.ThrowIfNull(phrases);
        var symbolOf = new ushort[65536];
        ushort symbols = 0;
        foreach (var phrase in phrases)
        {
            if (phrase.Text.Length == 0)
            {
                throw new ArgumentException("A phrase is empty.", nameof(phrases));
            }

            foreach (var c in phrase.Text)
            {
                if (symbolOf[c] == 0)
                {
                    symbolOf[c] = ++symbols;
                }
            }
        }

        // The trie, with a dictionary per state while building.
        var children = new List<Dictionary<ushort, int>> { new() };
        var ends = new List<List<int>> { new() };
        for (var p = 0; p < phrases.Count; p++)
        {
            var state = 0;
            foreach (var c in phrases[p].Text)
            {
                var s = symbolOf[c];
                if (!children[state].TryGetValue(s, out var next))
                {
                    next = children.Count;
                    children.Add(new Dictionary<ushort, int>());
                    ends.Add([]);
                    children[state].Add(s, next);
                }

                state = next;
            }

            ends[state].Add(p);
        }

        var count = children.Count;
        var fail = new int[count];
        var order = new List<int>(count) { 0 };
        var outputs = new List<int>[count];
        outputs[0] = [.. ends[0]];
        for (var i = 0; i < order.Count; i++)
        {
            var state = order[i];
            foreach (var (symbol, child) in children[state])
            {
                var f = state == 0 ? 0 : Step(children, fail, fail[state], symbol);
                fail[child] = f == child ? 0 : f;
                outputs[child] = [.. ends[child], .. outputs[fail[child]]];
                order.Add(child);
            }
        }

        var rootNext = new int[symbols + 1];
        foreach (var (symbol, child) in children[0])
        {
            rootNext[symbol] = child;
        }

        var edgeStart = new int[count + 1];
        var edgeSymbol = new List<ushort>();
        var edgeTarget = new List<int>();
        var outStart = new int[count + 1];
        var outPhrase = new List<int>();
        for (var state = 0; state < count; state++)
        {
            edgeStart[state] = edgeSymbol.Count;
            foreach (var (symbol, child) in children[state].OrderBy(e => e.Key))
            {
                edgeSymbol.Add(symbol);
                edgeTarget.Add(child);
            }

            outStart[state] = outPhrase.Count;
            outPhrase.AddRange(outputs[state]);
        }

        edgeStart[count] = edgeSymbol.Count;
        outStart[count] = outPhrase.Count;
        return new PhraseMatcher(symbolOf, rootNext, edgeStart, [.. edgeSymbol], [.. edgeTarget], fail, outStart, [.. outPhrase], [.. phrases]);
    }

    private static int Step(List<Dictionary<ushort, int>> children, int[] fail, int state, ushort symbol)
    {
        while (true)
        {
            if (children[state].TryGetValue(symbol, out var next))
            {
                return next;
            }

            if (state == 0)
            {
                return 0;
            }

            state = fail[state];
        }
    }

    /// <summary>
    /// Adds every match in <paramref name="text"/> to <paramref name="matches"/>, in order of their end,
    /// stopping once <paramref name="matches"/> holds <paramref name="max"/> (a bound on the work for
    /// adversarial input). Positions are reported plus <paramref name="offset"/>.
    /// </summary>
    public void FindAll(ReadOnlySpan<char> text, List<Match> matches, int max, int offset = 0)
    {
        ArgumentNullException.ThrowIfNull(matches);
        if (matches.Count >= max)
        {
            return;
        }

        var state = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var symbol = _symbolOf[text[i]];
            if (symbol == 0)
            {
                state = 0;
                continue;
            }

            state = Next(state, symbol);
            for (var o = _outStart[state]; o < _outStart[state + 1]; o++)
            {
                var phrase = _phrases[_outPhrase[o]];
                var start = i + 1 - phrase.Text.Length;
                if (phrase.WordStart && start > 0 && TriageText.IsWordChar(text[start - 1]))
                {
                    continue;
                }

                if (phrase.WordEnd && i + 1 < text.Length && TriageText.IsWordChar(text[i + 1]))
                {
                    continue;
                }

                matches.Add(new Match(phrase.Value, start + offset, i + 1 + offset));
                if (matches.Count >= max)
                {
                    return;
                }
            }
        }
    }

    private int Next(int state, ushort symbol)
    {
        while (state != 0)
        {
            var next = Edge(state, symbol);
            if (next >= 0)
            {
                return next;
            }

            state = _fail[state];
        }

        return _rootNext[symbol];
    }

    private int Edge(int state, ushort symbol)
    {
        var lo = _edgeStart[state];
        var hi = _edgeStart[state + 1] - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var s = _edgeSymbol[mid];
            if (s == symbol)
            {
                return _edgeTarget[mid];
            }

            if (s < symbol)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return -1;
    }
}
