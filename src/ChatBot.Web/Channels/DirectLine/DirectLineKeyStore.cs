using ChatBot.Core.Storage;
using Microsoft.Extensions.Options;

namespace ChatBot.Web.Channels.DirectLine;

/// <summary>
/// The token signing key: from configuration when given, else generated once and kept in the data
/// folder with owner-only permissions, so tokens survive a restart.
/// </summary>
internal sealed class DirectLineKeyStore
{
    public DirectLineKeyStore(IOptions<DirectLineOptions> options, IConfiguration configuration)
    {
        var configured = options.Value.TokenSigningKey;
        if (!string.IsNullOrWhiteSpace(configured))
        {
            SigningKey = KeyFile.Decode(configured, 32)
                ?? throw new OptionsValidationException(DirectLineOptions.SectionName, typeof(DirectLineOptions), ["DirectLine:TokenSigningKey must be base64 of at least 32 bytes."]);
            return;
        }

        var directory = configuration["DataDirectory"] is { Length: > 0 } d ? d : "data";
        SigningKey = KeyFile.LoadOrCreate(directory, "directline-signing.key", 32, "deleting it signs everyone out of their conversations.");
    }

    public byte[] SigningKey { get; }
}
