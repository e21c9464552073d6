using ChatBot.Core.Retention;
using ChatBot.Core.Storage;
using ChatBot.Core.Triage;
using Microsoft.Data.Sqlite;

namespace ChatBot.Core.Handoff;

/// <summary>Why a claim did not go through.</summary>
public enum ClaimOutcome
{
    Claimed,
    NotFound,
    HeldByAnother,
    AlreadyYours,
    NotOpen,
}

/// <summary>
/// The handoff queue and everything kept about a handoff, in SQLite: entries, consents, pending consent
/// offers and counsellor notes. Claims are one atomic <c>UPDATE … WHERE claimed_by IS NULL</c>, so two
/// counsellors (or two service instances) claiming at once cannot both win.
/// </summary>
internal sealed class HandoffStore(SqliteDatabase database) : IConversationDataStore
{
    public static readonly SqlSchema Schema = new(
        "handoff",
        """
        CREATE TABLE IF NOT EXISTS handoff_entries (
            id TEXT PRIMARY KEY NOT NULL,
            conversation_id TEXT NOT NULL,
            channel_id TEXT NOT NULL,
            locale TEXT NOT NULL,
            state TEXT NOT NULL,
            risk INTEGER NOT NULL,
            speaker TEXT NOT NULL,
            topics TEXT NOT NULL,
            summary TEXT NOT NULL,
            share_scope TEXT NOT NULL,
            left_message INTEGER NOT NULL DEFAULT 0,
            waiting_since_ms INTEGER NOT NULL,
            claimed_by TEXT NULL,
            claimed_at_ms INTEGER NULL,
            ended_at_ms INTEGER NULL,
            ended_by TEXT NULL,
            last_reassured_ms INTEGER NULL,
            last_activity_ms INTEGER NOT NULL
        );
        CREATE UNIQUE INDEX IF NOT EXISTS handoff_entries_one_open ON handoff_entries(conversation_id) WHERE state IN ('waiting', 'active');
        CREATE INDEX IF NOT EXISTS handoff_entries_queue ON handoff_entries(state, risk DESC, waiting_since_ms);
        CREATE TABLE IF NOT EXISTS handoff_consents (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            conversation_id TEXT NOT NULL,
            entry_id TEXT NOT NULL,
            scope TEXT NOT NULL,
            notice_version TEXT NOT NULL,
            locale TEXT NOT NULL,
            given_at_ms INTEGER NOT NULL
        );
        CREATE INDEX IF NOT EXISTS handoff_consents_conversation ON handoff_consents(conversation_id);
        CREATE TABLE IF NOT EXISTS handoff_offers (
            conversation_id TEXT PRIMARY KEY NOT NULL,
            locale TEXT NOT NULL,
            risk INTEGER NOT NULL,
            speaker TEXT NOT NULL,
            topics TEXT NOT NULL,
            summary TEXT NOT NULL,
            offered_at_ms INTEGER NOT NULL
        );
        CREATE TABLE IF NOT EXISTS handoff_notes (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            conversation_id TEXT NOT NULL,
            entry_id TEXT NOT NULL,
            author_id TEXT NOT NULL,
            author_name TEXT NOT NULL,
            text TEXT NOT NULL,
            created_at_ms INTEGER NOT NULL
        );
        CREATE INDEX IF NOT EXISTS handoff_notes_conversation ON handoff_notes(conversation_id);
        CREATE TABLE IF NOT EXISTS handoff_entry_teams (
            entry_id TEXT PRIMARY KEY NOT NULL,
            team TEXT NOT NULL
        );
        """);

    private const string EntryColumns =
        "id, conversation_id, channel_id, locale, state, risk, speaker, topics, summary, share_scope, left_message, " +
        "waiting_since_ms, claimed_by, claimed_at_ms, ended_at_ms, ended_by, last_reassured_ms, " +
        "(SELECT team FROM handoff_entry_teams t WHERE t.entry_id = handoff_entries.id) AS team";

    public IReadOnlyDictionary<string, string> Description { get; } = new Dictionary<string, string>
    {
        ["ja"] = "相談員へのひきつぎの記録（順番待ち、同意、相談員のメモ）",
        ["en"] = "the handoff records (queue entries, consents, counsellors' notes)",
    };

    // ---- offers -------------------------------------------------------------------------------

    public async Task SetOfferAsync(string conversationId, string locale, HandoffRequest request, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO handoff_offers (conversation_id, locale, risk, speaker, topics, summary, offered_at_ms)
            VALUES ($c, $locale, $risk, $speaker, $topics, $summary, $now)
            ON CONFLICT(conversation_id) DO UPDATE SET locale = $locale, risk = $risk, speaker = $speaker, topics = $topics, summary = $summary, offered_at_ms = $now
            """;
        command.Parameters.AddWithValue("$c", conversationId);
        command.Parameters.AddWithValue("$locale", locale);
        command.Parameters.AddWithValue("$risk", (int)request.Risk);
        command.Parameters.AddWithValue("$speaker", HandoffWire.Speaker(request.Speaker));
        command.Parameters.AddWithValue("$topics", string.Join(',', request.Topics.Select(HandoffWire.Topic)));
        command.Parameters.AddWithValue("$summary", request.Summary);
        command.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<(HandoffRequest Request, string Locale)?> GetOfferAsync(string conversationId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT locale, risk, speaker, topics, summary FROM handoff_offers WHERE conversation_id = $c";
        command.Parameters.AddWithValue("$c", conversationId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var request = new HandoffRequest(
            (RiskLevel)reader.GetInt32(1),
            HandoffWire.ParseSpeaker(reader.GetString(2)),
            HandoffWire.ParseTopics(SplitTopics(reader.GetString(3))),
            reader.GetString(4));
        return (request, reader.GetString(0));
    }

    /// <summary>Removes a pending offer; true when there was one (so one answer consumes it once).</summary>
    public async Task<bool> RemoveOfferAsync(string conversationId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM handoff_offers WHERE conversation_id = $c";
        command.Parameters.AddWithValue("$c", conversationId);
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    // ---- entries ------------------------------------------------------------------------------

    /// <summary>
    /// Puts a conversation in the queue with its consent, in one transaction. When the conversation is
    /// already open in the queue, nothing changes and the open entry is returned with <c>Created = false</c>.
    /// </summary>
    public async Task<(HandoffEntry Entry, bool Created)> EnqueueAsync(
        NewHandoff handoff, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handoff);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        var existing = await GetOpenAsync(connection, transaction, handoff.ConversationId, cancellationToken);
        if (existing is not null)
        {
            return (existing, false);
        }

        var id = Guid.NewGuid().ToString("N");
        var ms = now.ToUnixTimeMilliseconds();
        await using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO handoff_entries (id, conversation_id, channel_id, locale, state, risk, speaker, topics, summary, share_scope,
                    left_message, waiting_since_ms, last_activity_ms)
                VALUES ($id, $c, $channel, $locale, 'waiting', $risk, $speaker, $topics, $summary, $scope, $left, $now, $now);
                INSERT INTO handoff_consents (conversation_id, entry_id, scope, notice_version, locale, given_at_ms)
                VALUES ($c, $id, $scope, $notice, $locale, $consented);
                """;
            insert.Parameters.AddWithValue("$id", id);
            insert.Parameters.AddWithValue("$c", handoff.ConversationId);
            insert.Parameters.AddWithValue("$channel", handoff.ChannelId);
            insert.Parameters.AddWithValue("$locale", handoff.Locale);
            insert.Parameters.AddWithValue("$risk", (int)handoff.Request.Risk);
            insert.Parameters.AddWithValue("$speaker", HandoffWire.Speaker(handoff.Request.Speaker));
            insert.Parameters.AddWithValue("$topics", string.Join(',', handoff.Request.Topics.Select(HandoffWire.Topic)));
            insert.Parameters.AddWithValue("$summary", handoff.Request.Summary);
            insert.Parameters.AddWithValue("$scope", HandoffWire.Scope(handoff.Scope));
            insert.Parameters.AddWithValue("$left", handoff.LeftMessage ? 1 : 0);
            insert.Parameters.AddWithValue("$now", ms);
            insert.Parameters.AddWithValue("$notice", handoff.NoticeVersion);
            insert.Parameters.AddWithValue("$consented", handoff.ConsentedAt.ToUnixTimeMilliseconds());
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        if (handoff.Team is not null)
        {
            await using var team = connection.CreateCommand();
            team.Transaction = transaction;
            team.CommandText = "INSERT INTO handoff_entry_teams (entry_id, team) VALUES ($id, $team)";
            team.Parameters.AddWithValue("$id", id);
            team.Parameters.AddWithValue("$team", handoff.Team);
            await team.ExecuteNonQueryAsync(cancellationToken);
        }

        var entry = await GetOpenAsync(connection, transaction, handoff.ConversationId, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (entry!, true);
    }

    public async Task<HandoffEntry?> GetOpenAsync(string conversationId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await GetOpenAsync(connection, null, conversationId, cancellationToken);
    }

    /// <summary>The open entry of a conversation, or else its most recent one.</summary>
    public async Task<HandoffEntry?> GetLatestAsync(string conversationId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {EntryColumns} FROM handoff_entries WHERE conversation_id = $c
            ORDER BY CASE WHEN state IN ('waiting', 'active') THEN 0 ELSE 1 END, waiting_since_ms DESC LIMIT 1
            """;
        command.Parameters.AddWithValue("$c", conversationId);
        return (await ReadEntriesAsync(command, cancellationToken)).FirstOrDefault();
    }

    /// <summary>Every waiting entry in queue order: crisis first, then high, then normal; within a level, longest waiting first.</summary>
    public async Task<IReadOnlyList<HandoffEntry>> WaitingAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {EntryColumns} FROM handoff_entries WHERE state = 'waiting' ORDER BY risk DESC, waiting_since_ms ASC, id ASC";
        return await ReadEntriesAsync(command, cancellationToken);
    }

    /// <summary>Active entries, all of them or those one counsellor holds.</summary>
    public async Task<IReadOnlyList<HandoffEntry>> ActiveAsync(string? counsellorId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = counsellorId is null
            ? $"SELECT {EntryColumns} FROM handoff_entries WHERE state = 'active' ORDER BY risk DESC, claimed_at_ms ASC"
            : $"SELECT {EntryColumns} FROM handoff_entries WHERE state = 'active' AND claimed_by = $by ORDER BY risk DESC, claimed_at_ms ASC";
        if (counsellorId is not null)
        {
            command.Parameters.AddWithValue("$by", counsellorId);
        }

        return await ReadEntriesAsync(command, cancellationToken);
    }

    /// <summary>Entries that entered the queue since <paramref name="since"/> (for today's figures).</summary>
    public async Task<IReadOnlyList<HandoffEntry>> SinceAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {EntryColumns} FROM handoff_entries WHERE waiting_since_ms >= $since OR state IN ('waiting', 'active')";
        command.Parameters.AddWithValue("$since", since.ToUnixTimeMilliseconds());
        return await ReadEntriesAsync(command, cancellationToken);
    }

    /// <summary>The one atomic step that gives a waiting conversation to exactly one counsellor.</summary>
    public async Task<(ClaimOutcome Outcome, HandoffEntry? Entry)> ClaimAsync(string conversationId, string counsellorId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using (var claim = connection.CreateCommand())
        {
            claim.CommandText = """
                UPDATE handoff_entries SET state = 'active', claimed_by = $by, claimed_at_ms = $now, last_activity_ms = $now
                WHERE conversation_id = $c AND state = 'waiting' AND claimed_by IS NULL
                """;
            claim.Parameters.AddWithValue("$c", conversationId);
            claim.Parameters.AddWithValue("$by", counsellorId);
            claim.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
            var won = await claim.ExecuteNonQueryAsync(cancellationToken) == 1;
            var entry = await GetOpenAsync(connection, null, conversationId, cancellationToken);
            if (won)
            {
                return (ClaimOutcome.Claimed, entry);
            }

            if (entry is not null)
            {
                return (string.Equals(entry.ClaimedBy, counsellorId, StringComparison.Ordinal) ? ClaimOutcome.AlreadyYours : ClaimOutcome.HeldByAnother, entry);
            }
        }

        await using var latest = connection.CreateCommand();
        latest.CommandText = $"SELECT {EntryColumns} FROM handoff_entries WHERE conversation_id = $c ORDER BY waiting_since_ms DESC LIMIT 1";
        latest.Parameters.AddWithValue("$c", conversationId);
        var last = (await ReadEntriesAsync(latest, cancellationToken)).FirstOrDefault();
        return last is null ? (ClaimOutcome.NotFound, null) : (ClaimOutcome.NotOpen, last);
    }

    /// <summary>Hands an active conversation from one counsellor to another; false when <paramref name="from"/> no longer holds it.</summary>
    public async Task<bool> TransferAsync(string entryId, string from, string to, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE handoff_entries SET claimed_by = $to, last_activity_ms = $now
            WHERE id = $id AND state = 'active' AND claimed_by = $from
            """;
        command.Parameters.AddWithValue("$id", entryId);
        command.Parameters.AddWithValue("$from", from);
        command.Parameters.AddWithValue("$to", to);
        command.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>
    /// Ends an open entry (closed, released, cancelled, ended). With <paramref name="holder"/> only while that
    /// counsellor holds it; false when it was no longer in the expected state.
    /// </summary>
    public async Task<bool> EndAsync(string entryId, HandoffState from, HandoffState to, string by, string? holder, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE handoff_entries SET state = $to, ended_at_ms = $now, ended_by = $by, last_activity_ms = $now
            WHERE id = $id AND state = $from AND ($holder IS NULL OR claimed_by = $holder)
            """;
        command.Parameters.AddWithValue("$id", entryId);
        command.Parameters.AddWithValue("$from", HandoffWire.State(from));
        command.Parameters.AddWithValue("$to", HandoffWire.State(to));
        command.Parameters.AddWithValue("$by", by);
        command.Parameters.AddWithValue("$holder", (object?)holder ?? DBNull.Value);
        command.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Raises (never lowers) the risk of an open entry; true when it went up.</summary>
    public async Task<bool> RaiseRiskAsync(string entryId, RiskLevel risk, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE handoff_entries SET risk = $risk WHERE id = $id AND risk < $risk AND state IN ('waiting', 'active')";
        command.Parameters.AddWithValue("$id", entryId);
        command.Parameters.AddWithValue("$risk", (int)risk);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Records that the waiting person was just reassured, unless someone else did it in the meantime.</summary>
    public async Task<bool> MarkReassuredAsync(string entryId, DateTimeOffset? previous, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE handoff_entries SET last_reassured_ms = $now
            WHERE id = $id AND state = 'waiting' AND (last_reassured_ms IS $previous)
            """;
        command.Parameters.AddWithValue("$id", entryId);
        command.Parameters.AddWithValue("$previous", previous is null ? DBNull.Value : previous.Value.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task TouchAsync(string entryId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE handoff_entries SET last_activity_ms = $now WHERE id = $id";
        command.Parameters.AddWithValue("$id", entryId);
        command.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    // ---- consents and notes -------------------------------------------------------------------

    public async Task<ConsentRecord?> GetConsentAsync(string entryId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, conversation_id, entry_id, scope, notice_version, locale, given_at_ms FROM handoff_consents WHERE entry_id = $e ORDER BY id DESC LIMIT 1";
        command.Parameters.AddWithValue("$e", entryId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new ConsentRecord(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), HandoffWire.ParseScope(reader.GetString(3)), reader.GetString(4), reader.GetString(5), reader.GetUnixMs(6))
            : null;
    }

    public async Task<CounsellorNote> AddNoteAsync(string conversationId, string entryId, Counsellor author, string text, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(author);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO handoff_notes (conversation_id, entry_id, author_id, author_name, text, created_at_ms)
            VALUES ($c, $e, $author, $name, $text, $now) RETURNING id
            """;
        command.Parameters.AddWithValue("$c", conversationId);
        command.Parameters.AddWithValue("$e", entryId);
        command.Parameters.AddWithValue("$author", author.Id);
        command.Parameters.AddWithValue("$name", author.DisplayName);
        command.Parameters.AddWithValue("$text", text);
        command.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
        var id = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        return new CounsellorNote(id, conversationId, author.Id, author.DisplayName, text, DateTimeOffset.FromUnixTimeMilliseconds(now.ToUnixTimeMilliseconds()));
    }

    public async Task<IReadOnlyList<CounsellorNote>> NotesAsync(string conversationId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, conversation_id, author_id, author_name, text, created_at_ms FROM handoff_notes WHERE conversation_id = $c ORDER BY id";
        command.Parameters.AddWithValue("$c", conversationId);
        return await command.ReadAllAsync(
            reader => new CounsellorNote(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetUnixMs(5)),
            cancellationToken);
    }

    // ---- retention ----------------------------------------------------------------------------

    public Task<int> EraseConversationAsync(ErasureSubject subject, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subject);
        return database.ExecuteAsync(
            """
            DELETE FROM handoff_notes WHERE conversation_id = $c;
            DELETE FROM handoff_consents WHERE conversation_id = $c;
            DELETE FROM handoff_offers WHERE conversation_id = $c;
            DELETE FROM handoff_entry_teams WHERE entry_id IN (SELECT id FROM handoff_entries WHERE conversation_id = $c);
            DELETE FROM handoff_entries WHERE conversation_id = $c;
            """,
            cancellationToken,
            ("$c", subject.ConversationId));
    }

    /// <summary>
    /// Entries, notes and offers go with the conversation's retention; consent records (no content: what,
    /// when, which notice) are kept for the record retention, so a handoff can be accounted for.
    /// </summary>
    public Task<int> PurgeAsync(DateTimeOffset conversationCutoff, DateTimeOffset recordCutoff, CancellationToken cancellationToken) =>
        database.ExecuteAsync(
            """
            DELETE FROM handoff_notes WHERE entry_id IN (SELECT id FROM handoff_entries WHERE last_activity_ms < $conversation);
            DELETE FROM handoff_entry_teams WHERE entry_id IN (SELECT id FROM handoff_entries WHERE last_activity_ms < $conversation);
            DELETE FROM handoff_entries WHERE last_activity_ms < $conversation;
            DELETE FROM handoff_offers WHERE offered_at_ms < $conversation;
            DELETE FROM handoff_consents WHERE given_at_ms < $record;
            """,
            cancellationToken,
            ("$conversation", conversationCutoff.ToUnixTimeMilliseconds()),
            ("$record", recordCutoff.ToUnixTimeMilliseconds()));

    // ---- reading ------------------------------------------------------------------------------

    private static async Task<HandoffEntry?> GetOpenAsync(SqliteConnection connection, SqliteTransaction? transaction, string conversationId, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT {EntryColumns} FROM handoff_entries WHERE conversation_id = $c AND state IN ('waiting', 'active')";
        command.Parameters.AddWithValue("$c", conversationId);
        return (await ReadEntriesAsync(command, cancellationToken)).FirstOrDefault();
    }

    private static Task<IReadOnlyList<HandoffEntry>> ReadEntriesAsync(SqliteCommand command, CancellationToken cancellationToken) =>
        command.ReadAllAsync(
            reader => new HandoffEntry(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetString(3),
                HandoffWire.ParseState(reader.GetString(4)),
                (RiskLevel)reader.GetInt32(5),
                HandoffWire.ParseSpeaker(reader.GetString(6)),
                HandoffWire.ParseTopics(SplitTopics(reader.GetString(7))),
                reader.GetString(8),
                HandoffWire.ParseScope(reader.GetString(9)),
                reader.GetInt64(10) != 0,
                reader.GetUnixMs(11),
                reader.GetStringOrNull(12),
                reader.GetUnixMsOrNull(13),
                reader.GetUnixMsOrNull(14),
                reader.GetStringOrNull(15),
                reader.GetUnixMsOrNull(16),
                reader.GetStringOrNull(17)),
            cancellationToken);

    private static string[] SplitTopics(string topics) => topics.Split(',', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>A conversation entering the queue, with the consent that lets it.</summary>
internal sealed record NewHandoff(
    string ConversationId,
    string ChannelId,
    string Locale,
    HandoffRequest Request,
    ShareScope Scope,
    bool LeftMessage,
    string NoticeVersion,
    DateTimeOffset ConsentedAt,
    string? Team = null);
