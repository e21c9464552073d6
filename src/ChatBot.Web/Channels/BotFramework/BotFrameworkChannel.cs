using ChatBot.Core.Bot;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;

namespace ChatBot.Web.Channels.BotFramework;

/// <summary>
/// <c>POST /api/messages</c> for Azure Bot Service channels (Teams, Web Chat through Azure's own
/// Direct Line, the Emulator), served by Bot Framework's <see cref="CloudAdapter"/>. Credentials come
/// from the usual root keys (<c>MicrosoftAppType</c>, <c>MicrosoftAppId</c>, <c>MicrosoftAppPassword</c>,
/// <c>MicrosoftAppTenantId</c>); with no app id the endpoint accepts anonymous calls, as the Emulator expects.
/// </summary>
internal static class BotFrameworkChannel
{
    public static WebApplicationBuilder AddBotFrameworkChannel(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<BotFrameworkAuthentication, ConfigurationBotFrameworkAuthentication>();
        builder.Services.AddSingleton<IBotFrameworkHttpAdapter, AzureChannelsAdapter>();
        return builder;
    }

    public static WebApplication MapBotFrameworkChannel(this WebApplication app)
    {
        app.MapPost("/api/messages", (HttpContext http, IBotFrameworkHttpAdapter adapter, IBot bot) =>
            adapter.ProcessAsync(http.Request, http.Response, bot, http.RequestAborted));
        return app;
    }

    private sealed class AzureChannelsAdapter : CloudAdapter
    {
        public AzureChannelsAdapter(BotFrameworkAuthentication authentication, TurnErrorPolicy errorPolicy, IEnumerable<Microsoft.Bot.Builder.IMiddleware> middleware, ILogger<AzureChannelsAdapter> logger)
            : base(authentication, logger)
        {
            OnTurnError = errorPolicy.HandleAsync;
            foreach (var m in middleware)
            {
                Use(m);
            }
        }
    }
}
