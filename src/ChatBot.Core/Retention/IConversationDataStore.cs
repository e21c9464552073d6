namespace ChatBot.Core.Retention;

/// <summary>
/// A feature that keeps data about conversations registers one of these, so that "delete my data" and
/// the retention purge reach everything without anyone having to remember every table.
/// </summary>
public interface IConversationDataStore
{
    /// <summary>What a person is told was deleted, per language (e.g. ja 会話の記録, en the conversation record).</summary>
    IReadOnlyDictionary<string, string> Description { get; }

    /// <summary>Deletes everything this store holds about the conversation. Returns how many items went.</summary>
    Task<int> EraseConversationAsync(ErasureSubject subject, CancellationToken cancellationToken);

    /// <summary>Deletes conversation data last active before <paramref name="conversationCutoff"/> and records older than <paramref name="recordCutoff"/>.</summary>
    Task<int> PurgeAsync(DateTimeOffset conversationCutoff, DateTimeOffset recordCutoff, CancellationToken cancellationToken);
}

/// <summary>Whose data is being erased: the conversation, and where known its channel and pseudonymous user key.</summary>
public sealed record ErasureSubject(string ConversationId, string? ChannelId, string? UserKey);
