using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/ChatBot.Benchmarks -- --filter '*' --job short
// dotnet run -c Release --project benchmarks/ChatBot.Benchmarks -- cpu     (CPU time, for a busy machine)
//
// The benchmarks run in process: BenchmarkDotNet's usual separate build of a generated project does
// not import Directory.Build.targets, so it cannot prune AdaptiveCards (which Microsoft.Bot.Builder
// declares and the package registry does not serve) and its restore fails. The in-process toolchain
// is asked for here whatever the command line says.
if (args is ["cpu"])
{
    ChatBot.Benchmarks.CpuTime.Run(Console.Out);
    return;
}

string[] arguments = args.Contains("--inProcess") ? args : [.. args, "--inProcess"];
BenchmarkSwitcher.FromAssembly(typeof(ChatBot.Benchmarks.TriageBenchmarks).Assembly).Run(arguments);
