using ChatBot.Core.Content;
using ChatBot.Core.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ChatBot.Core.Triage;

public static class TriageServiceCollectionExtensions
{
    /// <summary>
    /// The triage (<see cref="ITriage"/>), the crisis line catalog (<see cref="ICrisisLineCatalog"/>) and the
    /// risk event store (<see cref="IRiskEventLog"/>). The lexicons and the catalog are loaded and checked
    /// when the host starts: a broken file stops the service with the file and the problem.
    /// Expects <see cref="ContentOptions"/> to be bound (AddChatBotCore does it).
    /// </summary>
    public static IServiceCollection AddTriage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<TriageOptions>()
            .Bind(configuration.GetSection(TriageOptions.SectionName))
            .Validate(o => !string.IsNullOrWhiteSpace(o.LexiconFolder) && !string.IsNullOrWhiteSpace(o.CrisisLinesFile), "Triage:LexiconFolder and Triage:CrisisLinesFile must name the triage content.")
            .Validate(o => o.ExampleThreshold is >= -50 and <= 50, "Triage:ExampleThreshold must be between -50 and 50.")
            .Validate(o => !o.LearnFromExamples || !string.IsNullOrWhiteSpace(o.ExamplesFile), "Triage:ExamplesFile must name the examples file when Triage:LearnFromExamples is true.")
            .Validate(o => o.ConversationRiskHold >= TimeSpan.FromMinutes(1) && o.ConversationRiskHold <= TimeSpan.FromDays(30), "Triage:ConversationRiskHold must be between 00:01:00 and 30.00:00:00.")
            .ValidateOnStart();
        services.AddSingleton(sp => TriageContent.LoadLexicon(
            sp.GetRequiredService<IOptions<ContentOptions>>().Value, sp.GetRequiredService<IOptions<TriageOptions>>().Value));
        services.AddSingleton<ITriage>(sp =>
        {
            var content = sp.GetRequiredService<IOptions<ContentOptions>>().Value;
            var triage = sp.GetRequiredService<IOptions<TriageOptions>>().Value;
            return new RuleBasedTriage(sp.GetRequiredService<TriageLexicon>(), TriageContent.LoadExamples(content, triage), triage.ExampleThreshold);
        });
        services.AddSingleton<ICrisisLineCatalog>(sp => TriageContent.LoadCrisisLines(
            sp.GetRequiredService<IOptions<ContentOptions>>().Value, sp.GetRequiredService<IOptions<TriageOptions>>().Value));
        services.AddSingleton<SqlSchema>(SqliteRiskEventLog.Schema);
        services.AddSingleton<IRiskEventLog, SqliteRiskEventLog>();
        services.AddSingleton<Retention.IConversationDataStore, RiskEventRetention>();
        services.AddHostedService<TriageContentCheck>();
        return services;
    }
}

/// <summary>Finds the triage files from the options, so the host, the CLI and the benchmarks load the same ones.</summary>
internal static class TriageContent
{
    public static TriageLexicon LoadLexicon(ContentOptions content, TriageOptions triage) =>
        TriageLexicon.LoadFolder(Path.Combine(ContentPaths.Dialogs(content), triage.LexiconFolder));

    /// <summary>Trains the example model from <see cref="TriageOptions.ExamplesFile"/>; null when the triage is not to learn from examples.</summary>
    public static ExampleModel? LoadExamples(ContentOptions content, TriageOptions triage)
    {
        if (!triage.LearnFromExamples)
        {
            return null;
        }

        var path = Path.Combine(ContentPaths.Dialogs(content), triage.LexiconFolder, triage.ExamplesFile);
        var shown = Path.IsPathRooted(triage.ExamplesFile)
            ? triage.ExamplesFile
            : Path.Combine(Path.GetFileName(ContentPaths.Dialogs(content)), triage.LexiconFolder, triage.ExamplesFile).Replace('\\', '/');
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"{shown}: the triage examples file does not exist (set Triage:LearnFromExamples to false to use the rules alone).");
        }

        try
        {
            using var reader = new StreamReader(path);
            return ExampleModel.Train(TriageEvaluation.ReadLabeled(reader).Select(x => x.Message));
        }
        catch (Exception ex) when (ex is FormatException or InvalidDataException)
        {
            throw new InvalidDataException($"{shown}: {ex.Message}", ex);
        }
    }

    public static CrisisLineCatalog LoadCrisisLines(ContentOptions content, TriageOptions triage)
    {
        var dialogs = ContentPaths.Dialogs(content);
        var path = Path.Combine(dialogs, triage.CrisisLinesFile);
        return CrisisLineCatalog.LoadFile(path, Path.Combine(Path.GetFileName(dialogs), triage.CrisisLinesFile).Replace('\\', '/'));
    }
}
