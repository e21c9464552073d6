namespace ChatBot.Core.Dialogs;

/// <summary>Settings of the conversation engine, bound from <c>Dialogs</c>.</summary>
public sealed class DialogOptions
{
    public const string SectionName = "Dialogs";

    /// <summary>The full privacy notice the welcome links to (<c>{privacy-url}</c> in texts).</summary>
    public string PrivacyNoticeUrl { get; set; } = "/privacy";
}
