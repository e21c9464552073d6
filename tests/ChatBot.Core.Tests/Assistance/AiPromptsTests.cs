using ChatBot.Core.Assistance;
using ChatBot.Core.Content;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ChatBot.Core.Tests.Assistance;

public sealed class AiPromptsTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "chatbot-prompts-" + Guid.NewGuid().ToString("N"), "prompts");

    public AiPromptsTests()
    {
        foreach (var file in Directory.GetFiles(RepoPaths.Prompts, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(_folder, Path.GetRelativePath(RepoPaths.Prompts, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }
    }

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(_folder)!, recursive: true);

    [Fact]
    public void Every_prompt_function_the_service_calls_loads_from_the_repository_with_its_variables()
    {
        var plugin = AiPrompts.Load(RepoPaths.Prompts);

        foreach (var (function, variables) in AiPrompts.Expected)
        {
            Assert.True(plugin.TryGetFunction(function, out var loaded), function);
            Assert.False(string.IsNullOrWhiteSpace(loaded.Description), function);
            Assert.Equal(variables.Order(StringComparer.Ordinal), loaded.Metadata.Parameters.Select(p => p.Name).Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public async Task The_service_starts_on_the_repository_prompts_with_AI_off()
    {
        using var host = Host(new Dictionary<string, string?>());

        await host.StartAsync();
        await host.StopAsync();
        Assert.IsType<ExcerptHandoffSummary>(host.Services.GetRequiredService<IHandoffSummarizer>());
        Assert.IsType<RuleRiskStands>(host.Services.GetRequiredService<IRiskSecondOpinion>());
    }

    [Fact]
    public async Task A_misspelt_prompt_folder_stops_the_service_naming_the_missing_file()
    {
        Directory.Move(Path.Combine(_folder, "HandoffSummary"), Path.Combine(_folder, "HandofSummary"));
        using var host = Host(new Dictionary<string, string?> { ["Content:PromptsPath"] = _folder });

        var error = await Assert.ThrowsAsync<ContentFileException>(() => host.StartAsync());

        Assert.Equal("prompts/HandoffSummary/skprompt.txt", error.File);
        Assert.StartsWith("prompts/HandoffSummary/skprompt.txt: missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_prompts_folder_stops_the_service_naming_the_folder()
    {
        var missing = Path.Combine(Path.GetDirectoryName(_folder)!, "no-prompts-here");
        using var host = Host(new Dictionary<string, string?> { ["Content:PromptsPath"] = missing });

        var error = await Assert.ThrowsAsync<ContentFileException>(() => host.StartAsync());

        Assert.Equal(missing, error.File);
        Assert.Contains("HandoffSummary/skprompt.txt", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_prompt_function_without_its_config_json_is_refused()
    {
        File.Delete(Path.Combine(_folder, "RiskSecondOpinion", "config.json"));

        var error = Assert.Throws<ContentFileException>(() => AiPrompts.Load(_folder));

        Assert.Equal("prompts/RiskSecondOpinion/config.json", error.File);
    }

    [Fact]
    public void A_broken_config_json_is_refused_with_its_name()
    {
        File.WriteAllText(Path.Combine(_folder, "HandoffSummary", "config.json"), "{ \"schema\": 1, \"execution_settings\": ");

        var error = Assert.Throws<ContentFileException>(() => AiPrompts.Load(_folder));

        Assert.Equal("prompts/HandoffSummary/config.json", error.File);
    }

    [Fact]
    public void A_prompt_that_lost_a_variable_the_service_fills_is_refused()
    {
        var prompt = Path.Combine(_folder, "RiskSecondOpinion", "skprompt.txt");
        File.WriteAllText(prompt, File.ReadAllText(prompt).Replace("{{$message}}", "{{$mesage}}", StringComparison.Ordinal));

        var error = Assert.Throws<ContentFileException>(() => AiPrompts.Load(_folder));

        Assert.Equal("prompts/RiskSecondOpinion/skprompt.txt", error.File);
        Assert.Contains("{{$message}}", error.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, null, "true", "Ai:RiskSecondOpinion is true but Ai:Endpoint is empty")]
    [InlineData("api.example/v1", "m", null, "Ai:Endpoint must be an absolute http(s) URL")]
    [InlineData("https://api.example/v1", "", null, "Ai:Model must name the model")]
    public void Bad_AI_settings_stop_the_service_with_the_setting_named(string? endpoint, string? model, string? secondOpinion, string expected)
    {
        using var host = Host(new Dictionary<string, string?> { ["Ai:Endpoint"] = endpoint, ["Ai:Model"] = model, ["Ai:RiskSecondOpinion"] = secondOpinion });

        var error = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<AiOptions>>().Value);

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    private IHost Host(Dictionary<string, string?> settings)
    {
        var parent = Path.GetDirectoryName(_folder)!;
        settings["Content:DialogsPath"] = RepoPaths.Dialogs;
        settings["ConnectionStrings:ChatBot"] = $"Data Source={Path.Combine(parent, "chatbot.db")}";
        settings["DataDirectory"] = parent;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new HostBuilder().ConfigureServices(services => services.AddLogging().AddChatBotCore(configuration)).Build();
    }
}
