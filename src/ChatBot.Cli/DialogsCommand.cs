using ChatBot.Core;
using ChatBot.Core.Dialogs;
using ChatBot.Core.Dialogs.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatBot.Cli;

/// <summary>
/// <c>chatbot dialogs validate</c>: checks every file under <c>dialogs/</c> and prints <c>file:line: message</c>
/// for each problem (exit 1 when there is one). <c>chatbot dialogs test [NAME]</c>: runs the conversation
/// tests of <c>dialogs/tests/</c> (those whose name contains NAME) and prints how many passed.
/// </summary>
internal sealed class DialogsCommand : ICliCommand
{
    public string Name => "dialogs";

    public string Usage => "dialogs validate | dialogs test [NAME] [--show]   check the flows in dialogs/, or run their conversation tests (--show prints each conversation)";

    public async Task<int> RunAsync(CliContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        switch (context.Args)
        {
            case ["validate"]:
                return await ValidateAsync(context);
            case ["test", .. var rest] when rest.Count(a => !a.StartsWith("--", StringComparison.Ordinal)) <= 1 && rest.All(a => a == "--show" || !a.StartsWith("--", StringComparison.Ordinal)):
                return await TestAsync(context, rest.FirstOrDefault(a => a != "--show"), rest.Contains("--show"), cancellationToken);
            default:
                await context.Error.WriteLineAsync("usage: chatbot " + Usage);
                return 2;
        }
    }

    private static async Task<int> ValidateAsync(CliContext context)
    {
        using var services = BuildServices(context);
        var result = services.GetRequiredService<IDialogContentProvider>().Check();
        foreach (var error in result.Errors)
        {
            await context.Out.WriteLineAsync(error.ToString());
        }

        if (result.Content is null)
        {
            await context.Error.WriteLineAsync($"{result.Errors.Count} error(s).");
            return 1;
        }

        await context.Out.WriteLineAsync($"ok: {result.Content.Flows.Count} flows, {result.Content.Intents.Count} intents, {result.Content.Resources.Entries.Count} resources in {result.Content.Root}");
        return 0;
    }

    private static async Task<int> TestAsync(CliContext context, string? filter, bool show, CancellationToken cancellationToken)
    {
        var dialogs = Core.Content.ContentPaths.Dialogs(new Core.Content.ContentOptions { DialogsPath = context.Configuration["Content:DialogsPath"] ?? "dialogs" });
        var suite = TranscriptSuite.Load(dialogs);
        foreach (var error in suite.Errors)
        {
            await context.Out.WriteLineAsync(error.ToString());
        }

        if (suite.Errors.Count > 0)
        {
            await context.Error.WriteLineAsync($"{suite.Errors.Count} error(s) in the test files.");
            return 1;
        }

        var runner = new TranscriptRunner(dialogs, suite.Fixtures);
        int passed = 0, failed = 0;
        foreach (var scenario in suite.Scenarios.Where(s => filter is null || s.Name.Contains(filter, StringComparison.OrdinalIgnoreCase)))
        {
            var outcome = await runner.RunAsync(scenario, cancellationToken);
            if (show)
            {
                await context.Out.WriteLineAsync($"--- {scenario.Name}");
                await context.Out.WriteAsync(outcome.Transcript);
            }

            if (outcome.Passed)
            {
                passed++;
                await context.Out.WriteLineAsync($"  pass  {scenario.Name}");
            }
            else
            {
                failed++;
                await context.Out.WriteLineAsync($"  FAIL  {scenario.Name}");
                await context.Out.WriteLineAsync(outcome.Message);
            }
        }

        await context.Out.WriteLineAsync($"{passed} passed, {failed} failed");
        return failed == 0 ? 0 : 1;
    }

    /// <summary>The services of the real application (every registered action counts), without starting anything.</summary>
    private static ServiceProvider BuildServices(CliContext context) =>
        new ServiceCollection()
            .AddLogging(b => b.SetMinimumLevel(LogLevel.Warning))
            .AddChatBotCore(context.Configuration)
            .BuildServiceProvider();
}
