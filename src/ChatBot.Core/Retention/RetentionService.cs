using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Core.Retention;

/// <summary>Runs <see cref="RetentionPurge"/> at start and then every <see cref="RetentionOptions.PurgeInterval"/>.</summary>
internal sealed partial class RetentionService(
    RetentionPurge purge,
    IOptions<RetentionOptions> options,
    TimeProvider time,
    ILogger<RetentionService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PurgeInterval, time);
        do
        {
            try
            {
                await purge.RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A failed purge must not stop the service; it is tried again next interval.
                LogPurgeFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(EventId = 3002, Level = LogLevel.Error, Message = "Retention purge failed; it will be tried again")]
    private static partial void LogPurgeFailed(ILogger logger, Exception exception);
}
