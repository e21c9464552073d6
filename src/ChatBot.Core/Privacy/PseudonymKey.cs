using ChatBot.Core.Storage;
using Microsoft.Extensions.Options;

namespace ChatBot.Core.Privacy;

/// <summary>
/// The key of the pseudonym hash: from <c>Privacy:PseudonymKey</c> when set, else generated once and
/// kept in <c>{DataDirectory}/pseudonym.key</c>, readable by the service's own user only, so pseudonyms
/// survive restarts. A damaged key file stops the service rather than silently giving everyone new pseudonyms.
/// </summary>
internal sealed class PseudonymKey
{
    public const string FileName = "pseudonym.key";
    public const int MinimumLength = 32;

    public PseudonymKey(IOptions<PrivacyOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var configured = options.Value.PseudonymKey;
        Bytes = string.IsNullOrWhiteSpace(configured)
            ? LoadOrCreate(options.Value.DataDirectory)
            : Decode(configured) ?? throw new OptionsValidationException(PrivacyOptions.SectionName, typeof(PrivacyOptions), [$"Privacy:PseudonymKey must be base64 of at least {MinimumLength} bytes."]);
    }

    public byte[] Bytes { get; }

    public static byte[]? Decode(string value) => KeyFile.Decode(value, MinimumLength);

    private static byte[] LoadOrCreate(string dataDirectory) =>
        KeyFile.LoadOrCreate(dataDirectory, FileName, MinimumLength, "deleting it gives every person a new pseudonym.");
}
