using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace ChatBot.Core.Tests.Privacy;

/// <summary>
/// Stands in for the Azure AI Language endpoint at the HTTP boundary: records each request and answers
/// with what the test set up (entities, a status code, a broken body, or no answer until cancelled).
/// </summary>
internal sealed class FakeAzureLanguage : HttpMessageHandler
{
    private readonly List<Recorded> _requests = [];

    public IReadOnlyList<Recorded> Requests => _requests;

    /// <summary>Builds the answer from the text Azure was sent.</summary>
    public Func<string, HttpResponseMessage> Answer { get; set; } = _ => Entities();

    /// <summary>When set, the request hangs until it is cancelled; the task completes when the request arrives.</summary>
    public TaskCompletionSource? Hang { get; set; }

    public static HttpResponseMessage Entities(params (string Category, int Offset, int Length, double Score)[] entities)
    {
        var body = new JsonObject
        {
            ["kind"] = "PiiEntityRecognitionResults",
            ["results"] = new JsonObject
            {
                ["documents"] = new JsonArray(new JsonObject
                {
                    ["id"] = "1",
                    ["redactedText"] = "***",
                    ["entities"] = new JsonArray(entities.Select(e => (JsonNode)new JsonObject
                    {
                        ["text"] = "ignored",
                        ["category"] = e.Category,
                        ["offset"] = e.Offset,
                        ["length"] = e.Length,
                        ["confidenceScore"] = e.Score,
                    }).ToArray()),
                    ["warnings"] = new JsonArray(),
                }),
                ["errors"] = new JsonArray(),
                ["modelVersion"] = "2023-04-15",
            },
        };
        return Json(HttpStatusCode.OK, body.ToJsonString());
    }

    public static HttpResponseMessage Json(HttpStatusCode status, string body) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
        var recorded = new Recorded(request.Method, request.RequestUri!, request.Headers.TryGetValues("Ocp-Apim-Subscription-Key", out var keys) ? keys.Single() : null, body);
        _requests.Add(recorded);
        if (Hang is { } hang)
        {
            hang.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        var text = JsonNode.Parse(body)!["analysisInput"]!["documents"]![0]!["text"]!.GetValue<string>();
        return Answer(text);
    }

    public sealed record Recorded(HttpMethod Method, Uri Uri, string? Key, string Body)
    {
        public JsonNode Json => JsonNode.Parse(Body)!;
    }
}
