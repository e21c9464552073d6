using System.Collections.Concurrent;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using ChatBot.Core.Privacy;
using Markdig;
using Markdig.Renderers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Microsoft.Extensions.Options;

namespace ChatBot.Web.WebChat;

/// <summary>
/// The privacy notice at <c>/privacy</c>, rendered from the one source of truth: the versioned notice of
/// <see cref="IPrivacyNotice"/> (<c>dialogs/privacy/notice.{ja,en}.md</c>), the same text and version a
/// consent records. Japanese by default; English with <c>?lang=en</c> or when the browser prefers English
/// (<c>Accept-Language</c>). The notice's first <c># heading</c> is the page title; the rest is Markdown
/// rendered by Markdig with raw HTML disabled, so anything in the file that looks like markup is shown as text,
/// and with links only to this site or to web, mail and phone addresses.
/// </summary>
internal sealed class PrivacyPage(IPrivacyNotice notice, IOptions<WebChatOptions> options)
{
    private const string DefaultLanguage = "ja";

    /// <summary>Encodes markup characters only; Japanese stays readable in the page source.</summary>
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private static readonly MarkdownPipeline Markdown = new MarkdownPipelineBuilder().DisableHtml().Build();

    private static readonly IReadOnlyDictionary<string, Chrome> Chromes = new Dictionary<string, Chrome>(StringComparer.Ordinal)
    {
        ["ja"] = new("｜相談チャット", "すぐに閉じる", "Escキー2回でも閉じます", "← チャットに戻る", "このお知らせの版：", "en", "English"),
        ["en"] = new(" | Support chat", "Leave now", "Or press Esc twice", "← Back to the chat", "Version of this notice: ", "ja", "日本語"),
    };

    private readonly ConcurrentDictionary<string, (string Title, string Body)> _rendered = new(StringComparer.Ordinal);

    public Task WriteAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var language = Language(http.Request);
        var (title, body) = _rendered.GetOrAdd(language, Render);
        var chrome = Chromes.TryGetValue(language, out var found) ? found : Chromes[DefaultLanguage];
        var html = Encoder;
        var page = new StringBuilder(body.Length + 2048)
            .Append("<!doctype html>\n")
            .Append("<html lang=\"").Append(language).Append("\" data-quick-exit-url=\"").Append(html.Encode(options.Value.QuickExitUrl)).Append("\">\n")
            .Append("<head>\n")
            .Append("  <meta charset=\"utf-8\">\n")
            .Append("  <meta name=\"viewport\" content=\"width=device-width, initial-scale=1, viewport-fit=cover\">\n")
            .Append("  <meta name=\"referrer\" content=\"no-referrer\">\n")
            .Append("  <meta name=\"robots\" content=\"noindex\">\n")
            .Append("  <title>").Append(html.Encode(title + chrome.TitleSuffix)).Append("</title>\n")
            .Append("  <link rel=\"icon\" href=\"/favicon.svg\" type=\"image/svg+xml\">\n")
            .Append("  <link rel=\"stylesheet\" href=\"/app.css\">\n")
            .Append("  <script src=\"/quick-exit.js\" defer></script>\n")
            .Append("</head>\n")
            .Append("<body>\n")
            .Append("  <div class=\"page page-text\">\n")
            .Append("    <header class=\"top\">\n")
            .Append("      <div class=\"title\">\n")
            .Append("        <h1>").Append(html.Encode(title)).Append("</h1>\n")
            .Append("      </div>\n")
            .Append("      <div class=\"exit\">\n")
            .Append("        <button type=\"button\" class=\"quick-exit\" id=\"quick-exit\" aria-describedby=\"quick-exit-hint\">").Append(html.Encode(chrome.QuickExit)).Append("</button>\n")
            .Append("        <span class=\"quick-exit-hint\" id=\"quick-exit-hint\">").Append(html.Encode(chrome.QuickExitHint)).Append("</span>\n")
            .Append("      </div>\n")
            .Append("    </header>\n\n")
            .Append("    <main class=\"text\">\n")
            .Append("      <p class=\"back\"><a href=\"/\" data-history=\"replace\">").Append(html.Encode(chrome.Back)).Append("</a> · ")
            .Append("<a href=\"/privacy?lang=").Append(chrome.OtherLanguage).Append("\" lang=\"").Append(chrome.OtherLanguage).Append("\" hreflang=\"").Append(chrome.OtherLanguage)
            .Append("\" data-history=\"replace\">").Append(html.Encode(chrome.OtherLanguageName)).Append("</a></p>\n")
            .Append(body)
            .Append("      <p class=\"small\" id=\"notice-version\">").Append(html.Encode(chrome.VersionLabel + notice.Version)).Append("</p>\n")
            .Append("    </main>\n")
            .Append("  </div>\n")
            .Append("</body>\n")
            .Append("</html>\n");

        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy = WebChatSecurity.TextPagePolicy(http);
        headers.CacheControl = "no-store";
        headers.XFrameOptions = "DENY";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers.ContentLanguage = language;
        headers.Vary = "Accept-Language";
        http.Response.ContentType = "text/html; charset=utf-8";
        return http.Response.WriteAsync(page.ToString(), http.RequestAborted);
    }

    /// <summary><c>?lang=</c> when it names a language of the notice; else the first of the browser's languages the notice has; else Japanese.</summary>
    private string Language(HttpRequest request)
    {
        var languages = notice.Languages;
        var asked = request.Query["lang"].ToString().ToLowerInvariant();
        if (languages.Contains(asked, StringComparer.Ordinal))
        {
            return asked;
        }

        foreach (var preference in request.GetTypedHeaders().AcceptLanguage.Where(p => p.Quality is null or > 0).OrderByDescending(p => p.Quality ?? 1))
        {
            var language = preference.Value.Value?.Split('-')[0].ToLowerInvariant();
            if (language is not null && languages.Contains(language, StringComparer.Ordinal))
            {
                return language;
            }
        }

        return languages.Contains(DefaultLanguage, StringComparer.Ordinal) ? DefaultLanguage : languages[0];
    }

    /// <summary>The notice in one language: its first level-1 heading as the title, the rest as HTML.</summary>
    private (string Title, string Body) Render(string language)
    {
        var document = Markdig.Markdown.Parse(notice.Text(language), Markdown);
        var heading = document.OfType<HeadingBlock>().FirstOrDefault(h => h.Level == 1);
        var title = heading?.Inline is null ? string.Empty : PlainText(heading.Inline);
        if (heading is not null)
        {
            document.Remove(heading);
        }

        foreach (var link in document.Descendants<LinkInline>().Where(l => !IsSafeLink(l.Url)))
        {
            link.Url = "#";
        }

        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        Markdown.Setup(renderer);
        renderer.Render(document);
        writer.Flush();
        return (title, writer.ToString());
    }

    private static string PlainText(ContainerInline inline) =>
        string.Concat(inline.Descendants<LiteralInline>().Select(l => l.Content.ToString()));

    /// <summary>A page of this site, or a web, mail or phone address; never <c>javascript:</c> or <c>data:</c>.</summary>
    private static bool IsSafeLink(string? url) =>
        url is null
        || (url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal))
        || url.StartsWith('#')
        || (Uri.TryCreate(url, UriKind.Absolute, out var absolute) && absolute.Scheme is "https" or "http" or "mailto" or "tel");

    private sealed record Chrome(string TitleSuffix, string QuickExit, string QuickExitHint, string Back, string VersionLabel, string OtherLanguage, string OtherLanguageName);
}
