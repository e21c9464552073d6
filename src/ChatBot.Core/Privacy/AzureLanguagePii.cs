using System.Text.Json.Serialization;

namespace ChatBot.Core.Privacy;

/// <summary>
/// The request and response of Azure AI Language "Analyze Text" (api-version 2023-04-01) for the
/// <c>PiiEntityRecognition</c> task: <c>POST {endpoint}/language/:analyze-text?api-version=2023-04-01</c>.
/// Offsets are asked for in UTF-16 code units so they index .NET strings directly.
/// </summary>
internal static class AzureLanguagePii
{
    public const string ApiVersion = "2023-04-01";
    public const string Path = "language/:analyze-text?api-version=" + ApiVersion;
    public const string KeyHeader = "Ocp-Apim-Subscription-Key";

    /// <summary>Azure categories and the kind each becomes; categories not listed (dates, ages, organisations…) stay.</summary>
    public static string? KindOf(string? category) => category switch
    {
        "Person" => RedactionKinds.Name,
        "PhoneNumber" => RedactionKinds.Phone,
        "Email" => RedactionKinds.Email,
        "Address" => RedactionKinds.Address,
        "URL" => RedactionKinds.Url,
        "CreditCardNumber" or "EUDebitCardNumber" => RedactionKinds.CardNumber,
        "IPAddress" => RedactionKinds.IdNumber,
        null => null,
        _ when category.StartsWith("JP", StringComparison.Ordinal)
            || category.EndsWith("Number", StringComparison.Ordinal)
            || category.Contains("Identi", StringComparison.Ordinal)
            || category.Contains("Passport", StringComparison.Ordinal)
            || category.Contains("License", StringComparison.Ordinal) => RedactionKinds.IdNumber,
        _ => null,
    };

    public sealed record Request(
        [property: JsonPropertyName("kind")] string Kind,
        [property: JsonPropertyName("parameters")] Parameters Parameters,
        [property: JsonPropertyName("analysisInput")] AnalysisInput AnalysisInput);

    public sealed record Parameters(
        [property: JsonPropertyName("modelVersion")] string ModelVersion,
        [property: JsonPropertyName("loggingOptOut")] bool LoggingOptOut,
        [property: JsonPropertyName("stringIndexType")] string StringIndexType);

    public sealed record AnalysisInput([property: JsonPropertyName("documents")] IReadOnlyList<Document> Documents);

    public sealed record Document(
        [property: JsonPropertyName("id")] string Id,
        [property: JsonPropertyName("language")] string Language,
        [property: JsonPropertyName("text")] string Text);

    public sealed record Response(
        [property: JsonPropertyName("kind")] string? Kind,
        [property: JsonPropertyName("results")] Results? Results);

    public sealed record Results(
        [property: JsonPropertyName("documents")] IReadOnlyList<DocumentResult>? Documents,
        [property: JsonPropertyName("errors")] IReadOnlyList<System.Text.Json.JsonElement>? Errors);

    public sealed record DocumentResult(
        [property: JsonPropertyName("id")] string? Id,
        [property: JsonPropertyName("entities")] IReadOnlyList<Entity>? Entities);

    public sealed record Entity(
        [property: JsonPropertyName("category")] string? Category,
        [property: JsonPropertyName("offset")] int Offset,
        [property: JsonPropertyName("length")] int Length,
        [property: JsonPropertyName("confidenceScore")] double ConfidenceScore);

    public static Request For(string text, string language) =>
        new("PiiEntityRecognition", new Parameters("latest", LoggingOptOut: true, StringIndexType: "Utf16CodeUnit"), new AnalysisInput([new Document("1", language, text)]));
}
