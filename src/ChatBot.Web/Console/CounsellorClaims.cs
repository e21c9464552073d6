using System.Security.Claims;
using ChatBot.Core.Handoff;

namespace ChatBot.Web.Console;

/// <summary>The console's sign-in: a counsellor and their server-side session, as claims in the cookie.</summary>
internal static class CounsellorClaims
{
    public const string Scheme = "Console";
    public const string Policy = "Counsellor";
    public const string SessionClaim = "chatbot:session";
    public const string DisplayNameClaim = "chatbot:display_name";
    public const string TeamClaim = "chatbot:team";

    public static ClaimsPrincipal Principal(CounsellorSession session, string authenticationType)
    {
        var counsellor = session.Counsellor;
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, counsellor.Id),
                new Claim(ClaimTypes.Name, counsellor.Username),
                new Claim(DisplayNameClaim, counsellor.DisplayName),
                new Claim(ClaimTypes.Role, CounsellorRoleName(counsellor.Role)),
                new Claim(SessionClaim, session.Id),
                .. counsellor.Teams.Select(t => new Claim(TeamClaim, t)),
            ],
            authenticationType,
            ClaimTypes.Name,
            ClaimTypes.Role);
        return new ClaimsPrincipal(identity);
    }

    /// <summary>The signed-in counsellor, or null for anyone else.</summary>
    public static Counsellor? Counsellor(ClaimsPrincipal user)
    {
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier);
        var username = user.FindFirstValue(ClaimTypes.Name);
        var displayName = user.FindFirstValue(DisplayNameClaim);
        if (id is null || username is null || displayName is null || user.FindFirstValue(SessionClaim) is null)
        {
            return null;
        }

        var role = user.IsInRole("supervisor") ? CounsellorRole.Supervisor : CounsellorRole.Counsellor;
        return new Counsellor(id, username, displayName, role, DateTimeOffset.MinValue)
        {
            Teams = [.. user.FindAll(TeamClaim).Select(c => c.Value)],
        };
    }

    public static string? SessionId(ClaimsPrincipal user) => user.FindFirstValue(SessionClaim);

    public static string CounsellorRoleName(CounsellorRole role) => role == CounsellorRole.Supervisor ? "supervisor" : "counsellor";
}
