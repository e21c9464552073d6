using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using Microsoft.Extensions.Options;

namespace ChatBot.Web.WebChat;

/// <summary>
/// Serves <c>wwwroot/index.html</c> with the two values that differ per
/// deployment or per request filled in: <c>{{quickExitUrl}}</c> (configuration) and <c>{{nonce}}</c>
/// (a fresh Content-Security-Policy nonce that Web Chat puts on the style elements it creates).
/// </summary>
internal sealed class WebChatPages(IWebHostEnvironment environment, IOptions<WebChatOptions> options)
{
    private readonly ConcurrentDictionary<string, string> _templates = new(StringComparer.Ordinal);

    public async Task WriteAsync(HttpContext http, string file, Func<HttpContext, string, string> contentSecurityPolicy)
    {
        var template = await ReadTemplateAsync(file, http.RequestAborted);
        var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18));
        var html = template
            .Replace("{{nonce}}", nonce, StringComparison.Ordinal)
            .Replace("{{quickExitUrl}}", HtmlEncoder.Default.Encode(options.Value.QuickExitUrl), StringComparison.Ordinal);

        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy = contentSecurityPolicy(http, nonce);
        headers.CacheControl = "no-store";
        headers.XFrameOptions = "DENY";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        http.Response.ContentType = "text/html; charset=utf-8";
        await http.Response.WriteAsync(html, http.RequestAborted);
    }

    private async Task<string> ReadTemplateAsync(string file, CancellationToken cancellationToken)
    {
        if (!environment.IsDevelopment() && _templates.TryGetValue(file, out var cached))
        {
            return cached;
        }

        var info = environment.WebRootFileProvider.GetFileInfo(file);
        if (!info.Exists)
        {
            throw new FileNotFoundException($"The web chat page template wwwroot/{file} is missing.", file);
        }

        await using var stream = info.CreateReadStream();
        using var reader = new StreamReader(stream);
        var text = await reader.ReadToEndAsync(cancellationToken);
        _templates[file] = text;
        return text;
    }
}
