using Microsoft.Extensions.FileProviders;

namespace ChatBot.Web.Console;

/// <summary>
/// The console page at <c>/console</c> (plain HTML, CSS and JavaScript under <c>wwwroot/console/</c>) with a
/// strict Content-Security-Policy: scripts and styles from this site only, the hub's WebSocket on this host,
/// no framing.
/// </summary>
internal static class ConsolePage
{
    public static void Map(WebApplication app)
    {
        var root = app.Environment.WebRootPath is { } webRoot ? Path.Combine(webRoot, "console") : null;
        if (root is null || !Directory.Exists(root))
        {
            throw new InvalidOperationException("The console page's files (wwwroot/console/) are missing from the web root.");
        }

        var files = new PhysicalFileProvider(root);
        app.UseStaticFiles(new StaticFileOptions
        {
            RequestPath = "/console",
            FileProvider = files,
            OnPrepareResponse = static context =>
            {
                context.Context.Response.Headers.CacheControl = "no-cache";
                context.Context.Response.Headers.XContentTypeOptions = "nosniff";
            },
        });
        app.MapGet("/console", (HttpContext http) => WritePageAsync(http, files));
        // As an endpoint, the page is never served raw (without its headers) by the static file middleware.
        app.MapGet("/console/index.html", (HttpContext http) => WritePageAsync(http, files));
    }

    private static async Task WritePageAsync(HttpContext http, IFileProvider files)
    {
        var page = files.GetFileInfo("index.html");
        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy = Policy(http);
        headers.CacheControl = "no-store";
        headers.XFrameOptions = "DENY";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";
        http.Response.ContentType = "text/html; charset=utf-8";
        await using var stream = page.CreateReadStream();
        await stream.CopyToAsync(http.Response.Body, http.RequestAborted);
    }

    private static string Policy(HttpContext http)
    {
        var host = http.Request.Host.Value;
        // The Host header is the client's word: only a plain host[:port] goes into the policy.
        var socket = !string.IsNullOrEmpty(host) && host.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or ':' or '[' or ']')
            ? $" ws://{host} wss://{host}"
            : string.Empty;
        return string.Join("; ",
            "default-src 'none'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            $"connect-src 'self'{socket}",
            "base-uri 'none'",
            "form-action 'none'",
            "frame-ancestors 'none'");
    }
}
