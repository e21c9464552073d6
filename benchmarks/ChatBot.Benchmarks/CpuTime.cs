using System.Diagnostics;
using System.Globalization;

namespace ChatBot.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project benchmarks/ChatBot.Benchmarks -- cpu</c>: the same cases as
/// <see cref="TriageBenchmarks"/>, timed by the CPU time the process used rather than by the wall clock.
/// On a machine shared with other builds (load far above the core count) BenchmarkDotNet's wall-clock
/// figures measure the queue for the CPU; this shows what one core spends per message.
/// </summary>
internal static class CpuTime
{
    public static void Run(TextWriter output)
    {
        var benchmarks = new TriageBenchmarks();
        benchmarks.Setup();
        var cases = new (string Name, int PerCall, Func<int> Call)[]
        {
            ("realistic mix, per message", TriageBenchmarks.MixSize, benchmarks.RealisticMix),
            ("100 KB of ordinary text", 1, () => (int)benchmarks.Text100KB()),
            ("100 KB of control characters", 1, () => (int)benchmarks.ControlCharacters100KB()),
            ("100 KB of broken surrogates", 1, () => (int)benchmarks.BrokenSurrogates100KB()),
            ("100 KB of random kanji", 1, () => (int)benchmarks.Unseen100KB()),
            ("100 KB made of lexicon terms", 1, () => (int)benchmarks.LexiconFlood100KB()),
        };
        var process = Process.GetCurrentProcess();
        foreach (var (name, perCall, call) in cases)
        {
            for (var i = 0; i < 200; i++)
            {
                call();
            }

            var calls = perCall > 1 ? 400 : 2_000;
            var best = double.MaxValue;
            for (var round = 0; round < 5; round++)
            {
                process.Refresh();
                var before = process.TotalProcessorTime;
                for (var i = 0; i < calls; i++)
                {
                    call();
                }

                process.Refresh();
                var perOperation = (process.TotalProcessorTime - before).TotalNanoseconds / calls / perCall;
                best = Math.Min(best, perOperation);
            }

            var line = perCall > 1
                ? string.Create(CultureInfo.InvariantCulture, $"{name,-32} {best / 1000,8:0.00} µs CPU  = {1e9 / best,10:N0} messages/s")
                : string.Create(CultureInfo.InvariantCulture, $"{name,-32} {best / 1000,8:0.00} µs CPU");
            output.WriteLine(line);
        }
    }
}
