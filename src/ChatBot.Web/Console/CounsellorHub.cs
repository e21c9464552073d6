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

    /// <summary>Counsellors who serve every municipality (no teams) and supervisors.</summary>
    public const string AllTeams = "teams:all";

    public static string Team(string team) => "team:" + team;

    public override async Task OnConnectedAsync()
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, Everyone, Context.ConnectionAborted);
        if (Context.User?.IsInRole("supervisor") == true)
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, Supervisors, Context.ConnectionAborted);
        }

        // What a municipality's residents write reaches only the counsellors serving it.
        var counsellor = Context.User is null ? null : CounsellorClaims.Counsellor(Context.User);
        if (counsellor is not null && (counsellor.IsSupervisor || counsellor.Teams.Count == 0))
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, AllTeams, Context.ConnectionAborted);
        }
        else if (counsellor is not null)
        {
            foreach (var team in counsellor.Teams)
            {
                await Groups.AddToGroupAsync(Context.ConnectionId, Team(team), Context.ConnectionAborted);
            }
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
/// Sends the handoff's notifications to the console over SignalR: queue changes to everyone online (a signal to
/// fetch the queue, which the API filters by team); crisis alerts and messages of a waiting conversation to every
/// counsellor serving its municipality; messages of a held conversation to its counsellor and the supervisors.
/// </summary>
internal sealed class SignalRHandoffNotifier(IHubContext<CounsellorHub, ICounsellorClient> hub) : IHandoffNotifier
{
    public Task QueueChangedAsync(CancellationToken cancellationToken) =>
        hub.Clients.Group(CounsellorHub.Everyone).QueueChanged();

    public Task CrisisAsync(QueueItem item, CancellationToken cancellationToken) =>
        Serving(item.Team).CrisisAlert(item);

    public async Task MessageAsync(RelayedMessage message, string? holderId, CancellationToken cancellationToken)
    {
        if (holderId is null)
        {
            await Serving(message.Team).Message(message);
            return;
        }

        await hub.Clients.User(holderId).Message(message);
        await hub.Clients.Group(CounsellorHub.Supervisors).Message(message);
    }

    public Task ConversationChangedAsync(string conversationId, string state, string? holderId, string? previousHolderId, CancellationToken cancellationToken) =>
        hub.Clients.Group(CounsellorHub.Everyone).ConversationChanged(new ConversationChange(conversationId, state, holderId));

    private ICounsellorClient Serving(string? team) => team is null
        ? hub.Clients.Group(CounsellorHub.Everyone)
        : hub.Clients.Groups(CounsellorHub.Team(team), CounsellorHub.AllTeams);
}
