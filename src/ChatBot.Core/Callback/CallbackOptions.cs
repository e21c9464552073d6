using System.ComponentModel.DataAnnotations;

namespace ChatBot.Core.Callback;

/// <summary>How call-back requests are kept. Bound from the <c>Callback</c> section.</summary>
public sealed class CallbackOptions
{
    public const string SectionName = "Callback";

    /// <summary>
    /// A contact left for a call-back is deleted when the call-back is closed, and at the latest this many days
    /// after it was left, closed or not. The consent text tells the person this number.
    /// </summary>
    [Range(1, 90)]
    public int MaxDays { get; set; } = 14;

    /// <summary>
    /// The version of the call-back consent text (<c>dialogs/callback/consent.*.md</c>): change it whenever that
    /// wording changes. Stored with every consent after the privacy notice's version, as <c>PRIVACY/CALLBACK</c>.
    /// </summary>
    [Required]
    [MinLength(1)]
    public string NoticeVersion { get; set; } = "callback-consent-2026-12";
}
