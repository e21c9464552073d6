using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using ChatBot.Core.Privacy;
using ChatBot.Web.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Web.Tests.WebChat;

/// <summary>
/// <c>/privacy</c> shows the versioned notice of <c>dialogs/privacy/notice.{ja,en}.md</c> — the text and
/// version a consent records — rendered as HTML under the text pages' strict policy, on a real Kestrel port.
/// </summary>
public sealed partial class PrivacyPageTests(ChatBotServerFixture server) : IClassFixture<ChatBotServerFixture>
{
    [Fact]
    public async Task The_notice_is_shown_in_Japanese_by_default_with_its_version()
    {
        var notice = server.Host.Services.GetRequiredService<IPrivacyNotice>();

        var (response, html) = await GetAsync("/privacy");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<html lang=\"ja\"", html, StringComparison.Ordinal);
        Assert.Equal("ja", Assert.Single(response.Content.Headers.ContentLanguage));
        Assert.Equal(["プライバシーについて"], Headings(html, 1));
        Assert.Equal(Headings(notice.Text("ja"), "## "), Headings(html, 2));
        Assert.Contains("<title>プライバシーについて｜相談チャット</title>", html, StringComparison.Ordinal);
        Assert.Contains($"このお知らせの版：{notice.Version}", html, StringComparison.Ordinal);
        Assert.Contains("<strong>会話の内容</strong>", html, StringComparison.Ordinal);
        Assert.Contains("<li>", html, StringComparison.Ordinal);
        Assert.Contains("90 日間", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/privacy?lang=en\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("**", html, StringComparison.Ordinal);
        Assert.DoesNotContain("{operator}", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/privacy?lang=en", null)]
    [InlineData("/privacy", "en-GB,en;q=0.9,ja;q=0.5")]
    [InlineData("/privacy.html?lang=EN", "ja")]
    public async Task The_notice_is_shown_in_English_when_asked(string path, string? acceptLanguage)
    {
        var notice = server.Host.Services.GetRequiredService<IPrivacyNotice>();

        var (response, html) = await GetAsync(path, acceptLanguage);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<html lang=\"en\"", html, StringComparison.Ordinal);
        Assert.Equal(["Your privacy"], Headings(html, 1));
        Assert.Equal(Headings(notice.Text("en"), "## "), Headings(html, 2));
        Assert.Contains($"Version of this notice: {notice.Version}", html, StringComparison.Ordinal);
        Assert.Contains(">Leave now</button>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/privacy?lang=ja\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/privacy?lang=ja", "en-US,en;q=0.9")]
    [InlineData("/privacy", "fr-FR,de;q=0.8")]
    [InlineData("/privacy?lang=fr", null)]
    [InlineData("/privacy", "en;q=0")]
    public async Task Otherwise_it_is_Japanese(string path, string? acceptLanguage)
    {
        var (_, html) = await GetAsync(path, acceptLanguage);

        Assert.Contains("<html lang=\"ja\"", html, StringComparison.Ordinal);
        Assert.Equal(["プライバシーについて"], Headings(html, 1));
    }

    [Fact]
    public async Task The_page_is_served_under_the_strict_text_page_policy()
    {
        var (response, html) = await GetAsync("/privacy");

        var policy = string.Join(", ", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
        Assert.Contains("style-src 'self';", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("nonce", policy, StringComparison.Ordinal);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.DoesNotContain(" style=", html, StringComparison.Ordinal);
        Assert.DoesNotMatch("<script>|<script [^>]*>[^<]", html);
    }

    [Fact]
    public async Task Markup_in_the_notice_file_is_shown_as_text_and_unsafe_links_go_nowhere()
    {
        using var dialogs = new DialogsCopy();
        dialogs.Append("privacy/notice.ja.md", "\n<script>alert('x')</script>\n\n[リンク](javascript:alert(1)) と [窓口](https://www.mhlw.go.jp/) と <img src=\"https://evil.example/p.png\">\n");
        await using var host = ChatBotServer.Start(new Dictionary<string, string?> { ["Content:DialogsPath"] = dialogs.Root });
        using var client = host.CreateClient();

        var html = await client.GetStringAsync(new Uri("/privacy", UriKind.Relative));

        Assert.Contains("&lt;script&gt;alert(", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript:", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#\">リンク</a>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://www.mhlw.go.jp/\">窓口</a>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void There_is_no_static_copy_of_the_notice_to_drift_from_it()
    {
        Assert.False(File.Exists(Path.Combine(RepoPaths.Root, "src", "ChatBot.Web", "wwwroot", "privacy.html")));
    }

    private async Task<(HttpResponseMessage Response, string Html)> GetAsync(string path, string? acceptLanguage = null)
    {
        using var client = server.Host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        if (acceptLanguage is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(acceptLanguage);
        }

        var response = await client.SendAsync(request);
        return (response, await response.Content.ReadAsStringAsync());
    }

    private static List<string> Headings(string html, int level) =>
        [.. Regex.Matches(html, $"<h{level}[^>]*>(.*?)</h{level}>").Select(m => WebUtility.HtmlDecode(m.Groups[1].Value))];

    private static List<string> Headings(string markdown, string marker) =>
        [.. markdown.ReplaceLineEndings("\n").Split('\n').Where(l => l.StartsWith(marker, StringComparison.Ordinal)).Select(l => l[marker.Length..].Trim())];

    /// <summary>A copy of the repository's <c>dialogs/</c> in a temporary folder, to change on purpose.</summary>
    private sealed class DialogsCopy : IDisposable
    {
        private readonly string _parent = Path.Combine(Path.GetTempPath(), "chatbot-tests", Guid.NewGuid().ToString("N"));

        public DialogsCopy()
        {
            Root = Path.Combine(_parent, "dialogs");
            var source = Path.Combine(RepoPaths.Root, "dialogs");
            foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
            {
                var copy = Path.Combine(Root, Path.GetRelativePath(source, file));
                Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
                File.Copy(file, copy);
            }
        }

        public string Root { get; }

        public void Append(string relative, string text) => File.AppendAllText(Path.Combine(Root, relative), text);

        public void Dispose() => Directory.Delete(_parent, recursive: true);
    }
}
