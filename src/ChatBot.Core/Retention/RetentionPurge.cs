using ChatBot.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Core.Retention;

/// <summary>The outcome of one purge run.</summary>
public sealed record PurgeReport(DateTimeOffset ConversationCutoff, DateTimeOffset RecordCutoff, int ItemsDeleted);

/// <summary>
/// Deletes what has outlived its retention: conversations last active more than
/// <see cref="RetentionOptions.ConversationDays"/> ago, and records and audit entries older than
/// <see cref="RetentionOptions.RecordDays"/>. Run by <see cref="RetentionService"/> and by <c>chatbot purge</c>.
/// </summary>
public sealed partial class RetentionPurge(
    IEnumerable<IConversationDataStore> stores,
    IAuditLog audit,
    SqliteDatabase database,
    IOptions<RetentionOptions> options,
    TimeProvider time,
    ILogger<RetentionPurge> logger)
{
    public async Task<PurgeReport> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var conversationCutoff = now.AddDays(-options.Value.ConversationDays);
        var recordCutoff = now.AddDays(-options.Value.RecordDays);
        var total = 0;
        foreach (var store in stores)
        {
            total += await store.PurgeAsync(conversationCutoff, recordCutoff, cancellationToken);
        }

        if (audit is SqliteAuditLog sqliteAudit)
        {
            total += await sqliteAudit.PurgeAsync(recordCutoff, cancellationToken);
        }

        if (total > 0)
        {
            await audit.WriteAsync("system", "retention.purged", null, $"items={total}", cancellationToken);
            await database.CheckpointAsync(cancellationToken);
        }

        LogPurged(logger, total, conversationCutoff);
        return new PurgeReport(conversationCutoff, recordCutoff, total);
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Retention purge removed {Items} items (conversations inactive since before {Cutoff})")]
    private static partial void LogPurged(ILogger logger, int items, DateTimeOffset cutoff);
}
