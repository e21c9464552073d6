using Newtonsoft.Json;

namespace ChatBot.Core.Handoff;

/// <summary>
/// The <c>value</c> of the <c>handoff.initiate</c> event: everything an agent desk (ours or an external one)
/// needs to route and start the conversation, and the consent that allows it. The redacted transcript
/// travels as the event's "Transcript" attachment, only when the person agreed to share it.
/// </summary>
public sealed class HandoffContext
{
    [JsonProperty("conversationId")]
    public string ConversationId { get; set; } = string.Empty;

    [JsonProperty("channelId")]
    public string ChannelId { get; set; } = string.Empty;

    [JsonProperty("locale")]
    public string Locale { get; set; } = "ja";

    /// <summary>crisis, high or normal.</summary>
    [JsonProperty("risk")]
    public string Risk { get; set; } = "normal";

    /// <summary>self, family, other or unknown.</summary>
    [JsonProperty("speaker")]
    public string Speaker { get; set; } = "unknown";

    [JsonProperty("topics")]
    public IList<string> Topics { get; } = [];

    [JsonProperty("summary")]
    public string Summary { get; set; } = string.Empty;

    [JsonProperty("consent")]
    public HandoffConsent Consent { get; set; } = new();
}

/// <summary>What the person agreed to, when, and which notice they were shown.</summary>
public sealed class HandoffConsent
{
    /// <summary>full (summary, triage and redacted transcript) or summary (summary and triage only).</summary>
    [JsonProperty("scope")]
    public string Scope { get; set; } = "full";

    [JsonProperty("noticeVersion")]
    public string NoticeVersion { get; set; } = string.Empty;

    [JsonProperty("givenAt")]
    public DateTimeOffset GivenAt { get; set; }
}

/// <summary>The <c>value.state</c> values of <c>handoff.status</c> (Bot Framework handoff protocol).</summary>
public static class HandoffStates
{
    public const string Accepted = "accepted";
    public const string Failed = "failed";
    public const string Completed = "completed";
}
