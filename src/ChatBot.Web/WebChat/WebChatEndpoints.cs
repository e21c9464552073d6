using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;

namespace ChatBot.Web.WebChat;

/// <summary>
/// The web chat page at <c>/</c> (the official Web Chat bundle over this server's Direct Line), the privacy
/// notice at <c>/privacy</c> (rendered from <c>dialogs/privacy/</c>), their static files, and the security
/// headers they are served with.
/// </summary>
public static class WebChatEndpoints
{
    public static IServiceCollection AddWebChatPage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<WebChatOptions>()
            .Bind(configuration.GetSection(WebChatOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<WebChatPages>();
        services.AddSingleton<PrivacyPage>();
        services.AddResponseCompression(compression =>
        {
            // Only ever applied to the static files below (no secrets, no user input), so HTTPS is safe from BREACH.
            compression.EnableForHttps = true;
            compression.Providers.Add<BrotliCompressionProvider>();
            compression.Providers.Add<GzipCompressionProvider>();
        });
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        return services;
    }

    public static WebApplication UseWebChatPage(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use(static (http, next) =>
        {
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Permissions-Policy"] = WebChatSecurity.PermissionsPolicy;
            return next(http);
        });
        // Web Chat's bundle is 3.9 MB; compressed it is about a quarter of that on a phone's connection.
        app.UseWhen(static http => IsStaticAsset(http.Request.Path), static branch => branch.UseResponseCompression());
        app.UseStaticFiles(new StaticFileOptions
        {
            // Revalidate every time (ETag): an update of the page's scripts reaches people at once.
            OnPrepareResponse = static context => context.Context.Response.Headers.CacheControl = "no-cache",
        });

        // Mapped as endpoints, the templates are never served raw by the static file middleware.
        app.MapGet("/", ChatPage);
        app.MapGet("/index.html", ChatPage);
        app.MapGet("/privacy", PrivacyNotice);
        app.MapGet("/privacy.html", PrivacyNotice);
        return app;
    }

    private static bool IsStaticAsset(PathString path) =>
        path.Value is { } value && (value.EndsWith(".js", StringComparison.OrdinalIgnoreCase)
            || value.EndsWith(".css", StringComparison.OrdinalIgnoreCase)
            || value.EndsWith(".svg", StringComparison.OrdinalIgnoreCase));

    private static Task ChatPage(HttpContext http, WebChatPages pages) =>
        pages.WriteAsync(http, "index.html", WebChatSecurity.ChatPagePolicy);

    private static Task PrivacyNotice(HttpContext http, PrivacyPage page) => page.WriteAsync(http);
}
