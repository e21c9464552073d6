using ChatBot.Core.Conversations;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace ChatBot.Web.Channels.DirectLine;

/// <summary>Registration of the self-hosted Direct Line 3.0 channel and the anonymous token endpoint.</summary>
internal static class DirectLineChannel
{
    public const string ChannelId = "directline";
    public const string TokenRateLimitPolicy = "webchat-token";
    public const string CorsPolicy = "directline";

    public static WebApplicationBuilder AddDirectLine(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<DirectLineOptions>()
            .Bind(builder.Configuration.GetSection(DirectLineOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<DirectLineKeyStore>();
        services.AddSingleton<DirectLineTokens>();
        services.AddSingleton<DirectLineStreams>();
        services.AddSingleton<ConversationLocks>();
        services.AddSingleton<DirectLineAdapter>();
        services.AddSingleton<ChatBot.Core.Conversations.IChannelMessenger, DirectLineMessenger>();

        var options = builder.Configuration.GetSection(DirectLineOptions.SectionName).Get<DirectLineOptions>() ?? new DirectLineOptions();
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                await context.HttpContext.Response.WriteAsJsonAsync(
                    new { error = new { code = "Throttled", message = "Too many requests from this address. Please wait a minute." } },
                    cancellationToken);
            };
            limiter.AddPolicy(TokenRateLimitPolicy, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = options.TokensPerMinutePerAddress,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                }));
        });
        services.AddCors(cors => cors.AddPolicy(CorsPolicy, policy =>
        {
            if (options.AllowedOrigins.Count > 0)
            {
                policy.WithOrigins([.. options.AllowedOrigins])
                    .WithMethods("GET", "POST", "OPTIONS")
                    .WithHeaders("Authorization", "Content-Type", "Accept", "x-ms-bot-agent");
            }
        }));
        return builder;
    }

    public static WebApplication MapDirectLine(this WebApplication app)
    {
        app.UseCors();
        app.UseWebSockets();
        app.UseRateLimiter();
        DirectLineEndpoints.Map(app);
        return app;
    }
}
