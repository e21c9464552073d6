using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatBot.Core.Triage;

/// <summary>
/// Loads the triage lexicons and the crisis line catalog while the host starts, so a broken file stops
/// the service at once (with the file and the problem) instead of failing on the first message.
/// </summary>
internal sealed partial class TriageContentCheck(ITriage triage, ICrisisLineCatalog crisisLines, ILogger<TriageContentCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (triage is RuleBasedTriage rules)
        {
            LogLexiconLoaded(logger, rules.Lexicon.Files.Count, rules.Lexicon.Rules.Count, rules.Lexicon.TermCount);
            if (rules.Examples is { } examples)
            {
                LogExamplesLearnt(logger, examples.DangerExamples, examples.NormalExamples, examples.Features);
            }
        }

        if (crisisLines is CrisisLineCatalog catalog)
        {
            LogCrisisLinesLoaded(logger, catalog.All.Count, catalog.TimeZone.Id);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 4000, Level = LogLevel.Information, Message = "Triage lexicons loaded: {Files} files, {Rules} rules, {Terms} terms")]
    private static partial void LogLexiconLoaded(ILogger logger, int files, int rules, int terms);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Triage examples learnt: {Danger} danger and {Normal} normal messages, {Features} features")]
    private static partial void LogExamplesLearnt(ILogger logger, int danger, int normal, int features);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Crisis line catalog loaded: {Lines} lines, time zone {TimeZone}")]
    private static partial void LogCrisisLinesLoaded(ILogger logger, int lines, string timeZone);
}
