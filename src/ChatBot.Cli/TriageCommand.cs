using System.Text.Json;
using ChatBot.Core.Content;
using ChatBot.Core.Triage;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Cli;

/// <summary>
/// <c>chatbot triage</c>: classifies UTF-8 lines from stdin, one JSON object a line out.
/// <c>chatbot triage eval FILE.jsonl</c>: scores the triage against a labeled set and fails (exit 1)
/// under the required crisis recall or over the allowed false-alarm rate.
/// </summary>
internal sealed class TriageCommand : ICliCommand
{
    public string Name => "triage";

    public string Usage => "triage [eval FILE.jsonl]      classify lines from stdin (JSON lines out), or score a labeled set";

    public async Task<int> RunAsync(CliContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var args = context.Args;
        if (args.Length > 0 && !(args.Length == 2 && args[0] == "eval"))
        {
            await context.Error.WriteLineAsync($"usage: chatbot {Usage}");
            return 2;
        }

        // The same registration as the service, so the CLI reads the same lexicons the same way.
        var services = new ServiceCollection();
        services.AddOptions<ContentOptions>().Bind(context.Configuration.GetSection(ContentOptions.SectionName));
        services.AddTriage(context.Configuration);
        await using var provider = services.BuildServiceProvider();
        ITriage triage;
        try
        {
            triage = provider.GetRequiredService<ITriage>();
        }
        catch (ContentFileException ex)
        {
            await context.Error.WriteLineAsync($"chatbot triage: {ex.Message}");
            return 1;
        }

        return args.Length == 0
            ? await ClassifyAsync(triage, context, cancellationToken)
            : await EvaluateAsync(triage, args[1], context);
    }

    private static async Task<int> ClassifyAsync(ITriage triage, CliContext context, CancellationToken cancellationToken)
    {
        while (await context.In.ReadLineAsync(cancellationToken) is { } line)
        {
            var result = triage.Classify(line);
            var output = new TriageLine(line, result.Risk, result.Speaker, result.Topics, result.Matches);
            await context.Out.WriteLineAsync(JsonSerializer.Serialize(output, TriageJson.Options));
        }

        await context.Out.FlushAsync(cancellationToken);
        return 0;
    }

    private static async Task<int> EvaluateAsync(ITriage triage, string file, CliContext context)
    {
        IReadOnlyList<(int, LabeledMessage)> set;
        try
        {
            using var reader = new StreamReader(file, System.Text.Encoding.UTF8);
            set = TriageEvaluation.ReadLabeled(reader);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            await context.Error.WriteLineAsync($"chatbot triage eval: {file}: {ex.Message}");
            return 2;
        }

        var evaluation = TriageEvaluation.Run(triage, set);
        await context.Out.WriteAsync(evaluation.Report());
        return evaluation.MeetsThresholds ? 0 : 1;
    }
}
