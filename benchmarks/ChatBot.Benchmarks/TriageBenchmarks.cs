using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using ChatBot.Core.Content;
using ChatBot.Core.Triage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Benchmarks;

/// <summary>
/// The triage on one core: a realistic mix of messages (the team's labeled set, Japanese and English,
/// short and long), and the worst inputs we can think of, each 100 KB. Targets (issue 4): at least
/// 100,000 messages a second on the mix (mean under 10 µs), and no input slower than 1 ms.
/// </summary>
[MemoryDiagnoser]
public class TriageBenchmarks
{
    /// <summary>Messages classified per benchmark operation in <see cref="RealisticMix"/>.</summary>
    public const int MixSize = 512;

    private ITriage _triage = null!;
    private string[] _mix = null!;
    private string _text100KB = null!;
    private string _control100KB = null!;
    private string _surrogates100KB = null!;
    private string _lexiconFlood100KB = null!;
    private string _unseen100KB = null!;

    [GlobalSetup]
    public void Setup()
    {
        var root = FindRepositoryRoot();
        var services = new ServiceCollection();
        services.Configure<ContentOptions>(o => o.DialogsPath = Path.Combine(root, "dialogs"));
        services.AddTriage(new ConfigurationBuilder().Build());
        _triage = services.BuildServiceProvider().GetRequiredService<ITriage>();

        var texts = File.ReadLines(Path.Combine(root, "dialogs", "triage", "examples.jsonl"))
            .Where(l => l.Length > 0)
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("text").GetString()!)
            .ToArray();
        _mix = [.. Enumerable.Range(0, MixSize).Select(i => texts[i % texts.Length])];

        const int size = 100 * 1024;
        _text100KB = Repeat("息子が20年ひきこもっています。親も80代で、これからのことが心配です。死ぬほど眠い日もあります。", size);
        var random = new Random(4);
        _control100KB = new string([.. Enumerable.Range(0, size).Select(_ => (char)random.Next(0, 32))]);
        _surrogates100KB = new string([.. Enumerable.Range(0, size).Select(i => (char)(i % 3 == 0 ? 0xDC00 + (i % 1024) : 0xD800 + (i % 1024)))]);
        // Every character different from the last few: no rule matches, and every letter pair and triple is
        // new to the examples, the most work for the example model (which reads the first 4,000 characters).
        _unseen100KB = new string([.. Enumerable.Range(0, size).Select(_ => (char)random.Next(0x4E00, 0x9FA0))]);
        _lexiconFlood100KB = Repeat("死にたいとは思っていない今から首を吊るロープ買った今までありがとう", size);
    }

    [Benchmark(OperationsPerInvoke = MixSize, Description = "realistic mix, per message")]
    public int RealisticMix()
    {
        var sum = 0;
        foreach (var text in _mix)
        {
            sum += (int)_triage.Classify(text).Risk;
        }

        return sum;
    }

    [Benchmark(Description = "100 KB of ordinary text")]
    public RiskLevel Text100KB() => _triage.Classify(_text100KB).Risk;

    [Benchmark(Description = "100 KB of control characters")]
    public RiskLevel ControlCharacters100KB() => _triage.Classify(_control100KB).Risk;

    [Benchmark(Description = "100 KB of broken surrogates")]
    public RiskLevel BrokenSurrogates100KB() => _triage.Classify(_surrogates100KB).Risk;

    [Benchmark(Description = "100 KB of random kanji (nothing the examples have seen)")]
    public RiskLevel Unseen100KB() => _triage.Classify(_unseen100KB).Risk;

    [Benchmark(Description = "100 KB made of lexicon terms")]
    public RiskLevel LexiconFlood100KB() => _triage.Classify(_lexiconFlood100KB).Risk;

    private static string Repeat(string unit, int length)
    {
        var builder = new StringBuilder(length + unit.Length);
        while (builder.Length < length)
        {
            builder.Append(unit);
        }

        return builder.ToString(0, length);
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ChatBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("ChatBot.sln was not found above " + AppContext.BaseDirectory);
    }
}
