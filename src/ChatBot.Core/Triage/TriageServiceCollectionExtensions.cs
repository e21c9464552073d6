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
            .Validate(o => o.ConversationRiskHold >= TimeSpan.FromMinutes(1) && o.ConversationRiskHold <= TimeSpan.FromDays(30), "Triage:ConversationRiskHold must be between 00:01:00 and 30.00:00:00.")
            .ValidateOnStart();
        services.AddSingleton(sp => TriageContent.LoadLexicon(
            sp.GetRequiredService<IOptions<ContentOptions>>().Value, sp.GetRequiredService<IOptions<TriageOptions>>().Value));
        services.AddSingleton<ITriage, RuleBasedTriage>();
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

    public static CrisisLineCatalog LoadCrisisLines(ContentOptions content, TriageOptions triage)
    {
        var dialogs = ContentPaths.Dialogs(content);
        var path = Path.Combine(dialogs, triage.CrisisLinesFile);
        return CrisisLineCatalog.LoadFile(path, Path.Combine(Path.GetFileName(dialogs), triage.CrisisLinesFile).Replace('\\', '/'));
    }
}
