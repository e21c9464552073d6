using System.ComponentModel.DataAnnotations;

namespace ChatBot.Core.Handoff;

/// <summary>How the handoff to a human counsellor behaves. Bound from the <c>Handoff</c> section.</summary>
public sealed class HandoffOptions
{
    public const string SectionName = "Handoff";

    /// <summary>The desk that takes conversations: ours (the queue and console) or an external agent desk.</summary>
    public const string BuiltInDesk = "builtin";

    /// <summary>
    /// Leaves <c>handoff.initiate</c> on its way to the channel, so an external agent hub takes the conversation
    /// and answers with <c>handoff.status</c> events.
    /// </summary>
    public const string ExternalDesk = "external";

    /// <summary>
    /// The version of the handoff consent text (<c>dialogs/handoff/texts.*.yaml</c>): change it whenever that
    /// wording changes. Stored with every consent after the privacy notice's version (<c>IPrivacyNotice.Version</c>),
    /// as <c>PRIVACY/HANDOFF</c>, so it is always known what a person agreed to.
    /// </summary>
    [Required]
    [MinLength(1)]
    public string NoticeVersion { get; set; } = "handoff-consent-2026-11";

    /// <summary><see cref="BuiltInDesk"/> (default) or <see cref="ExternalDesk"/>.</summary>
    [RegularExpression("^(builtin|external)$")]
    public string Desk { get; set; } = BuiltInDesk;

    /// <summary>
    /// The middleware itself offers a counsellor when the person types one of the request phrases of
    /// <c>dialogs/handoff/texts.*.yaml</c> (「人と話したい」, 「相談員」). Off by default: the dialogs' intent
    /// (<c>dialogs/intents.yaml</c>) takes those requests to the <c>talk-to-person</c> flow, whose
    /// <c>action: handoff</c> asks for consent — with the out-of-hours path and the place to go back to. Turn on
    /// for a bot whose flows have no such action.
    /// </summary>
    public bool RecogniseRequests { get; set; }

    /// <summary>A person waiting hears from us at most this often (their place in the queue, a kind word).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "01:00:00")]
    public TimeSpan ReassuranceInterval { get; set; } = TimeSpan.FromMinutes(4);

    /// <summary>How often the waiting queue is looked at for reassurances due.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "00:10:00")]
    public TimeSpan ReassuranceCheckInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A signed-in counsellor counts as active while the console is connected or an API call came within this window.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "01:00:00")]
    public TimeSpan ActivityWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long one conversation with a counsellor takes on average, for the wait estimate a person is given.</summary>
    [Range(1, 240)]
    public int MinutesPerConversation { get; set; } = 20;

    /// <summary>Counsellor sessions end after this long without a request.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "12:00:00")]
    public TimeSpan SessionIdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Counsellor sessions end this long after sign-in, however active.</summary>
    [Range(typeof(TimeSpan), "00:05:00", "24:00:00")]
    public TimeSpan SessionAbsoluteTimeout { get; set; } = TimeSpan.FromHours(8);

    /// <summary>Failed sign-ins in a row before an account is locked.</summary>
    [Range(1, 100)]
    public int LockoutThreshold { get; set; } = 5;

    /// <summary>How long a locked account stays locked.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The longest message a counsellor can send or note they can write.</summary>
    [Range(100, 5000)]
    public int MaxMessageLength { get; set; } = 2000;
}
