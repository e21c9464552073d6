using ChatBot.Core.Handoff;
using ChatBot.Core.Retention;
using ChatBot.Core.Storage;
using Microsoft.Extensions.Logging;

namespace ChatBot.Core.Callback;

/// <summary>
/// A call-back as the console lists it: never the contact. <c>Kind</c> says whether a phone number or an e-mail
/// address is kept; <c>HeldBy</c> is the holder's display name (supervisors see who holds what).
/// </summary>
public sealed record CallbackItem(
    string Id,
    string State,
    string Risk,
    DateTimeOffset RequestedAt,
    DateTimeOffset ExpiresAt,
    string? PreferredWindow,
    string Summary,
    string? Kind,
    string Locale,
    string? HeldBy,
    bool HeldByYou,
    string? Outcome);

/// <summary>The contact, for the counsellor holding the call-back.</summary>
public sealed record CallbackContactView(string Id, string Kind, string Contact);

/// <summary>
/// The counsellors' side of call-backs. Anyone signed in sees the list (without contacts); one counsellor takes a
/// call-back (atomic); only that counsellor can reveal the contact, as a separate, audited action — nobody else,
/// supervisors included; the holder closes it with an outcome, which deletes the contact at once.
/// </summary>
public interface ICallbackDesk
{
    Task<IReadOnlyList<CallbackItem>> ListAsync(Counsellor viewer, CancellationToken cancellationToken);

    Task<DeskResult<CallbackItem>> ClaimAsync(string id, Counsellor counsellor, CancellationToken cancellationToken);

    Task<DeskResult<CallbackContactView>> RevealAsync(string id, Counsellor counsellor, CancellationToken cancellationToken);

    /// <summary><paramref name="outcome"/>: <c>reached</c>, <c>not-reached</c> or <c>withdrawn</c>.</summary>
    Task<DeskResult<CallbackItem>> CloseAsync(string id, Counsellor counsellor, string? outcome, CancellationToken cancellationToken);
}

internal sealed partial class CallbackDesk(
    CallbackStore store,
    ICounsellorDirectory directory,
    IAuditLog audit,
    SqliteDatabase database,
    ILogger<CallbackDesk> logger) : ICallbackDesk
{
    private const int SummaryLines = 3;

    public async Task<IReadOnlyList<CallbackItem>> ListAsync(Counsellor viewer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var items = new List<CallbackItem>();
        // A municipality's call-backs are listed only to the counsellors serving it (and supervisors).
        foreach (var request in (await store.ListAsync(cancellationToken)).Where(r => viewer.Serves(r.Team)))
        {
            items.Add(await ToItemAsync(request, viewer, cancellationToken));
        }

        return items;
    }

    public async Task<DeskResult<CallbackItem>> ClaimAsync(string id, Counsellor counsellor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(counsellor);
        if (await store.GetAsync(id, cancellationToken) is { } known && !counsellor.Serves(known.Team))
        {
            return DeskResult<CallbackItem>.Fail(DeskOutcome.Forbidden, "This call-back belongs to another municipality's team.");
        }

        var (outcome, request) = await store.ClaimAsync(id, counsellor.Id, cancellationToken);
        switch (outcome)
        {
            case ClaimOutcome.NotFound:
                return DeskResult<CallbackItem>.Fail(DeskOutcome.NotFound, "No such call-back.");
            case ClaimOutcome.NotOpen:
                return DeskResult<CallbackItem>.Fail(DeskOutcome.NotOpen, "This call-back is closed or not ready yet.");
            case ClaimOutcome.HeldByAnother:
                return DeskResult<CallbackItem>.Fail(DeskOutcome.HeldByAnother, "Another counsellor has already taken this call-back.");
            case ClaimOutcome.Claimed:
                await audit.WriteAsync(counsellor.Actor, "callback.claimed", request!.ConversationId, $"request={id}", cancellationToken);
                LogClaimed(logger, id, counsellor.Id);
                break;
        }

        return DeskResult<CallbackItem>.Ok(await ToItemAsync(request!, counsellor, cancellationToken));
    }

    public async Task<DeskResult<CallbackContactView>> RevealAsync(string id, Counsellor counsellor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(counsellor);
        var request = await store.GetAsync(id, cancellationToken);
        if (request is null)
        {
            return DeskResult<CallbackContactView>.Fail(DeskOutcome.NotFound, "No such call-back.");
        }

        var refusal = request switch
        {
            { State: CallbackState.Closed or CallbackState.Collecting } => DeskResult<CallbackContactView>.Fail(DeskOutcome.NotOpen, "This call-back is closed: its contact has been deleted."),
            { State: CallbackState.Claimed } when request.ClaimedBy == counsellor.Id => null,
            _ when counsellor.IsSupervisor => DeskResult<CallbackContactView>.Fail(DeskOutcome.Forbidden, "Only the counsellor who took this call-back can see its contact; supervisors cannot."),
            { State: CallbackState.Open } => DeskResult<CallbackContactView>.Fail(DeskOutcome.NotOpen, "Take this call-back before revealing its contact."),
            _ => DeskResult<CallbackContactView>.Fail(DeskOutcome.HeldByAnother, "Another counsellor holds this call-back; only they can see its contact."),
        };
        if (refusal is not null)
        {
            await audit.WriteAsync(counsellor.Actor, "callback.reveal_refused", request.ConversationId, $"request={id}", cancellationToken);
            return refusal;
        }

        var contact = await store.RevealAsync(id, counsellor.Id, cancellationToken);
        if (contact is null)
        {
            return DeskResult<CallbackContactView>.Fail(DeskOutcome.NotOpen, "This call-back's contact is no longer kept.");
        }

        // Written before the contact leaves the desk: a reveal is never unrecorded.
        await audit.WriteAsync(counsellor.Actor, "callback.revealed", request.ConversationId, $"request={id}", cancellationToken);
        LogRevealed(logger, id, counsellor.Id);
        return DeskResult<CallbackContactView>.Ok(new CallbackContactView(id, CallbackWire.Kind(contact.Kind), contact.Value));
    }

    public async Task<DeskResult<CallbackItem>> CloseAsync(string id, Counsellor counsellor, string? outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(counsellor);
        var parsed = CallbackWire.ParseOutcome(outcome);
        if (parsed is null or CallbackOutcome.Expired)
        {
            return DeskResult<CallbackItem>.Fail(DeskOutcome.Invalid, "The outcome must be reached, not-reached or withdrawn.");
        }

        var request = await store.GetAsync(id, cancellationToken);
        if (request is null)
        {
            return DeskResult<CallbackItem>.Fail(DeskOutcome.NotFound, "No such call-back.");
        }

        if (request.State != CallbackState.Claimed)
        {
            return DeskResult<CallbackItem>.Fail(DeskOutcome.NotOpen, request.State == CallbackState.Closed ? "This call-back is already closed." : "Take this call-back before closing it.");
        }

        if (request.ClaimedBy != counsellor.Id || !await store.CloseAsync(id, counsellor.Id, parsed.Value, counsellor.Actor, cancellationToken))
        {
            return DeskResult<CallbackItem>.Fail(DeskOutcome.HeldByAnother, "Another counsellor holds this call-back; only they can close it.");
        }

        await audit.WriteAsync(counsellor.Actor, "callback.closed", request.ConversationId, $"request={id};outcome={CallbackWire.Outcome(parsed.Value)}", cancellationToken);
        // The deleted ciphertext leaves the write-ahead log too, not only the database file.
        await database.CheckpointAsync(cancellationToken);
        LogClosed(logger, id, counsellor.Id, CallbackWire.Outcome(parsed.Value));
        var closed = await store.GetAsync(id, cancellationToken);
        return DeskResult<CallbackItem>.Ok(await ToItemAsync(closed!, counsellor, cancellationToken));
    }

    private async Task<CallbackItem> ToItemAsync(CallbackRequest request, Counsellor viewer, CancellationToken cancellationToken)
    {
        var holder = request.ClaimedBy is null ? null : await directory.FindAsync(request.ClaimedBy, cancellationToken);
        return new CallbackItem(
            request.Id,
            CallbackWire.State(request.State),
            CallbackWire.Risk(request.Risk),
            request.RequestedAt,
            request.ExpiresAt,
            request.PreferredWindow,
            QueueItem.FirstLines(request.Summary, SummaryLines),
            request.ContactKind is { } kind && request.State != CallbackState.Closed ? CallbackWire.Kind(kind) : null,
            request.Locale,
            holder?.DisplayName,
            request.ClaimedBy is not null && request.ClaimedBy == viewer.Id && request.State == CallbackState.Claimed,
            request.Outcome is { } outcome ? CallbackWire.Outcome(outcome) : null);
    }

    [LoggerMessage(EventId = 6020, Level = LogLevel.Information, Message = "Call-back {RequestId} taken by counsellor {CounsellorId}")]
    private static partial void LogClaimed(ILogger logger, string requestId, string counsellorId);

    [LoggerMessage(EventId = 6021, Level = LogLevel.Information, Message = "Call-back {RequestId}: contact revealed to its holder {CounsellorId}")]
    private static partial void LogRevealed(ILogger logger, string requestId, string counsellorId);

    [LoggerMessage(EventId = 6022, Level = LogLevel.Information, Message = "Call-back {RequestId} closed by {CounsellorId} ({Outcome}); its contact is deleted")]
    private static partial void LogClosed(ILogger logger, string requestId, string counsellorId, string outcome);
}
