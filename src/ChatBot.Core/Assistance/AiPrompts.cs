using System.Text.Json;
using System.Text.RegularExpressions;
using ChatBot.Core.Content;
using Microsoft.Extensions.Hosting;
using Microsoft.SemanticKernel;

namespace ChatBot.Core.Assistance;

/// <summary>
/// The Semantic Kernel prompt functions under <c>prompts/</c>, one folder per function with
/// <c>skprompt.txt</c> (the prompt, readable by a counsellor) and <c>config.json</c> (description, input
/// variables, execution settings). Loaded once with <c>CreatePluginFromPromptDirectory</c>; every function
/// the code calls must be there and use the variables the code fills, or the service stops at start with
/// the file and the problem.
/// </summary>
internal static partial class AiPrompts
{
    public const string PluginName = "Assistance";
    public const string HandoffSummary = "HandoffSummary";
    public const string RiskSecondOpinion = "RiskSecondOpinion";
    public const string PromptFile = "skprompt.txt";
    public const string ConfigFile = "config.json";

    /// <summary>Each function the code calls, and the template variables it fills.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Expected = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        [HandoffSummary] = ["facts", "transcript"],
        [RiskSecondOpinion] = ["rule_risk", "context", "message"],
    };

    public static KernelPlugin Load(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        var shown = Path.GetFileName(Path.TrimEndingDirectorySeparator(folder));
        if (!Directory.Exists(folder))
        {
            throw new ContentFileException(folder, "the prompt folder is missing (Content:PromptsPath); it must hold " + string.Join(", ", Expected.Keys.Select(f => $"{f}/{PromptFile}")) + ".");
        }

        foreach (var (function, variables) in Expected)
        {
            var prompt = Path.Combine(folder, function, PromptFile);
            var config = Path.Combine(folder, function, ConfigFile);
            var shownPrompt = $"{shown}/{function}/{PromptFile}";
            var shownConfig = $"{shown}/{function}/{ConfigFile}";
            if (!File.Exists(prompt))
            {
                throw new ContentFileException(shownPrompt, $"missing: the prompt function {function} is required (a folder {function}/ with {PromptFile} and {ConfigFile}).");
            }

            if (!File.Exists(config))
            {
                throw new ContentFileException(shownConfig, $"missing: the prompt function {function} needs its {ConfigFile} next to {PromptFile}.");
            }

            try
            {
                _ = PromptTemplateConfig.FromJson(File.ReadAllText(config));
            }
            catch (Exception ex) when (ex is JsonException or ArgumentException)
            {
                throw new ContentFileException(shownConfig, $"not a valid prompt configuration: {ex.Message}", ex);
            }

            var template = File.ReadAllText(prompt);
            foreach (var variable in variables)
            {
                if (!Regex.IsMatch(template, @"\{\{\s*\$" + variable + @"\s*\}\}", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)))
                {
                    throw new ContentFileException(shownPrompt, $"the prompt must use {{{{${variable}}}}}, which the service fills in.");
                }
            }
        }

        KernelPlugin plugin;
        try
        {
            plugin = new Kernel().CreatePluginFromPromptDirectory(folder, PluginName);
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or KernelException or IOException)
        {
            throw new ContentFileException(shown, $"the prompt functions could not be loaded: {ex.Message}", ex);
        }

        foreach (var function in Expected.Keys)
        {
            if (!plugin.Contains(function))
            {
                throw new ContentFileException($"{shown}/{function}/{PromptFile}", "was not loaded as a prompt function.");
            }
        }

        return plugin;
    }
}

/// <summary>Loads the prompt functions when the host starts, so a missing or broken file stops the service at once.</summary>
internal sealed class AiPromptCheck(KernelPlugin prompts) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = prompts.FunctionCount;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>The prompt functions bound to the kernel that talks to the configured endpoint.</summary>
internal sealed class AiFunctions(Kernel kernel, KernelPlugin prompts)
{
    public async Task<string> InvokeAsync(string function, KernelArguments arguments, CancellationToken cancellationToken)
    {
        var result = await prompts[function].InvokeAsync(kernel, arguments, cancellationToken);
        return result.GetValue<string>() ?? string.Empty;
    }
}
