using ChatBot.Core.Conversations;
using ChatBot.Core.Storage;
using Microsoft.Extensions.Logging;

namespace ChatBot.Core.Retention;

/// <summary>What a deletion removed, to tell the person in their language.</summary>
public sealed record ErasureReport(string ConversationId, int ItemsDeleted, IReadOnlyList<IReadOnlyDictionary<string, string>> WhatWasDeleted);

/// <summary>
/// "Delete my data": removes everything every feature keeps about a conversation, at once, leaving only
/// the audit entry that a deletion happened. Then truncates the write-ahead log so the deleted text is
/// gone from the database files too (secure_delete overwrites it in the main file).
/// </summary>
public sealed partial class ConversationEraser(
    IEnumerable<IConversationDataStore> stores,
    IConversationLog log,
    IAuditLog audit,
    SqliteDatabase database,
    ILogger<ConversationEraser> logger)
{
    public async Task<ErasureReport> EraseAsync(string conversationId, string actor, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationId);
        var info = await log.GetInfoAsync(conversationId, cancellationToken);
        var subject = new ErasureSubject(conversationId, info?.ChannelId, info?.UserKey);
        var total = 0;
        var what = new List<IReadOnlyDictionary<string, string>>();
        // The conversation log goes last: the other stores may still need it to find their rows.
        foreach (var store in stores.OrderBy(s => s is IConversationLog ? 1 : 0))
        {
            var count = await store.EraseConversationAsync(subject, cancellationToken);
            total += count;
            if (count > 0)
            {
                what.Add(store.Description);
            }
        }

        await audit.WriteAsync(actor, "conversation.erased", conversationId, $"items={total}", cancellationToken);
        await database.CheckpointAsync(cancellationToken);
        LogErased(logger, conversationId, total);
        return new ErasureReport(conversationId, total, what);
    }

    [LoggerMessage(EventId = 3000, Level = LogLevel.Information, Message = "Erased conversation {ConversationId}: {Items} items")]
    private static partial void LogErased(ILogger logger, string conversationId, int items);
}
