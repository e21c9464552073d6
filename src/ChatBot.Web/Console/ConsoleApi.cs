using ChatBot.Core.Handoff;
using ChatBot.Core.Retention;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace ChatBot.Web.Console;

/// <summary>
/// <c>/api/console</c>: what the console page (and any integration) calls. JSON in and out. Unauthenticated
/// calls get 401; state-changing calls need the <c>X-XSRF-TOKEN</c> header (400 without a valid one); a
/// conversation held by another counsellor gives 409, an unknown one 404, a finished one 409.
/// </summary>
internal static class ConsoleApi
{
    public static void Map(WebApplication app)
    {
        var api = app.MapGroup("/api/console");
        api.MapGet("/config", Config).AllowAnonymous();
        api.MapPost("/login", LoginAsync).AllowAnonymous();
        api.MapGet("/oidc/login", (IOptions<ConsoleOptions> options) => options.Value.UsesOpenIdConnect
            ? Results.Challenge(new AuthenticationProperties { RedirectUri = "/console" }, [CounsellorConsole.OidcScheme])
            : Error(StatusCodes.Status404NotFound, "not_configured", "OpenID Connect sign-in is not configured.")).AllowAnonymous();

        var signedIn = api.MapGroup(string.Empty).RequireAuthorization(CounsellorClaims.Policy);
        signedIn.MapGet("/me", Me);
        signedIn.MapGet("/queue", async (HttpContext http, ICounsellorDesk desk, CancellationToken ct) => Results.Json(await desk.QueueAsync(Who(http), ct)));
        signedIn.MapGet("/conversations", async (HttpContext http, ICounsellorDesk desk, CancellationToken ct) => Results.Json(await desk.ActiveAsync(Who(http), ct)));
        signedIn.MapGet("/conversations/{id}", async (string id, HttpContext http, ICounsellorDesk desk, CancellationToken ct) => Reply(await desk.ViewAsync(id, Who(http), ct)));
        signedIn.MapGet("/counsellors", async (ICounsellorDesk desk, CancellationToken ct) =>
            Results.Json((await desk.OnlineAsync(ct)).Select(c => new { username = c.Username, displayName = c.DisplayName, role = CounsellorClaims.CounsellorRoleName(c.Role) })));
        signedIn.MapGet("/conversations/{id}/resources", async (string id, HttpContext http, ICounsellorDesk desk, CancellationToken ct) => Reply(await desk.ResourcesAsync(id, Who(http), ct)));
        signedIn.MapGet("/stats", async (HttpContext http, ICounsellorDesk desk, CancellationToken ct) => Reply(await desk.TodayAsync(Who(http), ct)));

        var changes = signedIn.MapGroup(string.Empty).AddEndpointFilter(RequireAntiforgeryAsync);
        changes.MapPost("/logout", LogoutAsync);
        changes.MapPost("/conversations/{id}/claim", async (string id, HttpContext http, ICounsellorDesk desk, CancellationToken ct) =>
            Reply(await desk.ClaimAsync(id, Who(http), ct)));
        changes.MapPost("/conversations/{id}/messages", async (string id, TextRequest body, HttpContext http, ICounsellorDesk desk, CancellationToken ct) =>
            Reply(await desk.SendAsync(id, Who(http), body.Text ?? string.Empty, ct)));
        changes.MapPost("/conversations/{id}/resources", async (string id, ResourceRequest body, HttpContext http, ICounsellorDesk desk, CancellationToken ct) =>
            Reply(await desk.SendResourceAsync(id, Who(http), body.Id ?? string.Empty, ct)));
        changes.MapPost("/conversations/{id}/typing", async (string id, HttpContext http, ICounsellorDesk desk, CancellationToken ct) =>
            Reply(await desk.TypingAsync(id, Who(http), ct)));
        changes.MapPost("/conversations/{id}/notes", async (string id, TextRequest body, HttpContext http, ICounsellorDesk desk, CancellationToken ct) =>
            Reply(await desk.AddNoteAsync(id, Who(http), body.Text ?? string.Empty, ct), StatusCodes.Status201Created));
        changes.MapPost("/conversations/{id}/transfer", async (string id, TransferRequest body, HttpContext http, ICounsellorDesk desk, CancellationToken ct) =>
            Reply(await desk.TransferAsync(id, Who(http), body.To ?? string.Empty, ct)));
        changes.MapPost("/conversations/{id}/release", async (string id, HttpContext http, ICounsellorDesk desk, CancellationToken ct) =>
            Reply(await desk.ReleaseAsync(id, Who(http), ct)));
        changes.MapPost("/conversations/{id}/close", async (string id, CloseRequest? body, HttpContext http, ICounsellorDesk desk, CancellationToken ct) =>
            Reply(await desk.CloseAsync(id, Who(http), body?.Message, ct)));
        CallbackApi.Map(signedIn, changes);
    }

    private sealed record LoginRequest(string? Username, string? Password);

    private sealed record TextRequest(string? Text);

    private sealed record TransferRequest(string? To);

    private sealed record ResourceRequest(string? Id);

    private sealed record CloseRequest(string? Message);

    private static async Task<IResult> LoginAsync(
        LoginRequest body, HttpContext http, ICounsellorDirectory directory, IAntiforgery antiforgery, IAuditLog audit, IOptions<ConsoleOptions> options, CancellationToken cancellationToken)
    {
        if (options.Value.UsesOpenIdConnect)
        {
            return Error(StatusCodes.Status400BadRequest, "password_sign_in_disabled", "Sign in with your organisation's account.");
        }

        if (string.IsNullOrWhiteSpace(body.Username) || string.IsNullOrEmpty(body.Password) || body.Username.Length > 64 || body.Password.Length > 256)
        {
            return Error(StatusCodes.Status400BadRequest, "bad_request", "Username and password are required.");
        }

        var result = await directory.VerifyPasswordAsync(body.Username.Trim(), body.Password, cancellationToken);
        if (!result.Succeeded)
        {
            await audit.WriteAsync("console", result.LockedOut ? "console.sign_in_locked" : "console.sign_in_failed", null, null, cancellationToken);
            // Locked or wrong: the same answer, so neither tells which usernames exist.
            return Error(StatusCodes.Status401Unauthorized, "sign_in_failed", "The username or password is wrong, or the account is locked for a while.");
        }

        var session = await directory.StartSessionAsync(result.Counsellor!, cancellationToken);
        var principal = CounsellorClaims.Principal(session, CounsellorClaims.Scheme);
        await http.SignInAsync(CounsellorClaims.Scheme, principal);
        http.User = principal; // The antiforgery token is bound to the counsellor who just signed in.
        IssueXsrfToken(http, antiforgery);
        await audit.WriteAsync(result.Counsellor!.Actor, "console.signed_in", null, "method=password", cancellationToken);
        return Results.Json(Describe(result.Counsellor!));
    }

    /// <summary>
    /// What the page needs before anything else: how to sign in, and who is signed in already (null for nobody;
    /// a page load is no error, so this never answers 401).
    /// </summary>
    private static IResult Config(HttpContext http, IAntiforgery antiforgery, IOptions<ConsoleOptions> options)
    {
        var counsellor = CounsellorClaims.Counsellor(http.User);
        if (counsellor is not null)
        {
            IssueXsrfToken(http, antiforgery);
        }

        return Results.Json(new
        {
            authentication = options.Value.UsesOpenIdConnect ? "oidc" : "password",
            counsellor = counsellor is null ? null : Describe(counsellor),
        });
    }

    private static IResult Me(HttpContext http, IAntiforgery antiforgery)
    {
        IssueXsrfToken(http, antiforgery);
        return Results.Json(Describe(Who(http)));
    }

    private static async Task<IResult> LogoutAsync(HttpContext http, ICounsellorDirectory directory, IAuditLog audit, CancellationToken cancellationToken)
    {
        var sessionId = CounsellorClaims.SessionId(http.User);
        if (sessionId is not null)
        {
            await directory.EndSessionAsync(sessionId, cancellationToken);
        }

        await http.SignOutAsync(CounsellorClaims.Scheme);
        http.Response.Cookies.Delete(CounsellorConsole.XsrfCookie, new CookieOptions { Path = "/" });
        await audit.WriteAsync(Who(http).Actor, "console.signed_out", null, null, cancellationToken);
        return Results.NoContent();
    }

    private static object Describe(Counsellor counsellor) => new
    {
        username = counsellor.Username,
        displayName = counsellor.DisplayName,
        role = CounsellorClaims.CounsellorRoleName(counsellor.Role),
        teams = counsellor.Teams,
    };

    /// <summary>The request token, readable by the page's script, which sends it back in <c>X-XSRF-TOKEN</c>.</summary>
    private static void IssueXsrfToken(HttpContext http, IAntiforgery antiforgery)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        http.Response.Cookies.Append(CounsellorConsole.XsrfCookie, tokens.RequestToken!, new CookieOptions
        {
            HttpOnly = false,
            SameSite = SameSiteMode.Strict,
            Secure = http.Request.IsHttps,
            Path = "/",
        });
    }

    private static async ValueTask<object?> RequireAntiforgeryAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var antiforgery = context.HttpContext.RequestServices.GetRequiredService<IAntiforgery>();
        try
        {
            await antiforgery.ValidateRequestAsync(context.HttpContext);
        }
        catch (AntiforgeryValidationException)
        {
            return Error(StatusCodes.Status400BadRequest, "antiforgery", "The request's X-XSRF-TOKEN header is missing or does not match this session. Reload the console.");
        }

        return await next(context);
    }

    internal static Counsellor Who(HttpContext http) =>
        CounsellorClaims.Counsellor(http.User) ?? throw new InvalidOperationException("The console endpoints require a signed-in counsellor.");

    internal static IResult Reply<T>(DeskResult<T> result, int okStatus = StatusCodes.Status200OK) => result.Outcome switch
    {
        DeskOutcome.Ok => Results.Json(result.Value, statusCode: okStatus),
        DeskOutcome.NotFound => Error(StatusCodes.Status404NotFound, "not_found", result.Error),
        DeskOutcome.HeldByAnother => Error(StatusCodes.Status409Conflict, "held_by_another", result.Error),
        DeskOutcome.NotOpen => Error(StatusCodes.Status409Conflict, "not_open", result.Error),
        DeskOutcome.Forbidden => Error(StatusCodes.Status403Forbidden, "forbidden", result.Error),
        _ => Error(StatusCodes.Status400BadRequest, "invalid", result.Error),
    };

    internal static IResult Error(int status, string code, string? message) =>
        Results.Json(new { error = code, message }, statusCode: status);
}
