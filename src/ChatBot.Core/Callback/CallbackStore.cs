using ChatBot.Core.Handoff;
using ChatBot.Core.Retention;
using ChatBot.Core.Storage;
using ChatBot.Core.Triage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace ChatBot.Core.Callback;

/// <summary>A call-back request starting, with the consent that allows it.</summary>
internal sealed record NewCallback(string ConversationId, string ChannelId, string Locale, RiskLevel Risk, string Summary, string NoticeVersion, string? Team = null);

/// <summary>
/// The call-back tables. The contact lives in its own table, encrypted with ASP.NET Core Data Protection
/// (the same key ring as the LINE routes), one row per request: closing, withdrawing, expiring or erasing a
/// call-back deletes that row (under SQLite's <c>secure_delete</c>, so the ciphertext is overwritten too).
/// The request row that stays after closing is a minimal record: no contact, no summary. Claims are one
/// atomic <c>UPDATE … WHERE state = 'open'</c>, so two counsellors cannot both take a call-back.
/// </summary>
internal sealed class CallbackStore : IConversationDataStore
{
    public static readonly SqlSchema Schema = new(
        "callback",
        """
        CREATE TABLE IF NOT EXISTS callback_requests (
            id TEXT PRIMARY KEY NOT NULL,
            conversation_id TEXT NOT NULL,
            channel_id TEXT NOT NULL,
            locale TEXT NOT NULL,
            state TEXT NOT NULL,
            risk INTEGER NOT NULL,
            summary TEXT NOT NULL,
            contact_kind TEXT NULL,
            preferred_window TEXT NULL,
            awaiting_contact INTEGER NOT NULL DEFAULT 0,
            requested_at_ms INTEGER NOT NULL,
            expires_at_ms INTEGER NOT NULL,
            claimed_by TEXT NULL,
            claimed_at_ms INTEGER NULL,
            closed_at_ms INTEGER NULL,
            closed_by TEXT NULL,
            outcome TEXT NULL,
            last_activity_ms INTEGER NOT NULL,
            team TEXT NULL
        );
        CREATE UNIQUE INDEX IF NOT EXISTS callback_requests_one_live ON callback_requests(conversation_id) WHERE state IN ('collecting', 'open', 'claimed');
        CREATE INDEX IF NOT EXISTS callback_requests_list ON callback_requests(state, risk DESC, requested_at_ms);
        CREATE TABLE IF NOT EXISTS callback_contacts (
            request_id TEXT PRIMARY KEY NOT NULL,
            protected TEXT NOT NULL,
            confirmed INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE IF NOT EXISTS callback_consents (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            conversation_id TEXT NOT NULL,
            request_id TEXT NOT NULL,
            notice_version TEXT NOT NULL,
            locale TEXT NOT NULL,
            given_at_ms INTEGER NOT NULL,
            withdrawn_at_ms INTEGER NULL
        );
        CREATE INDEX IF NOT EXISTS callback_consents_conversation ON callback_consents(conversation_id);
        """);

    /// <summary>The Data Protection purpose of the contacts: a key for this and nothing else.</summary>
    public const string ProtectorPurpose = "ChatBot.Callback.Contact.v1";

    private const string Columns =
        "id, conversation_id, channel_id, locale, state, risk, summary, contact_kind, preferred_window, requested_at_ms, expires_at_ms, " +
        "claimed_by, claimed_at_ms, closed_at_ms, closed_by, outcome, team";

    private const string Live = "state IN ('collecting', 'open', 'claimed')";

    private readonly SqliteDatabase _database;
    private readonly IDataProtector _protector;
    private readonly TimeProvider _time;
    private readonly IOptions<CallbackOptions> _options;

    public CallbackStore(SqliteDatabase database, IDataProtectionProvider dataProtection, TimeProvider time, IOptions<CallbackOptions> options)
    {
        ArgumentNullException.ThrowIfNull(dataProtection);
        _database = database;
        _protector = dataProtection.CreateProtector(ProtectorPurpose);
        _time = time;
        _options = options;
    }

    public IReadOnlyDictionary<string, string> Description { get; } = new Dictionary<string, string>
    {
        ["ja"] = "折り返し連絡のための連絡先と、その同意の記録",
        ["en"] = "the contact you left for a call-back, and the record of that consent",
    };

    // ---- the person's side ---------------------------------------------------------------------

    /// <summary>The open, claimed or still-collecting request of a conversation.</summary>
    public async Task<CallbackRequest?> GetLiveAsync(string conversationId, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        return await GetLiveAsync(connection, null, conversationId, cancellationToken);
    }

    /// <summary>
    /// Starts a request with its consent, in one transaction; a request left half-way before (consent given,
    /// no contact) is replaced. When an open or claimed one exists, nothing changes and it is returned with
    /// <c>Created = false</c>.
    /// </summary>
    public async Task<(CallbackRequest Request, bool Created)> StartAsync(NewCallback request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = _time.GetUtcNow();
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        var existing = await GetLiveAsync(connection, transaction, request.ConversationId, cancellationToken);
        if (existing is not null && existing.State != CallbackState.Collecting)
        {
            return (existing, false);
        }

        var id = Guid.NewGuid().ToString("N");
        await using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = """
                DELETE FROM callback_contacts WHERE request_id IN (SELECT id FROM callback_requests WHERE conversation_id = $c AND state = 'collecting');
                DELETE FROM callback_requests WHERE conversation_id = $c AND state = 'collecting';
                INSERT INTO callback_requests (id, conversation_id, channel_id, locale, state, risk, summary, requested_at_ms, expires_at_ms, last_activity_ms, team)
                VALUES ($id, $c, $channel, $locale, 'collecting', $risk, $summary, $now, $expires, $now, $team);
                INSERT INTO callback_consents (conversation_id, request_id, notice_version, locale, given_at_ms)
                VALUES ($c, $id, $notice, $locale, $now);
                """;
            insert.Parameters.AddWithValue("$id", id);
            insert.Parameters.AddWithValue("$c", request.ConversationId);
            insert.Parameters.AddWithValue("$channel", request.ChannelId);
            insert.Parameters.AddWithValue("$locale", request.Locale);
            insert.Parameters.AddWithValue("$risk", (int)request.Risk);
            insert.Parameters.AddWithValue("$summary", request.Summary);
            insert.Parameters.AddWithValue("$notice", request.NoticeVersion);
            insert.Parameters.AddWithValue("$team", (object?)request.Team ?? DBNull.Value);
            insert.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
            insert.Parameters.AddWithValue("$expires", now.AddDays(_options.Value.MaxDays).ToUnixTimeMilliseconds());
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        var created = await GetLiveAsync(connection, transaction, request.ConversationId, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (created!, true);
    }

    /// <summary>The person's next message may be the contact: the capture may take it (this turn and the next only).</summary>
    public async Task<bool> AwaitContactAsync(string conversationId, CancellationToken cancellationToken) =>
        await _database.ExecuteAsync(
            "UPDATE callback_requests SET awaiting_contact = 1 WHERE conversation_id = $c AND state = 'collecting'",
            cancellationToken,
            ("$c", conversationId)) > 0;

    /// <summary>
    /// Keeps a contact, encrypted and not yet confirmed, for the request that is awaiting one; stops awaiting.
    /// False when no request of the conversation awaits a contact (then nothing is kept).
    /// </summary>
    public async Task<bool> StageContactAsync(string conversationId, CallbackContact contact, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contact);
        var sealedContact = _protector.Protect(CallbackWire.Kind(contact.Kind) + "\n" + contact.Value);
        return await _database.ExecuteAsync(
            """
            INSERT INTO callback_contacts (request_id, protected, confirmed)
            SELECT id, $protected, 0 FROM callback_requests WHERE conversation_id = $c AND state = 'collecting' AND awaiting_contact = 1
            ON CONFLICT(request_id) DO UPDATE SET protected = excluded.protected, confirmed = 0;
            UPDATE callback_requests SET awaiting_contact = 0, contact_kind = $kind WHERE conversation_id = $c AND state = 'collecting' AND awaiting_contact = 1;
            """,
            cancellationToken,
            ("$c", conversationId),
            ("$protected", sealedContact),
            ("$kind", CallbackWire.Kind(contact.Kind))) > 0;
    }

    /// <summary>
    /// The flow takes the contact captured from this turn's message: it is confirmed and the request opens
    /// for counsellors, at the conversation's highest risk so far (never lower than when consent was given).
    /// Null when no contact was captured (the message was not one).
    /// </summary>
    public async Task<CallbackRequest?> ConfirmContactAsync(string conversationId, RiskLevel risk, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using (var confirm = connection.CreateCommand())
        {
            confirm.Transaction = transaction;
            confirm.CommandText = """
                UPDATE callback_contacts SET confirmed = 1
                WHERE confirmed = 0 AND request_id IN (SELECT id FROM callback_requests WHERE conversation_id = $c AND state = 'collecting')
                """;
            confirm.Parameters.AddWithValue("$c", conversationId);
            if (await confirm.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return null;
            }
        }

        await using (var open = connection.CreateCommand())
        {
            open.Transaction = transaction;
            open.CommandText = """
                UPDATE callback_requests SET state = 'open', awaiting_contact = 0, last_activity_ms = $now, risk = MAX(risk, $risk)
                WHERE conversation_id = $c AND state = 'collecting'
                """;
            open.Parameters.AddWithValue("$c", conversationId);
            open.Parameters.AddWithValue("$risk", (int)risk);
            open.Parameters.AddWithValue("$now", now);
            await open.ExecuteNonQueryAsync(cancellationToken);
        }

        var request = await GetLiveAsync(connection, transaction, conversationId, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return request;
    }

    /// <summary>
    /// After a person's turn: a contact captured but not confirmed by the flow is deleted, and unless the flow
    /// asked for the contact again in this turn, nothing awaits one any more.
    /// </summary>
    public Task<int> EndTurnAsync(string conversationId, bool stillAwaiting, CancellationToken cancellationToken) =>
        _database.ExecuteAsync(
            """
            DELETE FROM callback_contacts WHERE confirmed = 0 AND request_id IN (SELECT id FROM callback_requests WHERE conversation_id = $c);
            UPDATE callback_requests SET awaiting_contact = 0 WHERE conversation_id = $c AND awaiting_contact = 1 AND $keep = 0;
            """,
            cancellationToken,
            ("$c", conversationId),
            ("$keep", stillAwaiting ? 1 : 0));

    public Task<int> SetWindowAsync(string conversationId, string window, CancellationToken cancellationToken) =>
        _database.ExecuteAsync(
            "UPDATE callback_requests SET preferred_window = $w WHERE conversation_id = $c AND state IN ('open', 'claimed')",
            cancellationToken,
            ("$c", conversationId),
            ("$w", window));

    /// <summary>The contact could not be taken: the half-made request goes (the consent record stays, as given).</summary>
    public Task<int> AbandonAsync(string conversationId, CancellationToken cancellationToken) =>
        _database.ExecuteAsync(
            """
            DELETE FROM callback_contacts WHERE request_id IN (SELECT id FROM callback_requests WHERE conversation_id = $c AND state = 'collecting');
            DELETE FROM callback_requests WHERE conversation_id = $c AND state = 'collecting';
            """,
            cancellationToken,
            ("$c", conversationId));

    /// <summary>
    /// The person withdraws (「連絡先を消して」): the contact is deleted at once, the request closes as withdrawn and
    /// the consent is marked withdrawn. Returns the request as it was, or null when there was none.
    /// </summary>
    public async Task<CallbackRequest?> WithdrawAsync(string conversationId, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        var live = await GetLiveAsync(connection, transaction, conversationId, cancellationToken);
        if (live is null)
        {
            return null;
        }

        await using (var withdraw = connection.CreateCommand())
        {
            withdraw.Transaction = transaction;
            withdraw.CommandText = """
                DELETE FROM callback_contacts WHERE request_id = $id;
                UPDATE callback_requests SET state = 'closed', outcome = 'withdrawn', closed_by = $by, closed_at_ms = $now, summary = '',
                    awaiting_contact = 0, last_activity_ms = $now WHERE id = $id;
                UPDATE callback_consents SET withdrawn_at_ms = $now WHERE request_id = $id AND withdrawn_at_ms IS NULL;
                """;
            withdraw.Parameters.AddWithValue("$id", live.Id);
            withdraw.Parameters.AddWithValue("$by", HandoffService.PersonActor);
            withdraw.Parameters.AddWithValue("$now", now);
            await withdraw.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return live;
    }

    // ---- the console's side --------------------------------------------------------------------

    /// <summary>Open and claimed requests: crisis first, then high, then normal; within a level, oldest first.</summary>
    public async Task<IReadOnlyList<CallbackRequest>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM callback_requests WHERE state IN ('open', 'claimed') ORDER BY risk DESC, requested_at_ms ASC, id ASC";
        return await ReadAsync(command, cancellationToken);
    }

    public async Task<CallbackRequest?> GetAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM callback_requests WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        return (await ReadAsync(command, cancellationToken)).FirstOrDefault();
    }

    /// <summary>The one atomic step that gives an open call-back to exactly one counsellor.</summary>
    public async Task<(ClaimOutcome Outcome, CallbackRequest? Request)> ClaimAsync(string id, string counsellorId, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var won = await _database.ExecuteAsync(
            "UPDATE callback_requests SET state = 'claimed', claimed_by = $by, claimed_at_ms = $now, last_activity_ms = $now WHERE id = $id AND state = 'open'",
            cancellationToken,
            ("$id", id),
            ("$by", counsellorId),
            ("$now", now)) == 1;
        var request = await GetAsync(id, cancellationToken);
        return request switch
        {
            null => (ClaimOutcome.NotFound, null),
            _ when won => (ClaimOutcome.Claimed, request),
            { State: CallbackState.Claimed } when request.ClaimedBy == counsellorId => (ClaimOutcome.AlreadyYours, request),
            { State: CallbackState.Claimed } => (ClaimOutcome.HeldByAnother, request),
            _ => (ClaimOutcome.NotOpen, request),
        };
    }

    /// <summary>Decrypts the contact for the counsellor who holds the request; null when they do not hold it (or it is gone).</summary>
    public async Task<CallbackContact?> RevealAsync(string id, string holderId, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT c.protected FROM callback_contacts c JOIN callback_requests r ON r.id = c.request_id
            WHERE r.id = $id AND r.state = 'claimed' AND r.claimed_by = $holder AND c.confirmed = 1
            """;
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$holder", holderId);
        if (await command.ExecuteScalarAsync(cancellationToken) is not string sealedContact)
        {
            return null;
        }

        var plain = _protector.Unprotect(sealedContact);
        var split = plain.IndexOf('\n', StringComparison.Ordinal);
        return new CallbackContact(CallbackWire.ParseKind(plain[..split]) ?? ContactKind.Phone, plain[(split + 1)..]);
    }

    /// <summary>
    /// Closes a claimed request for its holder: the contact row is deleted at once and the request keeps only
    /// what happened (no contact, no summary). False when the holder no longer holds an open one.
    /// </summary>
    public async Task<bool> CloseAsync(string id, string holderId, CallbackOutcome outcome, string actor, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using var close = connection.CreateCommand();
        close.Transaction = transaction;
        close.CommandText = """
            UPDATE callback_requests SET state = 'closed', outcome = $outcome, closed_by = $by, closed_at_ms = $now, summary = '', last_activity_ms = $now
            WHERE id = $id AND state = 'claimed' AND claimed_by = $holder
            """;
        close.Parameters.AddWithValue("$id", id);
        close.Parameters.AddWithValue("$holder", holderId);
        close.Parameters.AddWithValue("$outcome", CallbackWire.Outcome(outcome));
        close.Parameters.AddWithValue("$by", actor);
        close.Parameters.AddWithValue("$now", now);
        if (await close.ExecuteNonQueryAsync(cancellationToken) != 1)
        {
            return false;
        }

        await using var delete = connection.CreateCommand();
        delete.Transaction = transaction;
        delete.CommandText = "DELETE FROM callback_contacts WHERE request_id = $id";
        delete.Parameters.AddWithValue("$id", id);
        await delete.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>Whether an encrypted contact row exists for the request (for tests and the console's "contact kept" mark).</summary>
    public async Task<bool> HasContactAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM callback_contacts WHERE request_id = $id";
        command.Parameters.AddWithValue("$id", id);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))! > 0;
    }

    public async Task<(string NoticeVersion, DateTimeOffset GivenAt, DateTimeOffset? WithdrawnAt)?> GetConsentAsync(string requestId, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT notice_version, given_at_ms, withdrawn_at_ms FROM callback_consents WHERE request_id = $id ORDER BY id DESC LIMIT 1";
        command.Parameters.AddWithValue("$id", requestId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? (reader.GetString(0), reader.GetUnixMs(1), reader.GetUnixMsOrNull(2))
            : null;
    }

    // ---- retention -----------------------------------------------------------------------------

    public Task<int> EraseConversationAsync(ErasureSubject subject, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subject);
        return _database.ExecuteAsync(
            """
            DELETE FROM callback_contacts WHERE request_id IN (SELECT id FROM callback_requests WHERE conversation_id = $c);
            DELETE FROM callback_consents WHERE conversation_id = $c;
            DELETE FROM callback_requests WHERE conversation_id = $c;
            """,
            cancellationToken,
            ("$c", subject.ConversationId));
    }

    /// <summary>
    /// Contacts go when their call-back expires (<see cref="CallbackOptions.MaxDays"/> after it was left, closed or
    /// not) or the conversation has outlived its retention; the request then closes as expired. Closed requests
    /// (a minimal record) and consents are kept for the record retention.
    /// </summary>
    public Task<int> PurgeAsync(DateTimeOffset conversationCutoff, DateTimeOffset recordCutoff, CancellationToken cancellationToken) =>
        _database.ExecuteAsync(
            $"""
            DELETE FROM callback_contacts WHERE request_id IN (
                SELECT id FROM callback_requests WHERE expires_at_ms < $now OR last_activity_ms < $conversation);
            UPDATE callback_requests SET state = 'closed', outcome = 'expired', closed_by = 'system', closed_at_ms = $now, summary = '', awaiting_contact = 0
            WHERE {Live} AND (expires_at_ms < $now OR last_activity_ms < $conversation);
            DELETE FROM callback_requests WHERE state = 'closed' AND closed_at_ms < $record;
            DELETE FROM callback_consents WHERE given_at_ms < $record;
            """,
            cancellationToken,
            ("$now", _time.GetUtcNow().ToUnixTimeMilliseconds()),
            ("$conversation", conversationCutoff.ToUnixTimeMilliseconds()),
            ("$record", recordCutoff.ToUnixTimeMilliseconds()));

    // ---- reading -------------------------------------------------------------------------------

    private static async Task<CallbackRequest?> GetLiveAsync(SqliteConnection connection, SqliteTransaction? transaction, string conversationId, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT {Columns} FROM callback_requests WHERE conversation_id = $c AND {Live}";
        command.Parameters.AddWithValue("$c", conversationId);
        return (await ReadAsync(command, cancellationToken)).FirstOrDefault();
    }

    private static Task<IReadOnlyList<CallbackRequest>> ReadAsync(SqliteCommand command, CancellationToken cancellationToken) =>
        command.ReadAllAsync(
            reader => new CallbackRequest(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetString(3),
                CallbackWire.ParseState(reader.GetString(4)),
                (RiskLevel)reader.GetInt32(5),
                reader.GetString(6),
                reader.IsDBNull(7) ? null : CallbackWire.ParseKind(reader.GetString(7)),
                reader.GetStringOrNull(8),
                reader.GetUnixMs(9),
                reader.GetUnixMs(10),
                reader.GetStringOrNull(11),
                reader.GetUnixMsOrNull(12),
                reader.GetUnixMsOrNull(13),
                reader.GetStringOrNull(14),
                reader.IsDBNull(15) ? null : CallbackWire.ParseOutcome(reader.GetString(15)),
                reader.GetStringOrNull(16)),
            cancellationToken);
}
