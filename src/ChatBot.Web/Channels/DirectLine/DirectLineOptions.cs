using System.ComponentModel.DataAnnotations;

namespace ChatBot.Web.Channels.DirectLine;

/// <summary>The self-hosted Direct Line 3.0 channel. Bound from the <c>DirectLine</c> section.</summary>
public sealed class DirectLineOptions
{
    public const string SectionName = "DirectLine";

    /// <summary>
    /// Key that signs conversation tokens (base64, at least 32 bytes). When empty, a key is generated on
    /// first start and kept in <c>{DataDirectory}/directline-signing.key</c>; several instances behind a
    /// load balancer must share one key.
    /// </summary>
    public string? TokenSigningKey { get; set; }

    /// <summary>How long a token is valid. Web Chat refreshes every 15 minutes, so keep this above that.</summary>
    [Range(typeof(TimeSpan), "00:16:00", "1.00:00:00")]
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Direct Line secrets for trusted back ends (a municipality's own site minting tokens server-side,
    /// as with Azure's <c>/tokens/generate</c>). Empty: only anonymous tokens from <c>/api/webchat/token</c>.
    /// </summary>
    public IList<string> Secrets { get; } = [];

    /// <summary>The largest activity a client may post, in bytes of JSON (the official service: 256K).</summary>
    [Range(1024, 1024 * 1024)]
    public int MaxActivityBytes { get; set; } = 256 * 1024;

    /// <summary>Anonymous tokens one client address may obtain per minute.</summary>
    [Range(1, 10_000)]
    public int TokensPerMinutePerAddress { get; set; } = 10;

    /// <summary>How often an empty keep-alive frame goes down an idle WebSocket.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Origins allowed to call the channel from another site (a municipality page embedding the chat).</summary>
    public IList<string> AllowedOrigins { get; } = [];

    /// <summary>The bot's account as clients see it.</summary>
    public string BotId { get; set; } = "chatbot";

    public string BotName { get; set; } = "ChatBot";
}
