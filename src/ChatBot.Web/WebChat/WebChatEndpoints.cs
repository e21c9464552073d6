namespace ChatBot.Web.WebChat;

/// <summary>
/// The web chat page at <c>/</c> (the official Web Chat bundle over this server's Direct Line), the short
/// privacy notice at <c>/privacy</c>, their static files, and the security headers they are served with.
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
        app.UseStaticFiles(new StaticFileOptions
        {
            // Revalidate every time (ETag): an update of the page's scripts reaches people at once.
            OnPrepareResponse = static context => context.Context.Response.Headers.CacheControl = "no-cache",
        });

        // Mapped as endpoints, the templates are never served raw by the static file middleware.
        app.MapGet("/", ChatPage);
        app.MapGet("/index.html", ChatPage);
        app.MapGet("/privacy", PrivacyPage);
        app.MapGet("/privacy.html", PrivacyPage);
        return app;
    }

    private static Task ChatPage(HttpContext http, WebChatPages pages) =>
        pages.WriteAsync(http, "index.html", WebChatSecurity.ChatPagePolicy);

    private static Task PrivacyPage(HttpContext http, WebChatPages pages) =>
        pages.WriteAsync(http, "privacy.html", WebChatSecurity.TextPagePolicy);
}
