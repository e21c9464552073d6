using System.ComponentModel.DataAnnotations;

namespace ChatBot.Web.WebChat;

/// <summary>The web chat page at <c>/</c>. Bound from the <c>WebChat</c> section.</summary>
public sealed class WebChatOptions : IValidatableObject
{
    public const string SectionName = "WebChat";

    /// <summary>
    /// Where 「すぐに閉じる」 (quick exit) takes the person: a page that says nothing about this chat.
    /// An absolute http(s) URL, or a path on this site starting with <c>/</c>.
    /// </summary>
    [Required]
    public string QuickExitUrl { get; set; } = "https://www.google.co.jp/search?q=%E5%A4%A9%E6%B0%97";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IsNeutralPageAddress(QuickExitUrl))
        {
            yield return new ValidationResult(
                $"{SectionName}:{nameof(QuickExitUrl)} must be an absolute http or https URL, or a path on this site starting with '/'.",
                [nameof(QuickExitUrl)]);
        }
    }

    internal static bool IsNeutralPageAddress(string? url)
    {
        if (string.IsNullOrWhiteSpace(url) || url.Any(char.IsWhiteSpace) || url.Any(char.IsControl))
        {
            return false;
        }

        if (url.StartsWith('/'))
        {
            return !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal);
        }

        return Uri.TryCreate(url, UriKind.Absolute, out var absolute)
            && (absolute.Scheme == Uri.UriSchemeHttps || absolute.Scheme == Uri.UriSchemeHttp);
    }
}
