using System.Globalization;
using System.Text.RegularExpressions;
using ChatBot.Core.Content;

namespace ChatBot.Core.Callback;

/// <summary>
/// The consent text shown before a person leaves a contact for a call-back: <c>dialogs/callback/consent.{ja,en}.md</c>,
/// Markdown, an optional leading <c>&lt;!-- … --&gt;</c> note for editors, and <c>{days}</c> for
/// <see cref="CallbackOptions.MaxDays"/>. Both languages are required and checked at start: a missing file,
/// an empty text, a missing <c>{days}</c> or an unknown placeholder stops the service with the file's name.
/// </summary>
internal sealed partial class CallbackNotice
{
    public static readonly IReadOnlyList<string> Languages = ["ja", "en"];

    private readonly Dictionary<string, string> _texts;

    private CallbackNotice(Dictionary<string, string> texts) => _texts = texts;

    public static string Folder(string dialogsDirectory) => Path.Combine(dialogsDirectory, "callback");

    public static CallbackNotice Load(string dialogsDirectory, int maxDays)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dialogsDirectory);
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var language in Languages)
        {
            var path = Path.Combine(Folder(dialogsDirectory), $"consent.{language}.md");
            var shown = Path.Combine("callback", $"consent.{language}.md");
            if (!File.Exists(path))
            {
                throw new ContentFileException(shown, $"the call-back consent text in '{language}' is missing ({path})");
            }

            var text = EditorNote().Replace(File.ReadAllText(path), string.Empty).Trim();
            if (text.Length == 0)
            {
                throw new ContentFileException(shown, "the call-back consent text is empty");
            }

            if (!text.Contains("{days}", StringComparison.Ordinal))
            {
                throw new ContentFileException(shown, "the call-back consent text must say how long a contact is kept at most: write {days}");
            }

            var unknown = Placeholder().Matches(text).Select(m => m.Value).FirstOrDefault(p => p != "{days}");
            if (unknown is not null)
            {
                throw new ContentFileException(shown, $"unknown placeholder {unknown} (only {{days}} is filled in)");
            }

            texts[language] = text.Replace("{days}", maxDays.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        }

        return new CallbackNotice(texts);
    }

    /// <summary>The text in the language of <paramref name="locale"/> (Japanese when there is none).</summary>
    public string Text(string? locale)
    {
        var language = locale?.Split('-', '_')[0].ToLowerInvariant();
        return language is not null && _texts.TryGetValue(language, out var text) ? text : _texts["ja"];
    }

    [GeneratedRegex(@"\A\s*<!--.*?-->", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex EditorNote();

    [GeneratedRegex(@"\{[A-Za-z_\-]+\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}
