using System.Collections.Frozen;
using System.Runtime.InteropServices;

namespace ChatBot.Core.Triage;

/// <summary>
/// What the triage learns from the labeled examples (<c>dialogs/triage/examples.jsonl</c>): a naive Bayes
/// model of "danger" (crisis or high) against "normal" over the character 1-, 2- and 3-grams of the folded
/// text, the same folding the lexicons use. There is one model for messages written mostly in Latin letters
/// (English, romaji) and one for the rest (Japanese), each learnt from the examples of its script: a shared
/// model reads every English message as danger, because most English examples are. It is trained when the service starts, from the file a counsellor
/// reads and adds to, so there is no opaque model file: add a message with its label and the model knows it
/// at the next start.
/// <para>
/// It is a safety net under the rules, never a judge over them: <see cref="RuleBasedTriage"/> asks it only
/// when no rule found danger, and it can only raise a message to high, tentatively (the bot then checks in
/// gently instead of presuming). Phrase rules miss what nobody has written yet; n-grams of the many ways
/// danger has been written catch a good part of it (see tests/ChatBot.Core.Tests/Triage/README.md).
/// </para>
/// </summary>
internal sealed class ExampleModel
{
    /// <summary>The most folded characters the model reads (the start of a longer message): bounds the work.</summary>
    public const int MaxChars = 4_000;

    private const float Smoothing = 0.5f;

    private readonly Part?[] _parts;
    private readonly ThreadLocal<HashSet<ulong>> _seen = new(() => new HashSet<ulong>(1024));

    private ExampleModel(Part?[] parts, int danger, int normal)
    {
        _parts = parts;
        DangerExamples = danger;
        NormalExamples = normal;
    }

    public int DangerExamples { get; }

    public int NormalExamples { get; }

    public int Features => _parts.Sum(p => p?.Weights.Count ?? 0);

    /// <summary>
    /// Learns from labeled messages: crisis and high are danger, normal is normal. A script with no example
    /// of one of the two gets no model, so the examples never raise a message written in it.
    /// </summary>
    public static ExampleModel Train(IEnumerable<LabeledMessage> examples)
    {
        ArgumentNullException.ThrowIfNull(examples);
        var counts = new[] { new Dictionary<ulong, (int Danger, int Normal)>(), new Dictionary<ulong, (int Danger, int Normal)>() };
        var totals = new (int Danger, int Normal)[2];
        var grams = new HashSet<ulong>();
        foreach (var example in examples)
        {
            using var buffer = TriageText.NormalizeMessage(example.Text);
            var script = ScriptOf(buffer.Written);
            var isDanger = example.Risk != RiskLevel.Normal;
            totals[script] = isDanger ? (totals[script].Danger + 1, totals[script].Normal) : (totals[script].Danger, totals[script].Normal + 1);
            grams.Clear();
            Collect(buffer.Written, grams);
            foreach (var gram in grams)
            {
                ref var count = ref CollectionsMarshal.GetValueRefOrAddDefault(counts[script], gram, out _);
                count = isDanger ? (count.Danger + 1, count.Normal) : (count.Danger, count.Normal + 1);
            }
        }

        var danger = totals.Sum(t => t.Danger);
        var normal = totals.Sum(t => t.Normal);
        if (danger == 0 || normal == 0)
        {
            throw new InvalidDataException($"the examples need both danger (crisis or high) and normal messages to learn from; found {danger} and {normal}.");
        }

        var parts = new Part?[2];
        for (var script = 0; script < 2; script++)
        {
            var (d, n) = totals[script];
            if (d > 0 && n > 0)
            {
                var weights = new Dictionary<ulong, float>(counts[script].Count);
                foreach (var (gram, (inDanger, inNormal)) in counts[script])
                {
                    weights[gram] = Weight(inDanger, d, inNormal, n);
                }

                parts[script] = new Part(weights.ToFrozenDictionary(), Weight(0, d, 0, n), MathF.Log((float)d / n));
            }
        }

        return new ExampleModel(parts, danger, normal);
    }

    /// <summary>
    /// How much more the folded text looks like the danger examples of its script than the normal ones, as
    /// log-odds: 0 is even, positive leans to danger; negative infinity when its script has no model.
    /// Reads at most <see cref="MaxChars"/> characters.
    /// </summary>
    public float Score(ReadOnlySpan<char> folded)
    {
        if (folded.Length > MaxChars)
        {
            folded = folded[..MaxChars];
        }

        if (_parts[ScriptOf(folded)] is not { } part)
        {
            return float.NegativeInfinity;
        }

        var seen = _seen.Value!;
        seen.Clear();
        Collect(folded, seen);
        var score = part.Prior;
        foreach (var gram in seen)
        {
            score += part.Weights.TryGetValue(gram, out var weight) ? weight : part.Unseen;
        }

        return score;
    }

    private static float Weight(int inDanger, int danger, int inNormal, int normal) =>
        MathF.Log((inDanger + Smoothing) / (danger + 1)) - MathF.Log((inNormal + Smoothing) / (normal + 1));

    /// <summary>1 when most letters are Latin (English, romaji), else 0 (Japanese).</summary>
    private static int ScriptOf(ReadOnlySpan<char> folded)
    {
        int latin = 0, other = 0;
        foreach (var c in folded)
        {
            if (char.IsAsciiLetter(c))
            {
                latin++;
            }
            else if (char.IsLetter(c))
            {
                other++;
            }
        }

        return latin > other ? 1 : 0;
    }

    /// <summary>Every distinct 1-, 2- and 3-gram, packed exactly into a number (three UTF-16 units and the length).</summary>
    private static void Collect(ReadOnlySpan<char> text, HashSet<ulong> grams)
    {
        for (var i = 0; i < text.Length; i++)
        {
            ulong key = 0;
            for (var n = 1; n <= 3 && i + n <= text.Length; n++)
            {
                key |= (ulong)text[i + n - 1] << (16 * n);
                grams.Add(key | (uint)n);
            }
        }
    }

    private sealed record Part(FrozenDictionary<ulong, float> Weights, float Unseen, float Prior);
}
