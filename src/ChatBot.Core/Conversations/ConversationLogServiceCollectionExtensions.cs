using ChatBot.Core.Retention;
using ChatBot.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Core.Conversations;

public static class ConversationLogServiceCollectionExtensions
{
    public static IServiceCollection AddConversationLog(this IServiceCollection services)
    {
        services.AddSingleton<SqlSchema>(SqliteConversationLog.Schema);
        services.AddSingleton<SqliteConversationLog>();
        services.AddSingleton<IConversationLog>(sp => sp.GetRequiredService<SqliteConversationLog>());
        services.AddSingleton<IConversationDataStore>(sp => sp.GetRequiredService<SqliteConversationLog>());
        services.AddSingleton<IConversationMessenger, ConversationMessenger>();
        return services;
    }
}
