namespace ChatBot.Core.Privacy;

/// <summary>
/// Redaction, pseudonyms and the privacy notice. Bound from the <c>Privacy</c> section, e.g.
/// <c>Privacy:Redactor = AzureLanguage</c>, <c>Privacy:AzureLanguage:Endpoint</c>, <c>Privacy:AzureLanguage:Key</c>,
/// <c>Privacy:PseudonymKey</c>, <c>Privacy:OperatorName:ja</c>. Checked at start (<see cref="PrivacyOptionsValidator"/>).
/// </summary>
public sealed class PrivacyOptions
{
    public const string SectionName = "Privacy";

    /// <summary>Which redactor runs. The local one always runs; Azure AI Language is added to it when chosen.</summary>
    public RedactorKind Redactor { get; set; } = RedactorKind.Local;

    public AzureLanguageOptions AzureLanguage { get; set; } = new();

    /// <summary>
    /// Key of the keyed hash that replaces channel user ids (base64, at least 32 bytes). When empty, a key is
    /// generated on first start and kept in <c>{DataDirectory}/pseudonym.key</c>; several instances must share one.
    /// </summary>
    public string? PseudonymKey { get; set; }

    /// <summary>The data folder, taken from the top-level <c>DataDirectory</c> setting (default <c>data</c>).</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>
    /// Who runs the service, by language (<c>Privacy:OperatorName:ja = 横浜市</c>, <c>Privacy:OperatorName:en = City of Yokohama</c>),
    /// as the privacy notice names it. When a language is missing, the notice's own generic wording is used.
    /// </summary>
    public Dictionary<string, string> OperatorName { get; } = new(StringComparer.OrdinalIgnoreCase);
}

public enum RedactorKind
{
    /// <summary>The in-process redactor alone (the default).</summary>
    Local,

    /// <summary>Azure AI Language PII detection over REST, joined with the local redactor; the local one alone when Azure fails.</summary>
    AzureLanguage,
}

/// <summary>The Azure AI Language resource used when <see cref="PrivacyOptions.Redactor"/> is <see cref="RedactorKind.AzureLanguage"/>.</summary>
public sealed class AzureLanguageOptions
{
    /// <summary>The resource endpoint, e.g. <c>https://my-resource.cognitiveservices.azure.com</c>.</summary>
    public string? Endpoint { get; set; }

    /// <summary>The resource key, sent as <c>Ocp-Apim-Subscription-Key</c>.</summary>
    public string? Key { get; set; }

    /// <summary>How long to wait for Azure before redacting with the local redactor alone.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Entities Azure is less sure of than this are ignored.</summary>
    public double MinimumConfidence { get; set; } = 0.5;

    /// <summary>Longer texts are redacted by the local redactor alone (the synchronous API takes 5,120 characters per document).</summary>
    public int MaxTextLength { get; set; } = 5120;
}
