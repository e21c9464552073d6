using ChatBot.Core.Triage;

namespace ChatBot.Core.Handoff;

/// <summary>
/// One handoff of one conversation: from the moment the person consented, through the queue and the
/// counsellor's conversation, to its end. A conversation can be handed off again later; at most one
/// entry per conversation is open at a time. <see cref="Team"/> is the municipality whose counsellors serve it
/// (the conversation's tenant, set by a municipality's LINE channel); null when any counsellor may.
/// </summary>
public sealed record HandoffEntry(
    string Id,
    string ConversationId,
    string ChannelId,
    string Locale,
    HandoffState State,
    RiskLevel Risk,
    Speaker Speaker,
    IReadOnlyList<Topic> Topics,
    string Summary,
    ShareScope Scope,
    bool LeftMessage,
    DateTimeOffset WaitingSince,
    string? ClaimedBy,
    DateTimeOffset? ClaimedAt,
    DateTimeOffset? EndedAt,
    string? EndedBy,
    DateTimeOffset? LastReassuredAt,
    string? Team = null)
{
    public bool IsOpen => State is HandoffState.Waiting or HandoffState.Active;
}

/// <summary>A stored consent: what the person agreed to share, when, and under which version of the notice.</summary>
public sealed record ConsentRecord(long Id, string ConversationId, string EntryId, ShareScope Scope, string NoticeVersion, string Locale, DateTimeOffset GivenAt);

/// <summary>A counsellor's private note on a conversation. Never shown to the person.</summary>
public sealed record CounsellorNote(long Id, string ConversationId, string AuthorId, string AuthorName, string Text, DateTimeOffset CreatedAt);
