using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Core.Privacy;

/// <summary>
/// Azure AI Language PII detection joined with the local redactor: both run on every text and every
/// span either finds is replaced (overlaps are merged, so nothing either saw stays readable). When Azure
/// cannot be used — an error status, a broken answer, no answer within the timeout, a text too long —
/// the local redactor's result is used alone, and the reason (never the text) is logged.
/// What Azure finds is held to the same rules as the local redactor: public help lines stay, city names
/// in front of an address stay, and only URLs that point at a person are redacted.
/// </summary>
internal sealed partial class AzureLanguageRedactor(
    LocalRedactor local,
    IHttpClientFactory httpClientFactory,
    IOptions<PrivacyOptions> options,
    TimeProvider timeProvider,
    ILogger<AzureLanguageRedactor> logger) : IRedactor
{
    public const string HttpClientName = "ChatBot.Privacy.AzureLanguage";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async ValueTask<RedactionResult> RedactAsync(string text, string? locale, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        cancellationToken.ThrowIfCancellationRequested();
        var japanese = RedactionKinds.UsesJapanese(text, locale);
        var spans = local.Find(text);
        if (text.Length > 0)
        {
            var remote = await RecognizeAsync(text, japanese ? "ja" : "en", cancellationToken);
            if (remote is { Count: > 0 })
            {
                spans = RedactionText.Union(spans.Concat(remote));
            }
        }

        return RedactionText.Apply(text, spans, japanese);
    }

    /// <summary>The spans Azure finds, or null when Azure could not be used for this text.</summary>
    private async Task<List<RedactedSpan>?> RecognizeAsync(string text, string language, CancellationToken cancellationToken)
    {
        var azure = options.Value.AzureLanguage;
        if (text.Length > azure.MaxTextLength)
        {
            LogTooLong(logger, text.Length, azure.MaxTextLength);
            return null;
        }

        using var timeout = new CancellationTokenSource(azure.Timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(azure.Endpoint!.TrimEnd('/') + "/"), AzureLanguagePii.Path))
            {
                Content = JsonContent.Create(AzureLanguagePii.For(WellFormed(text), language), options: Json),
            };
            request.Headers.Add(AzureLanguagePii.KeyHeader, azure.Key);
            using var client = httpClientFactory.CreateClient(HttpClientName);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, linked.Token);
            if (!response.IsSuccessStatusCode)
            {
                LogFallback(logger, "error status", (int)response.StatusCode);
                return null;
            }

            var body = await response.Content.ReadFromJsonAsync<AzureLanguagePii.Response>(Json, linked.Token);
            var spans = Spans(text, body, azure.MinimumConfidence);
            if (spans is null)
            {
                LogFallback(logger, "unexpected answer", (int)response.StatusCode);
            }

            return spans;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LogFallback(logger, "timeout", null);
            return null;
        }
        catch (HttpRequestException ex)
        {
            LogFallback(logger, "unreachable: " + ex.HttpRequestError, (int?)ex.StatusCode);
            return null;
        }
        catch (JsonException)
        {
            LogFallback(logger, "unreadable answer", null);
            return null;
        }
    }

    private List<RedactedSpan>? Spans(string text, AzureLanguagePii.Response? body, double minimumConfidence)
    {
        var documents = body?.Results?.Documents;
        if (body?.Kind != "PiiEntityRecognitionResults" || documents is not { Count: 1 } || body.Results!.Errors is { Count: > 0 })
        {
            return null;
        }

        var spans = new List<RedactedSpan>();
        foreach (var entity in documents[0].Entities ?? [])
        {
            if (entity.Offset < 0 || entity.Length <= 0 || entity.Offset + entity.Length > text.Length)
            {
                return null;
            }

            var kind = AzureLanguagePii.KindOf(entity.Category);
            if (kind is null || entity.ConfidenceScore < minimumConfidence)
            {
                continue;
            }

            var start = entity.Offset;
            var length = entity.Length;
            var value = text.AsSpan(start, length);
            if (kind == RedactionKinds.Address)
            {
                var place = JapaneseAddress.AdministrativePrefixLength(value);
                start += place;
                length -= place;
            }

            var keep = length <= 0
                || (kind == RedactionKinds.Phone && local.IsPublicNumber(value))
                || (kind == RedactionKinds.Url && !local.IsPersonalUrl(value.ToString()));
            if (!keep)
            {
                spans.Add(new RedactedSpan(kind, start, length));
            }
        }

        return spans;
    }

    /// <summary>A lone surrogate cannot be sent as JSON text; it is replaced by U+FFFD, keeping every offset.</summary>
    private static string WellFormed(string text)
    {
        if (!text.AsSpan().ContainsAnyInRange('\uD800', '\uDFFF'))
        {
            return text;
        }

        return string.Create(text.Length, text, static (buffer, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                if (char.IsHighSurrogate(c) && i + 1 < source.Length && char.IsLowSurrogate(source[i + 1]))
                {
                    buffer[i] = c;
                    buffer[i + 1] = source[i + 1];
                    i++;
                }
                else
                {
                    buffer[i] = char.IsSurrogate(c) ? '\uFFFD' : c;
                }
            }
        });
    }

    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "Azure AI Language PII could not be used ({Reason}, HTTP {StatusCode}); the text was redacted by the local redactor alone")]
    private static partial void LogFallback(ILogger logger, string reason, int? statusCode);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "A text of {Length} characters is longer than Azure AI Language takes ({MaxLength}); it was redacted by the local redactor alone")]
    private static partial void LogTooLong(ILogger logger, int length, int maxLength);
}
