using ChatBot.Core.Callback;

namespace ChatBot.Web.Console;

/// <summary>
/// <c>/api/console/callbacks</c>: call-back requests for counsellors, under the same rules as the rest of the
/// console API (cookie session, <c>X-XSRF-TOKEN</c> on every change). The list never carries a contact; only the
/// counsellor holding a call-back can reveal its contact (audited), and closing it deletes the contact.
/// 404 for an unknown id; 409 when another counsellor holds it, when it is not taken yet or already closed;
/// 403 for a supervisor revealing a contact they do not hold.
/// </summary>
internal static class CallbackApi
{
    public static void Map(RouteGroupBuilder signedIn, RouteGroupBuilder changes)
    {
        signedIn.MapGet("/callbacks", async (HttpContext http, ICallbackDesk desk, CancellationToken ct) =>
            Results.Json(await desk.ListAsync(ConsoleApi.Who(http), ct)));
        changes.MapPost("/callbacks/{id}/claim", async (string id, HttpContext http, ICallbackDesk desk, CancellationToken ct) =>
            ConsoleApi.Reply(await desk.ClaimAsync(id, ConsoleApi.Who(http), ct)));
        changes.MapPost("/callbacks/{id}/reveal", async (string id, HttpContext http, ICallbackDesk desk, CancellationToken ct) =>
        {
            var result = await desk.RevealAsync(id, ConsoleApi.Who(http), ct);
            // A contact is never cached on the way (the console page shows it until closed, and forgets it on reload).
            http.Response.Headers.CacheControl = "no-store";
            return ConsoleApi.Reply(result);
        });
        changes.MapPost("/callbacks/{id}/close", async (string id, CloseRequest? body, HttpContext http, ICallbackDesk desk, CancellationToken ct) =>
            ConsoleApi.Reply(await desk.CloseAsync(id, ConsoleApi.Who(http), body?.Outcome, ct)));
    }

    private sealed record CloseRequest(string? Outcome);
}
