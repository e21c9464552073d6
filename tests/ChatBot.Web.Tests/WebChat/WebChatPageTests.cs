using System.Net;
using System.Text.RegularExpressions;
using ChatBot.Web.Tests.Hosting;
using ChatBot.Web.WebChat;

namespace ChatBot.Web.Tests.WebChat;

public sealed partial class WebChatPageTests(ChatBotServerFixture server) : IClassFixture<ChatBotServerFixture>
{
    [Fact]
    public async Task Chat_page_is_served_at_the_root_in_Japanese_with_a_strict_policy()
    {
        using var client = server.Host.CreateClient();

        using var response = await client.GetAsync(new Uri("/", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<html lang=\"ja\"", html, StringComparison.Ordinal);
        Assert.Contains("すぐに閉じる", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/privacy\"", html, StringComparison.Ordinal);
        Assert.Contains("src=\"/lib/webchat/webchat.js\"", html, StringComparison.Ordinal);

        var policy = Header(response, "Content-Security-Policy");
        Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", policy, StringComparison.Ordinal);
        var authority = server.Host.BaseAddress.Authority;
        Assert.Contains($"connect-src 'self' ws://{authority} wss://{authority}", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);

        // The nonce in the policy is the one the page hands to Web Chat for its styles.
        var nonce = NonceInPolicy().Match(policy).Groups[1].Value;
        Assert.NotEmpty(nonce);
        Assert.Contains($"src=\"/app.js\" nonce=\"{nonce}\"", html, StringComparison.Ordinal);

        Assert.Equal("no-store", Header(response, "Cache-Control"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Contains("microphone=()", Header(response, "Permissions-Policy"), StringComparison.Ordinal);
        Assert.Contains("camera=()", Header(response, "Permissions-Policy"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_page_load_gets_its_own_nonce()
    {
        using var client = server.Host.CreateClient();

        using var first = await client.GetAsync(new Uri("/", UriKind.Relative));
        using var second = await client.GetAsync(new Uri("/", UriKind.Relative));

        Assert.NotEqual(
            NonceInPolicy().Match(Header(first, "Content-Security-Policy")).Groups[1].Value,
            NonceInPolicy().Match(Header(second, "Content-Security-Policy")).Groups[1].Value);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/index.html")]
    [InlineData("/privacy")]
    [InlineData("/privacy.html")]
    public async Task Pages_never_show_their_template_placeholders(string path)
    {
        using var client = server.Host.CreateClient();

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("{{", html, StringComparison.Ordinal);
        Assert.NotEmpty(Header(response, "Content-Security-Policy"));
        Assert.Equal("no-store", Header(response, "Cache-Control"));
    }

    [Fact]
    public async Task Quick_exit_goes_where_the_configuration_says()
    {
        await using var configured = ChatBotServer.Start(new Dictionary<string, string?> { ["WebChat:QuickExitUrl"] = "https://example.org/weather?city=tokyo&day=today" });
        using var client = configured.CreateClient();

        var chat = await client.GetStringAsync(new Uri("/", UriKind.Relative));
        var privacy = await client.GetStringAsync(new Uri("/privacy", UriKind.Relative));

        Assert.Contains("data-quick-exit-url=\"https://example.org/weather?city=tokyo&amp;day=today\"", chat, StringComparison.Ordinal);
        Assert.Contains("data-quick-exit-url=\"https://example.org/weather?city=tokyo&amp;day=today\"", privacy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Quick_exit_goes_to_a_weather_search_by_default()
    {
        using var client = server.Host.CreateClient();

        var chat = await client.GetStringAsync(new Uri("/", UriKind.Relative));

        Assert.Contains("data-quick-exit-url=\"https://www.google.co.jp/search?q=%E5%A4%A9%E6%B0%97\"", chat, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Privacy_notice_says_what_is_kept_and_how_to_leave()
    {
        using var client = server.Host.CreateClient();

        using var response = await client.GetAsync(new Uri("/privacy", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("保存すること", html, StringComparison.Ordinal);
        Assert.Contains("記録を消したいとき", html, StringComparison.Ordinal);
        Assert.Contains("すぐに閉じる", html, StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", Header(response, "Content-Security-Policy"), StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", Header(response, "Content-Security-Policy"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/lib/webchat/webchat.js")]
    [InlineData("/app.js")]
    [InlineData("/quick-exit.js")]
    [InlineData("/app.css")]
    public async Task Scripts_and_styles_come_from_this_site_and_are_revalidated(string path)
    {
        using var client = server.Host.CreateClient();

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-cache", Header(response, "Cache-Control"));
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.NotNull(response.Headers.ETag);
    }

    [Fact]
    public async Task Web_Chat_bundle_travels_compressed_and_arrives_whole()
    {
        using var plain = server.Host.CreateClient();
        var original = await plain.GetByteArrayAsync(new Uri("/lib/webchat/webchat.js", UriKind.Relative));

        using var handler = new HttpClientHandler { AutomaticDecompression = DecompressionMethods.None };
        using var client = new HttpClient(handler) { BaseAddress = server.Host.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/lib/webchat/webchat.js", UriKind.Relative));
        request.Headers.AcceptEncoding.ParseAdd("br");
        using var response = await client.SendAsync(request);
        var compressed = await response.Content.ReadAsByteArrayAsync();
        await using var brotli = new System.IO.Compression.BrotliStream(new MemoryStream(compressed), System.IO.Compression.CompressionMode.Decompress);
        using var inflated = new MemoryStream();
        await brotli.CopyToAsync(inflated);

        Assert.Equal("br", Assert.Single(response.Content.Headers.ContentEncoding));
        Assert.True(compressed.Length < original.Length / 2, $"{compressed.Length} bytes compressed of {original.Length}");
        Assert.Equal(original, inflated.ToArray());
    }

    [Fact]
    public async Task Pages_and_tokens_are_never_compressed()
    {
        using var handler = new HttpClientHandler { AutomaticDecompression = DecompressionMethods.None };
        using var client = new HttpClient(handler) { BaseAddress = server.Host.BaseAddress };

        foreach (var (method, path) in new[] { (HttpMethod.Get, "/"), (HttpMethod.Post, "/api/webchat/token") })
        {
            using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
            request.Headers.AcceptEncoding.ParseAdd("br, gzip");
            using var response = await client.SendAsync(request);
            Assert.True(response.IsSuccessStatusCode, path);
            Assert.Empty(response.Content.Headers.ContentEncoding);
        }
    }

    [Fact]
    public async Task Pages_load_nothing_from_other_sites()
    {
        using var client = server.Host.CreateClient();

        foreach (var path in new[] { "/", "/privacy" })
        {
            var html = await client.GetStringAsync(new Uri(path, UriKind.Relative));
            var references = ResourceReference().Matches(html).Select(m => m.Groups[1].Value).ToList();
            Assert.NotEmpty(references);
            Assert.All(references, url => Assert.True(url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal), $"{path} loads {url}"));
        }
    }

    [Theory]
    [InlineData("https://www.google.co.jp/search?q=%E5%A4%A9%E6%B0%97", true)]
    [InlineData("http://intranet.example/weather", true)]
    [InlineData("/neutral", true)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData("//evil.example/", false)]
    [InlineData("/\\evil.example/", false)]
    [InlineData("ftp://example.org/", false)]
    [InlineData("weather", false)]
    [InlineData("", false)]
    public void Quick_exit_address_must_be_a_web_page(string url, bool accepted)
    {
        Assert.Equal(accepted, WebChatOptions.IsNeutralPageAddress(url));
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : string.Empty;

    [GeneratedRegex("'nonce-([^']+)'")]
    private static partial Regex NonceInPolicy();

    [GeneratedRegex("<(?:script|link)[^>]*?(?:src|href)=\"([^\"]+)\"")]
    private static partial Regex ResourceReference();
}
