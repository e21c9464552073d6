using System.ComponentModel.DataAnnotations;

namespace ChatBot.Web.Console;

/// <summary>How counsellors sign in to the console. Bound from the <c>Console</c> section.</summary>
public sealed class ConsoleOptions : IValidatableObject
{
    public const string SectionName = "Console";

    public const string PasswordSignIn = "Password";
    public const string OpenIdConnectSignIn = "OpenIdConnect";

    /// <summary><see cref="PasswordSignIn"/> (accounts made with <c>chatbot counsellor add</c>) or <see cref="OpenIdConnectSignIn"/> (Entra ID or any OIDC provider).</summary>
    [RegularExpression("^(Password|OpenIdConnect)$")]
    public string Authentication { get; set; } = PasswordSignIn;

    /// <summary>OpenID Connect settings, used when <see cref="Authentication"/> is <see cref="OpenIdConnectSignIn"/>.</summary>
    public ConsoleOidcOptions Oidc { get; set; } = new();

    public bool UsesOpenIdConnect => string.Equals(Authentication, OpenIdConnectSignIn, StringComparison.Ordinal);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!UsesOpenIdConnect)
        {
            yield break;
        }

        if (string.IsNullOrWhiteSpace(Oidc.Authority) && string.IsNullOrWhiteSpace(Oidc.MetadataAddress))
        {
            yield return new ValidationResult("Console:Oidc:Authority (or MetadataAddress) is required for OpenID Connect sign-in.", [nameof(Oidc)]);
        }

        if (string.IsNullOrWhiteSpace(Oidc.ClientId))
        {
            yield return new ValidationResult("Console:Oidc:ClientId is required for OpenID Connect sign-in.", [nameof(Oidc)]);
        }
    }
}

/// <summary>
/// The OpenID Connect provider. A signed-in user is let in only when the claim <see cref="UsernameClaim"/>
/// matches the username of a counsellor account (<c>chatbot counsellor add</c>); roles come from that account.
/// </summary>
public sealed class ConsoleOidcOptions
{
    /// <summary>e.g. <c>https://login.microsoftonline.com/TENANT/v2.0</c>.</summary>
    public string? Authority { get; set; }

    /// <summary>Where the discovery document is, when it is not under <see cref="Authority"/>.</summary>
    public string? MetadataAddress { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>The claim holding the username (Entra ID: preferred_username).</summary>
    public string UsernameClaim { get; set; } = "preferred_username";

    /// <summary>Off only for a local test provider over plain HTTP.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;
}
