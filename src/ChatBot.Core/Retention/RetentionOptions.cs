using System.ComponentModel.DataAnnotations;

namespace ChatBot.Core.Retention;

/// <summary>How long things are kept. Bound from the <c>Retention</c> section.</summary>
public sealed class RetentionOptions
{
    public const string SectionName = "Retention";

    /// <summary>Conversation texts and state expire this many days after the conversation was last active.</summary>
    [Range(1, 3650)]
    public int ConversationDays { get; set; } = 90;

    /// <summary>Consent records and the audit log are kept longer, so what happened can be accounted for.</summary>
    [Range(1, 36500)]
    public int RecordDays { get; set; } = 1095;

    /// <summary>How often the purge runs in the service.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromHours(1);
}
