using System.Security.Claims;
using ChatBot.Core.Handoff;
using ChatBot.Core.Retention;
using ChatBot.Web.Handoff;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;

namespace ChatBot.Web.Console;

/// <summary>
/// Registration of the counsellor console: cookie sign-in backed by server-side sessions (30 minutes idle,
/// 8 hours at most, revoked on sign-out), antiforgery with the <c>XSRF-TOKEN</c> cookie and
/// <c>X-XSRF-TOKEN</c> header, optional OpenID Connect, the API under <c>/api/console</c>, the live hub and the page.
/// </summary>
internal static class CounsellorConsole
{
    public const string OidcScheme = "ConsoleOidc";
    public const string XsrfCookie = "XSRF-TOKEN";
    public const string XsrfHeader = "X-XSRF-TOKEN";

    public static WebApplicationBuilder AddCounsellorConsole(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ConsoleOptions>()
            .Bind(builder.Configuration.GetSection(ConsoleOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IHandoffEventDispatcher, DirectLineHandoffEvents>();
        services.AddSignalR();
        services.AddSingleton<IHandoffNotifier, SignalRHandoffNotifier>();

        var console = builder.Configuration.GetSection(ConsoleOptions.SectionName).Get<ConsoleOptions>() ?? new ConsoleOptions();
        var handoff = builder.Configuration.GetSection(HandoffOptions.SectionName).Get<HandoffOptions>() ?? new HandoffOptions();
        var authentication = services.AddAuthentication(CounsellorClaims.Scheme)
            .AddCookie(CounsellorClaims.Scheme, cookie =>
            {
                cookie.Cookie.Name = "chatbot.console";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Strict;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                cookie.Cookie.Path = "/";
                cookie.ExpireTimeSpan = handoff.SessionIdleTimeout;
                cookie.SlidingExpiration = true;
                cookie.Events = new CookieAuthenticationEvents
                {
                    // An API answers 401/403; it never redirects to a sign-in page.
                    OnRedirectToLogin = context => Status(context, StatusCodes.Status401Unauthorized),
                    OnRedirectToAccessDenied = context => Status(context, StatusCodes.Status403Forbidden),
                    OnValidatePrincipal = ValidateSessionAsync,
                };
            });
        if (console.UsesOpenIdConnect)
        {
            authentication.AddOpenIdConnect(OidcScheme, oidc =>
            {
                oidc.SignInScheme = CounsellorClaims.Scheme;
                oidc.Authority = console.Oidc.Authority;
                if (!string.IsNullOrWhiteSpace(console.Oidc.MetadataAddress))
                {
                    oidc.MetadataAddress = console.Oidc.MetadataAddress;
                }

                oidc.ClientId = console.Oidc.ClientId;
                oidc.ClientSecret = console.Oidc.ClientSecret;
                oidc.RequireHttpsMetadata = console.Oidc.RequireHttpsMetadata;
                oidc.ResponseType = "code";
                oidc.UsePkce = true;
                oidc.CallbackPath = "/console/signin-oidc";
                oidc.SignedOutCallbackPath = "/console/signout-oidc";
                oidc.Scope.Clear();
                oidc.Scope.Add("openid");
                oidc.Scope.Add("profile");
                oidc.Scope.Add("email");
                oidc.Events.OnTokenValidated = context => AdmitOidcUserAsync(context, console.Oidc.UsernameClaim);
            });
        }

        services.AddAuthorizationBuilder()
            .AddPolicy(CounsellorClaims.Policy, policy => policy
                .AddAuthenticationSchemes(CounsellorClaims.Scheme)
                .RequireAuthenticatedUser()
                .RequireClaim(CounsellorClaims.SessionClaim));
        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.HeaderName = XsrfHeader;
            antiforgery.Cookie.Name = "chatbot.console.af";
            antiforgery.Cookie.HttpOnly = true;
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
            antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            antiforgery.Cookie.Path = "/";
        });
        return builder;
    }

    public static WebApplication MapCounsellorConsole(this WebApplication app)
    {
        ConsolePage.Map(app);
        app.UseAuthentication();
        app.UseAuthorization();
        ConsoleApi.Map(app);
        app.MapHub<CounsellorHub>(CounsellorHub.Path).RequireAuthorization(CounsellorClaims.Policy);
        return app;
    }

    private static Task Status(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    }

    /// <summary>Every request checks the server-side session: signed out, idle too long or too old means 401.</summary>
    private static async Task ValidateSessionAsync(CookieValidatePrincipalContext context)
    {
        var sessionId = context.Principal is null ? null : CounsellorClaims.SessionId(context.Principal);
        var directory = context.HttpContext.RequestServices.GetRequiredService<ICounsellorDirectory>();
        var session = sessionId is null ? null : await directory.ValidateSessionAsync(sessionId, context.HttpContext.RequestAborted);
        if (session is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CounsellorClaims.Scheme);
        }
    }

    /// <summary>An OpenID Connect user is a counsellor only if an account has their username; the session is ours.</summary>
    private static async Task AdmitOidcUserAsync(Microsoft.AspNetCore.Authentication.OpenIdConnect.TokenValidatedContext context, string usernameClaim)
    {
        var services = context.HttpContext.RequestServices;
        var username = context.Principal?.FindFirstValue(usernameClaim);
        var counsellor = string.IsNullOrWhiteSpace(username)
            ? null
            : await services.GetRequiredService<ICounsellorDirectory>().FindByUsernameAsync(username, context.HttpContext.RequestAborted);
        if (counsellor is null)
        {
            context.Fail("This account is not a counsellor of this service.");
            return;
        }

        var session = await services.GetRequiredService<ICounsellorDirectory>().StartSessionAsync(counsellor, context.HttpContext.RequestAborted);
        context.Principal = CounsellorClaims.Principal(session, OpenIdConnectDefaults.AuthenticationScheme);
        await services.GetRequiredService<IAuditLog>().WriteAsync(counsellor.Actor, "console.signed_in", null, "method=oidc", context.HttpContext.RequestAborted);
    }
}
