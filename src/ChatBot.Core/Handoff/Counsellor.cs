namespace ChatBot.Core.Handoff;

/// <summary>A counsellor account. The display name is what a person sees; the username is for signing in.</summary>
public sealed record Counsellor(string Id, string Username, string DisplayName, CounsellorRole Role, DateTimeOffset CreatedAt)
{
    /// <summary>The actor written to the audit log.</summary>
    public string Actor => "counsellor:" + Username;

    public bool IsSupervisor => Role == CounsellorRole.Supervisor;

    /// <summary>
    /// The municipalities (teams) this counsellor serves. Empty: every one — a service for one municipality
    /// needs no teams at all.
    /// </summary>
    public IReadOnlyList<string> Teams { get; init; } = [];

    /// <summary>Whether this counsellor works conversations of <paramref name="team"/> (supervisors see every team's).</summary>
    public bool Serves(string? team) => IsSupervisor || team is null || Teams.Count == 0 || Teams.Contains(team, StringComparer.Ordinal);
}

/// <summary>Counsellors work conversations; supervisors also see every active conversation and today's figures.</summary>
public enum CounsellorRole
{
    Counsellor,
    Supervisor,
}
