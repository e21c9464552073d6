using ChatBot.Core.Assistance;
using ChatBot.Core.Bot;
using ChatBot.Core.Callback;
using ChatBot.Core.Content;
using ChatBot.Core.Conversations;
using ChatBot.Core.Dialogs;
using ChatBot.Core.Handoff;
using ChatBot.Core.Hosting;
using ChatBot.Core.Privacy;
using ChatBot.Core.Retention;
using ChatBot.Core.Storage;
using ChatBot.Core.Triage;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatBot.Core;

public static class ChatBotCoreServiceCollectionExtensions
{
    /// <summary>Everything that decides what the bot says and keeps, independent of any channel.</summary>
    public static IServiceCollection AddChatBotCore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<ContentOptions>().Bind(configuration.GetSection(ContentOptions.SectionName));
        services.AddChatBotStorage(configuration);
        services.AddPrivacy(configuration);
        services.AddHostedService<DatabaseInitializer>();
        services.AddConversationLog();
        services.AddRetention(configuration);
        services.AddTriage(configuration);
        services.AddDialogs(configuration);
        services.AddHandoff(configuration);
        services.AddAiHelpers(configuration);
        services.AddCallbacks(configuration);
        services.AddSingleton<IBot, FirstContactBot>();
        services.AddSingleton<TurnErrorPolicy>();
        return services;
    }
}
