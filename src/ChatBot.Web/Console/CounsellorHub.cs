using ChatBot.Core.Handoff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace ChatBot.Web.Console;

/// <summary>What the console page hears, live, without reloading.</summary>
public interface ICounsellorClient
{
    /// <summary>The queue changed: fetch it again.</summary>
    Task QueueChanged();

    /// <summary>A crisis entry is waiting: sound and show the alert.</summary>
    Task CrisisAlert(QueueItem item);

    /// <summary>A message in a conversation the counsellor may see (the one they hold, or any while waiting; supervisors all).</summary>
    Task Message(RelayedMessage message);

    /// <summary>A conversation was claimed, transferred, released, closed or ended.</summary>
    Task ConversationChanged(ConversationChange change);
}

/// <summary>A change of hands or state, without content.</summary>
public sealed record ConversationChange(string ConversationId, string State, string? HolderId);

/// <summary>
/// The console's live connection at <c>/console/hub</c>. Only signed-in counsellors connect; while connected,
/// they count as present (see <see cref="ICounsellorPresence"/>).
/// </summary>
[Authorize(Policy = CounsellorClaims.Policy)]
internal sealed class CounsellorHub(ICounsellorDirectory directory) : Hub<ICounsellorClient>
{
    public const string Path = "/console/hub";
    public const string Everyone = "console";
    public const string Supervisors = "supervisors";

    public override async Task OnConnectedAsync()
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, Everyone, Context.ConnectionAborted);
        if (Context.User?.IsInRole("supervisor") == true)
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, Supervisors, Context.ConnectionAborted);
        }

        var session = Context.User is null ? null : CounsellorClaims.SessionId(Context.User);
        if (session is not null)
        {
            await directory.ConnectionChangedAsync(session, +1, Context.ConnectionAborted);
        }

        await base.OnConnectedAsync();
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        var session = Context.User is null ? null : CounsellorClaims.SessionId(Context.User);
        if (session is not null)
        {
            await directory.ConnectionChangedAsync(session, -1, CancellationToken.None);
        }

        await base.OnDisconnectedAsync(exception);
    }
}

/// <summary>
/// Sends the handoff's notifications to the console over SignalR: queue changes and crisis alerts to everyone
/// online; messages of a held conversation to its counsellor and the supervisors, of a waiting one to everyone.
/// </summary>
internal sealed class SignalRHandoffNotifier(IHubContext<CounsellorHub, ICounsellorClient> hub) : IHandoffNotifier
{
    public Task QueueChangedAsync(CancellationToken cancellationToken) =>
        hub.Clients.Group(CounsellorHub.Everyone).QueueChanged();

    public Task CrisisAsync(QueueItem item, CancellationToken cancellationToken) =>
        hub.Clients.Group(CounsellorHub.Everyone).CrisisAlert(item);

    public async Task MessageAsync(RelayedMessage message, string? holderId, CancellationToken cancellationToken)
    {
        if (holderId is null)
        {
            await hub.Clients.Group(CounsellorHub.Everyone).Message(message);
            return;
        }

        await hub.Clients.User(holderId).Message(message);
        await hub.Clients.Group(CounsellorHub.Supervisors).Message(message);
    }

    public Task ConversationChangedAsync(string conversationId, string state, string? holderId, string? previousHolderId, CancellationToken cancellationToken) =>
        hub.Clients.Group(CounsellorHub.Everyone).ConversationChanged(new ConversationChange(conversationId, state, holderId));
}
