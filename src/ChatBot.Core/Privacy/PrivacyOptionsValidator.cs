using Microsoft.Extensions.Options;

namespace ChatBot.Core.Privacy;

/// <summary>Stops the service at start when the privacy settings cannot work as written.</summary>
internal sealed class PrivacyOptionsValidator : IValidateOptions<PrivacyOptions>
{
    public ValidateOptionsResult Validate(string? name, PrivacyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (!Enum.IsDefined(options.Redactor))
        {
            errors.Add($"Privacy:Redactor must be Local or AzureLanguage (found {options.Redactor}).");
        }

        if (options.Redactor == RedactorKind.AzureLanguage)
        {
            var azure = options.AzureLanguage;
            if (!Uri.TryCreate(azure.Endpoint, UriKind.Absolute, out var endpoint) || endpoint.Scheme != Uri.UriSchemeHttps)
            {
                errors.Add("Privacy:AzureLanguage:Endpoint must be the https address of the Azure AI Language resource.");
            }

            if (string.IsNullOrWhiteSpace(azure.Key))
            {
                errors.Add("Privacy:AzureLanguage:Key is required when Privacy:Redactor is AzureLanguage.");
            }

            if (azure.Timeout <= TimeSpan.Zero || azure.Timeout > TimeSpan.FromMinutes(1))
            {
                errors.Add("Privacy:AzureLanguage:Timeout must be between 0 and 1 minute.");
            }

            if (azure.MinimumConfidence is < 0 or > 1)
            {
                errors.Add("Privacy:AzureLanguage:MinimumConfidence must be between 0 and 1.");
            }

            if (azure.MaxTextLength is < 1 or > 5120)
            {
                errors.Add("Privacy:AzureLanguage:MaxTextLength must be between 1 and 5120.");
            }
        }

        if (!string.IsNullOrWhiteSpace(options.PseudonymKey) && PseudonymKey.Decode(options.PseudonymKey) is null)
        {
            errors.Add($"Privacy:PseudonymKey must be base64 of at least {PseudonymKey.MinimumLength} bytes.");
        }

        if (string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            errors.Add("DataDirectory must not be empty.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
