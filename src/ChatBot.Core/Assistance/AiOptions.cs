using Microsoft.Extensions.Options;

namespace ChatBot.Core.Assistance;

/// <summary>
/// The AI helpers (section <c>Ai</c>): a summary for the counsellor at handoff, and a second opinion on risk.
/// Off unless <see cref="Endpoint"/> is set; then every text sent is redacted first. Any OpenAI-compatible
/// chat-completions endpoint works: OpenAI (<c>https://api.openai.com/v1</c>), Azure OpenAI
/// (<c>https://RESOURCE.openai.azure.com/openai/v1</c>), Ollama (<c>http://localhost:11434/v1</c>), vLLM.
/// </summary>
public sealed class AiOptions
{
    public const string SectionName = "Ai";

    /// <summary>The base URL of an OpenAI-compatible API; requests go to <c>{Endpoint}/chat/completions</c>. Empty: AI off.</summary>
    public string? Endpoint { get; set; }

    /// <summary>The API key, sent as a bearer token; empty for a local server that needs none.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The model id, or the deployment name on Azure OpenAI.</summary>
    public string? Model { get; set; }

    /// <summary>
    /// How long a summary may take before the excerpt summary is used instead (also the HTTP attempt timeout).
    /// The summary is written while the person waits for the consent question, so keep it short.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Ask the model for a second opinion on each message's risk (it may raise the rule result, never lower it).</summary>
    public bool RiskSecondOpinion { get; set; }

    /// <summary>How long the person's reply may wait for the second opinion; after it, the rule result stands.</summary>
    public TimeSpan RiskSecondOpinionTimeout { get; set; } = TimeSpan.FromSeconds(3);

    public bool Enabled => !string.IsNullOrWhiteSpace(Endpoint);

    public bool SecondOpinionEnabled => Enabled && RiskSecondOpinion;
}

/// <summary>Stops the service at start with a message that says which <c>Ai:*</c> setting is wrong.</summary>
internal sealed class AiOptionsValidator : IValidateOptions<AiOptions>
{
    public ValidateOptionsResult Validate(string? name, AiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!options.Enabled)
        {
            if (options.RiskSecondOpinion)
            {
                failures.Add("Ai:RiskSecondOpinion is true but Ai:Endpoint is empty: set the endpoint, or turn the second opinion off.");
            }

            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }

        if (!Uri.TryCreate(options.Endpoint, UriKind.Absolute, out var endpoint) || (endpoint.Scheme != Uri.UriSchemeHttps && endpoint.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add("Ai:Endpoint must be an absolute http(s) URL, the base of an OpenAI-compatible API (e.g. https://api.openai.com/v1).");
        }

        if (string.IsNullOrWhiteSpace(options.Model))
        {
            failures.Add("Ai:Model must name the model (or the Azure OpenAI deployment) when Ai:Endpoint is set.");
        }

        if (options.Timeout < TimeSpan.FromSeconds(1) || options.Timeout > TimeSpan.FromMinutes(2))
        {
            failures.Add("Ai:Timeout must be between 00:00:01 and 00:02:00.");
        }

        if (options.RiskSecondOpinionTimeout < TimeSpan.FromMilliseconds(100) || options.RiskSecondOpinionTimeout > TimeSpan.FromSeconds(30))
        {
            failures.Add("Ai:RiskSecondOpinionTimeout must be between 00:00:00.1 and 00:00:30.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
