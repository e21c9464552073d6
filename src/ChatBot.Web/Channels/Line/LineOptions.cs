namespace ChatBot.Web.Channels.Line;

/// <summary>
/// LINE Messaging API channels. Bound from the <c>Line</c> section. The top-level
/// <c>ChannelSecret</c>/<c>ChannelAccessToken</c> configure the default channel (webhook
/// <c>/api/line/webhook</c>); <c>Channels:{name}</c> adds one per municipality (webhook
/// <c>/api/line/webhook/{name}</c>), each routed to its own resources and counsellor team.
/// </summary>
public sealed class LineOptions
{
    public const string SectionName = "Line";
    public const string DefaultChannelName = "default";

    public string? ChannelSecret { get; set; }

    public string? ChannelAccessToken { get; set; }

    /// <summary>LINE's API host; tests point it at a local fake.</summary>
    public Uri ApiBaseUrl { get; set; } = new("https://api.line.me");

    /// <summary>
    /// The municipality the default channel serves: an area id of <c>dialogs/resources/</c>. Its conversations are
    /// shown that area's windows and go to the counsellors whose teams include it (<c>chatbot counsellor add --team</c>).
    /// </summary>
    public string? Municipality { get; set; }

    public Dictionary<string, LineChannelOptions> Channels { get; } = new(StringComparer.Ordinal);

    /// <summary>A reply token is used only while younger than this (LINE accepts about a minute).</summary>
    public TimeSpan ReplyTokenLifetime { get; set; } = TimeSpan.FromSeconds(50);

    /// <summary>Seconds of loading animation shown while an answer is being prepared (5–60, a multiple of 5).</summary>
    public int LoadingSeconds { get; set; } = 20;

    /// <summary>The channels that are configured, by name.</summary>
    public IReadOnlyDictionary<string, LineChannelOptions> Configured()
    {
        var result = new Dictionary<string, LineChannelOptions>(StringComparer.Ordinal);
        if (!string.IsNullOrEmpty(ChannelSecret))
        {
            result[DefaultChannelName] = new LineChannelOptions
            {
                ChannelSecret = ChannelSecret,
                ChannelAccessToken = ChannelAccessToken,
                Municipality = Municipality,
            };
        }

        foreach (var (name, channel) in Channels)
        {
            if (!string.IsNullOrEmpty(channel.ChannelSecret))
            {
                result[name] = channel;
            }
        }

        return result;
    }
}

public sealed class LineChannelOptions
{
    public string? ChannelSecret { get; set; }

    public string? ChannelAccessToken { get; set; }

    /// <summary>See <see cref="LineOptions.Municipality"/>.</summary>
    public string? Municipality { get; set; }
}
