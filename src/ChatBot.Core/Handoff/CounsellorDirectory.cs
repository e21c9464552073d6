using System.Security.Cryptography;
using ChatBot.Core.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace ChatBot.Core.Handoff;

/// <summary>The result of a sign-in attempt. Locked and wrong password look the same from outside.</summary>
public sealed record SignInResult(Counsellor? Counsellor, bool LockedOut)
{
    public bool Succeeded => Counsellor is not null;
}

/// <summary>A counsellor's signed-in session: who, and since when.</summary>
public sealed record CounsellorSession(string Id, Counsellor Counsellor, DateTimeOffset CreatedAt, DateTimeOffset LastSeenAt);

/// <summary>
/// Counsellor accounts (hashed passwords, roles, lockout) and their server-side sessions (idle and absolute
/// expiry, revocation on sign-out, console connections). Used by the console and by <c>chatbot counsellor add</c>.
/// </summary>
public interface ICounsellorDirectory
{
    /// <summary>Creates an account. Throws <see cref="ArgumentException"/> for a bad or taken username or a weak password.</summary>
    Task<Counsellor> CreateAsync(string username, string displayName, CounsellorRole role, string? password, CancellationToken cancellationToken);

    Task<Counsellor?> FindAsync(string id, CancellationToken cancellationToken);

    /// <summary>Sets the municipalities (teams) a counsellor serves; none means every one.</summary>
    Task<Counsellor> SetTeamsAsync(Counsellor counsellor, IReadOnlyCollection<string> teams, CancellationToken cancellationToken);

    Task<Counsellor?> FindByUsernameAsync(string username, CancellationToken cancellationToken);

    /// <summary>Checks a password, counting failures: after <see cref="HandoffOptions.LockoutThreshold"/> in a row the account is locked for <see cref="HandoffOptions.LockoutDuration"/>.</summary>
    Task<SignInResult> VerifyPasswordAsync(string username, string password, CancellationToken cancellationToken);

    Task<CounsellorSession> StartSessionAsync(Counsellor counsellor, CancellationToken cancellationToken);

    /// <summary>The live session with this id (and marks it seen now), or null when unknown, revoked, idle too long or too old.</summary>
    Task<CounsellorSession?> ValidateSessionAsync(string sessionId, CancellationToken cancellationToken);

    Task EndSessionAsync(string sessionId, CancellationToken cancellationToken);

    /// <summary>Counts a console connection opening (+1) or closing (-1) on a session.</summary>
    Task ConnectionChangedAsync(string sessionId, int delta, CancellationToken cancellationToken);

    /// <summary>Counsellors with a live session that is connected or was seen within <paramref name="window"/>.</summary>
    Task<IReadOnlyList<Counsellor>> ActiveAsync(TimeSpan window, CancellationToken cancellationToken);
}

internal sealed class CounsellorDirectory(SqliteDatabase database, TimeProvider time, IOptions<HandoffOptions> options) : ICounsellorDirectory
{
    public const int MinimumPasswordLength = 12;

    public static readonly SqlSchema Schema = new(
        "counsellors",
        """
        CREATE TABLE IF NOT EXISTS counsellors (
            id TEXT PRIMARY KEY NOT NULL,
            username TEXT NOT NULL UNIQUE COLLATE NOCASE,
            display_name TEXT NOT NULL,
            role TEXT NOT NULL,
            password_hash TEXT NULL,
            failed_logins INTEGER NOT NULL DEFAULT 0,
            locked_until_ms INTEGER NULL,
            created_at_ms INTEGER NOT NULL
        );
        CREATE TABLE IF NOT EXISTS counsellor_sessions (
            id TEXT PRIMARY KEY NOT NULL,
            counsellor_id TEXT NOT NULL REFERENCES counsellors(id) ON DELETE CASCADE,
            created_at_ms INTEGER NOT NULL,
            last_seen_ms INTEGER NOT NULL,
            ended_at_ms INTEGER NULL,
            connections INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX IF NOT EXISTS counsellor_sessions_live ON counsellor_sessions(ended_at_ms, last_seen_ms);
        CREATE TABLE IF NOT EXISTS counsellor_teams (
            counsellor_id TEXT NOT NULL REFERENCES counsellors(id) ON DELETE CASCADE,
            team TEXT NOT NULL,
            PRIMARY KEY (counsellor_id, team)
        );
        """);

    private const string TeamsColumn = "(SELECT group_concat(team, char(10)) FROM counsellor_teams t WHERE t.counsellor_id = c.id)";

    private static readonly PasswordHasher<Counsellor> Hasher = new();

    // Compared against when the username is unknown, so the time taken does not tell which usernames exist.
    private static readonly string DummyHash = Hasher.HashPassword(null!, Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)));

    private HandoffOptions Options => options.Value;

    public async Task<Counsellor> CreateAsync(string username, string displayName, CounsellorRole role, string? password, CancellationToken cancellationToken)
    {
        username = (username ?? string.Empty).Trim();
        displayName = (displayName ?? string.Empty).Trim();
        if (username.Length is < 2 or > 64 || !username.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '@'))
        {
            throw new ArgumentException("The username must be 2 to 64 letters, digits, '.', '_', '-' or '@'.", nameof(username));
        }

        if (displayName.Length is < 1 or > 40 || displayName.Any(char.IsControl))
        {
            throw new ArgumentException("The display name must be 1 to 40 characters (it is what a person sees).", nameof(displayName));
        }

        if (password is not null && password.Length < MinimumPasswordLength)
        {
            throw new ArgumentException($"The password must be at least {MinimumPasswordLength} characters.", nameof(password));
        }

        var counsellor = new Counsellor(Guid.NewGuid().ToString("N"), username, displayName, role, Now());
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO counsellors (id, username, display_name, role, password_hash, created_at_ms)
            VALUES ($id, $username, $name, $role, $hash, $now)
            """;
        command.Parameters.AddWithValue("$id", counsellor.Id);
        command.Parameters.AddWithValue("$username", username);
        command.Parameters.AddWithValue("$name", displayName);
        command.Parameters.AddWithValue("$role", RoleName(role));
        command.Parameters.AddWithValue("$hash", password is null ? DBNull.Value : Hasher.HashPassword(counsellor, password));
        command.Parameters.AddWithValue("$now", counsellor.CreatedAt.ToUnixTimeMilliseconds());
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == 19)
        {
            throw new ArgumentException($"The username '{username}' is taken.", nameof(username), ex);
        }

        return counsellor;
    }

    public async Task<Counsellor?> FindAsync(string id, CancellationToken cancellationToken) =>
        (await ReadAsync("id = $v", id, cancellationToken))?.Counsellor;

    public async Task<Counsellor?> FindByUsernameAsync(string username, CancellationToken cancellationToken) =>
        (await ReadAsync("username = $v", username, cancellationToken))?.Counsellor;

    public async Task<Counsellor> SetTeamsAsync(Counsellor counsellor, IReadOnlyCollection<string> teams, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(counsellor);
        ArgumentNullException.ThrowIfNull(teams);
        var clean = teams.Select(t => t.Trim()).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (clean.Any(t => t.Length > 64 || !t.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
        {
            throw new ArgumentException("A team is a municipality id: letters, digits, '-', '_' or '.', at most 64.", nameof(teams));
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using (var clear = connection.CreateCommand())
        {
            clear.Transaction = transaction;
            clear.CommandText = "DELETE FROM counsellor_teams WHERE counsellor_id = $id";
            clear.Parameters.AddWithValue("$id", counsellor.Id);
            await clear.ExecuteNonQueryAsync(cancellationToken);
        }

        foreach (var team in clean)
        {
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO counsellor_teams (counsellor_id, team) VALUES ($id, $team)";
            insert.Parameters.AddWithValue("$id", counsellor.Id);
            insert.Parameters.AddWithValue("$team", team);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return counsellor with { Teams = clean };
    }

    public async Task<SignInResult> VerifyPasswordAsync(string username, string password, CancellationToken cancellationToken)
    {
        var row = await ReadAsync("username = $v", username ?? string.Empty, cancellationToken);
        var now = Now();
        if (row is null || row.Value.Hash is null)
        {
            Hasher.VerifyHashedPassword(null!, DummyHash, password ?? string.Empty);
            return new SignInResult(null, false);
        }

        var (counsellor, hash, lockedUntil) = row.Value;
        if (lockedUntil is { } until && until > now)
        {
            return new SignInResult(null, true);
        }

        var verdict = Hasher.VerifyHashedPassword(counsellor, hash, password ?? string.Empty);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Parameters.AddWithValue("$id", counsellor.Id);
        if (verdict == PasswordVerificationResult.Failed)
        {
            command.CommandText = """
                UPDATE counsellors SET failed_logins = failed_logins + 1,
                    locked_until_ms = CASE WHEN failed_logins + 1 >= $threshold THEN $until ELSE NULL END
                WHERE id = $id
                """;
            command.Parameters.AddWithValue("$threshold", Options.LockoutThreshold);
            command.Parameters.AddWithValue("$until", (now + Options.LockoutDuration).ToUnixTimeMilliseconds());
            await command.ExecuteNonQueryAsync(cancellationToken);
            return new SignInResult(null, false);
        }

        command.CommandText = verdict == PasswordVerificationResult.SuccessRehashNeeded
            ? "UPDATE counsellors SET failed_logins = 0, locked_until_ms = NULL, password_hash = $hash WHERE id = $id"
            : "UPDATE counsellors SET failed_logins = 0, locked_until_ms = NULL WHERE id = $id";
        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            command.Parameters.AddWithValue("$hash", Hasher.HashPassword(counsellor, password!));
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
        return new SignInResult(counsellor, false);
    }

    public async Task<CounsellorSession> StartSessionAsync(Counsellor counsellor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(counsellor);
        var now = Now();
        var id = Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO counsellor_sessions (id, counsellor_id, created_at_ms, last_seen_ms) VALUES ($id, $c, $now, $now)";
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$c", counsellor.Id);
        command.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
        await command.ExecuteNonQueryAsync(cancellationToken);
        return new CounsellorSession(id, counsellor, now, now);
    }

    public async Task<CounsellorSession?> ValidateSessionAsync(string sessionId, CancellationToken cancellationToken)
    {
        var now = Now();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        // One statement: a session past its idle or absolute limit is not revived by being looked at.
        command.CommandText = """
            UPDATE counsellor_sessions SET last_seen_ms = $now
            WHERE id = $id AND ended_at_ms IS NULL AND last_seen_ms > $idle AND created_at_ms > $absolute
            RETURNING counsellor_id, created_at_ms
            """;
        command.Parameters.AddWithValue("$id", sessionId ?? string.Empty);
        command.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$idle", (now - Options.SessionIdleTimeout).ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$absolute", (now - Options.SessionAbsoluteTimeout).ToUnixTimeMilliseconds());
        string counsellorId;
        long createdMs;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            counsellorId = reader.GetString(0);
            createdMs = reader.GetInt64(1);
        }

        var counsellor = await FindAsync(counsellorId, cancellationToken);
        return counsellor is null ? null : new CounsellorSession(sessionId!, counsellor, DateTimeOffset.FromUnixTimeMilliseconds(createdMs), now);
    }

    public async Task EndSessionAsync(string sessionId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE counsellor_sessions SET ended_at_ms = $now, connections = 0 WHERE id = $id AND ended_at_ms IS NULL";
        command.Parameters.AddWithValue("$id", sessionId);
        command.Parameters.AddWithValue("$now", Now().ToUnixTimeMilliseconds());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task ConnectionChangedAsync(string sessionId, int delta, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE counsellor_sessions SET connections = MAX(0, connections + $delta), last_seen_ms = $now WHERE id = $id AND ended_at_ms IS NULL";
        command.Parameters.AddWithValue("$id", sessionId);
        command.Parameters.AddWithValue("$delta", delta);
        command.Parameters.AddWithValue("$now", Now().ToUnixTimeMilliseconds());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<Counsellor>> ActiveAsync(TimeSpan window, CancellationToken cancellationToken)
    {
        var now = Now();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        // A connected console keeps a counsellor present only while the session itself is alive.
        command.CommandText = $"""
            SELECT DISTINCT c.id, c.username, c.display_name, c.role, c.created_at_ms, {TeamsColumn}
            FROM counsellor_sessions s JOIN counsellors c ON c.id = s.counsellor_id
            WHERE s.ended_at_ms IS NULL AND s.created_at_ms > $absolute AND s.last_seen_ms > $idle
              AND (s.connections > 0 OR s.last_seen_ms > $window)
            ORDER BY c.display_name
            """;
        command.Parameters.AddWithValue("$absolute", (now - Options.SessionAbsoluteTimeout).ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$idle", (now - Options.SessionIdleTimeout).ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$window", (now - window).ToUnixTimeMilliseconds());
        return await command.ReadAllAsync(reader => ReadCounsellor(reader, teamsOrdinal: 5), cancellationToken);
    }

    private async Task<(Counsellor Counsellor, string? Hash, DateTimeOffset? LockedUntil)?> ReadAsync(string where, string value, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT id, username, display_name, role, created_at_ms, password_hash, locked_until_ms, {TeamsColumn} FROM counsellors c WHERE {where}";
        command.Parameters.AddWithValue("$v", value);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return (ReadCounsellor(reader, teamsOrdinal: 7), reader.IsDBNull(5) ? null : reader.GetString(5), reader.IsDBNull(6) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6)));
    }

    private static Counsellor ReadCounsellor(SqliteDataReader reader, int teamsOrdinal) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetString(3) == "supervisor" ? CounsellorRole.Supervisor : CounsellorRole.Counsellor,
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)))
    {
        Teams = reader.IsDBNull(teamsOrdinal) ? [] : [.. reader.GetString(teamsOrdinal).Split('\n').Order(StringComparer.Ordinal)],
    };

    internal static string RoleName(CounsellorRole role) => role == CounsellorRole.Supervisor ? "supervisor" : "counsellor";

    private DateTimeOffset Now() => time.GetUtcNow();
}
