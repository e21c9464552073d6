namespace ChatBot.Core.Handoff;

/// <summary>
/// The counsellors' side of the relay: the console host implements it (SignalR) to show queue changes,
/// crisis alerts and each message at once. Notifications are a side channel: a failing notifier is
/// logged and never fails the person's turn or a counsellor's action.
/// </summary>
public interface IHandoffNotifier
{
    /// <summary>The waiting queue changed (an entry came, left, moved up or was claimed).</summary>
    Task QueueChangedAsync(CancellationToken cancellationToken);

    /// <summary>A crisis entry is waiting: alert every counsellor online at once.</summary>
    Task CrisisAsync(QueueItem item, CancellationToken cancellationToken);

    /// <summary>A message in a handed-off conversation, for whoever holds it (and supervisors).</summary>
    Task MessageAsync(RelayedMessage message, string? holderId, CancellationToken cancellationToken);

    /// <summary>A conversation changed hands or state (claimed, transferred, released, closed, ended).</summary>
    Task ConversationChangedAsync(string conversationId, string state, string? holderId, string? previousHolderId, CancellationToken cancellationToken);
}

/// <summary>One message relayed to the console. <c>From</c> is person, counsellor or bot.</summary>
/// <param name="Team">The conversation's municipality (null: any counsellor's), so only its team hears of it.</param>
public sealed record RelayedMessage(string ConversationId, string? Id, string From, string? Name, string Text, DateTimeOffset At, string Risk, string? Team = null);

/// <summary>A queue or conversation entry as the console lists it (wire names for risk, speaker, topics, state).</summary>
public sealed record QueueItem(
    string ConversationId,
    string Risk,
    DateTimeOffset WaitingSince,
    string Speaker,
    IReadOnlyList<string> Topics,
    string Summary,
    string State,
    int? Position,
    bool LeftMessage,
    string? ClaimedBy,
    string Locale,
    string Scope,
    string? Team = null)
{
    /// <summary>The first lines of the summary, for the queue list.</summary>
    public static string FirstLines(string summary, int lines = 3)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return string.Join('\n', summary.Split('\n').Take(lines));
    }
}
