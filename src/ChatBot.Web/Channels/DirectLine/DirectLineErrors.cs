namespace ChatBot.Web.Channels.DirectLine;

/// <summary>Direct Line's error body: <c>{"error":{"code":"...","message":"..."}}</c>.</summary>
internal static class DirectLineErrors
{
    public static IResult Create(int status, string code, string message) =>
        Results.Json(new { error = new { code, message } }, statusCode: status);

    public static IResult MissingToken() =>
        Create(StatusCodes.Status401Unauthorized, "Unauthorized", "An Authorization header with a Bearer token is required.");

    public static IResult InvalidToken() =>
        Create(StatusCodes.Status403Forbidden, "Forbidden", "The token is not valid.");

    public static IResult ExpiredToken() =>
        Create(StatusCodes.Status403Forbidden, "TokenExpired", "The token has expired. Ask for a new one.");

    public static IResult WrongConversation() =>
        Create(StatusCodes.Status403Forbidden, "Forbidden", "The token is not valid for this conversation.");

    public static IResult UnknownConversation() =>
        Create(StatusCodes.Status404NotFound, "BadArgument", "The conversation does not exist or has ended.");

    public static IResult BadArgument(string message) =>
        Create(StatusCodes.Status400BadRequest, "BadArgument", message);
}
