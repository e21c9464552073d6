using System.Globalization;
using ChatBot.Core.Retention;

namespace ChatBot.Core.Storage;

/// <summary>
/// Erasure and retention for Bot Framework state in <c>bot_state</c>: the conversation's state
/// (<c>{channel}/conversations/{id}</c>) and the person's user state (<c>{channel}/users/{userKey}</c>).
/// </summary>
internal sealed class BotStateDataStore(SqliteDatabase database) : IConversationDataStore
{
    public IReadOnlyDictionary<string, string> Description { get; } = new Dictionary<string, string>
    {
        ["ja"] = "会話の進み具合と選んだ答え",
        ["en"] = "where the conversation had got to and the answers you chose",
    };

    public Task<int> EraseConversationAsync(ErasureSubject subject, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subject);
        // Suffix comparison rather than LIKE: ids may hold '_' and '%'.
        return database.ExecuteAsync(
            """
            DELETE FROM bot_state
            WHERE substr(id, -length($conversationSuffix)) = $conversationSuffix
               OR ($userKey IS NOT NULL AND substr(id, -length($userSuffix)) = $userSuffix)
            """,
            cancellationToken,
            ("$conversationSuffix", "/conversations/" + subject.ConversationId),
            ("$userKey", subject.UserKey),
            ("$userSuffix", "/users/" + (subject.UserKey ?? string.Empty)));
    }

    public Task<int> PurgeAsync(DateTimeOffset conversationCutoff, DateTimeOffset recordCutoff, CancellationToken cancellationToken) =>
        database.ExecuteAsync(
            "DELETE FROM bot_state WHERE updated_at < $cutoff",
            cancellationToken,
            ("$cutoff", conversationCutoff.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture)));
}
