using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatBot.Web.Channels.Line;

/// <summary>
/// The few LINE Messaging API calls the bot needs, over one HttpClient whose base address comes from
/// <see cref="LineOptions.ApiBaseUrl"/> and whose resilience pipeline retries 429 and 5xx.
/// </summary>
public class LineClient(HttpClient http)
{
    /// <summary>Replies with a reply token (free). Returns false when LINE refuses the token (expired or used).</summary>
    public virtual async Task<bool> ReplyAsync(string accessToken, string replyToken, JsonArray messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var body = new JsonObject { ["replyToken"] = replyToken, ["messages"] = messages.DeepClone() };
        using var request = Request(HttpMethod.Post, "v2/bot/message/reply", accessToken, body);
        using var response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.BadRequest)
        {
            var error = await ReadErrorAsync(response, cancellationToken);
            if (error?.Contains("reply token", StringComparison.OrdinalIgnoreCase) == true)
            {
                return false;
            }

            throw new LineApiException(response.StatusCode, error);
        }

        await EnsureSuccessAsync(response, cancellationToken);
        return true;
    }

    /// <summary>
    /// Pushes to a user. The retry key makes a retried push (ours or the resilience pipeline's) count
    /// once: LINE answers 409 to a key it has already accepted, which means "already sent".
    /// </summary>
    public virtual async Task PushAsync(string accessToken, string to, JsonArray messages, Guid retryKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var body = new JsonObject { ["to"] = to, ["messages"] = messages.DeepClone() };
        using var request = Request(HttpMethod.Post, "v2/bot/message/push", accessToken, body);
        request.Headers.Add("X-Line-Retry-Key", retryKey.ToString());
        using var response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Conflict && response.Headers.Contains("X-Line-Accepted-Request-Id"))
        {
            return;
        }

        await EnsureSuccessAsync(response, cancellationToken);
    }

    /// <summary>Shows the loading animation in a one-to-one chat while an answer is being prepared.</summary>
    public virtual async Task StartLoadingAsync(string accessToken, string chatId, int seconds, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["chatId"] = chatId, ["loadingSeconds"] = Math.Clamp(seconds / 5 * 5, 5, 60) };
        using var request = Request(HttpMethod.Post, "v2/bot/chat/loading/start", accessToken, body);
        using var response = await http.SendAsync(request, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
    }

    private static HttpRequestMessage Request(HttpMethod method, string path, string accessToken, JsonNode body)
    {
        var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative))
        {
            Content = new StringContent(body.ToJsonString(LineJson.Options), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return request;
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new LineApiException(response.StatusCode, await ReadErrorAsync(response, cancellationToken));
        }
    }

    private static async Task<string?> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            return JsonNode.Parse(text)?["message"]?.GetValue<string>();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

internal static class LineJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
