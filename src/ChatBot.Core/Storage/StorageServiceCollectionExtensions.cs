using Microsoft.Bot.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Core.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// The embedded SQLite database and the Bot Framework state stores on top of it.
    /// </summary>
    public static IServiceCollection AddChatBotStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<DatabaseOptions>().Configure(o =>
        {
            var configured = configuration.GetConnectionString(DatabaseOptions.ConnectionStringName);
            if (!string.IsNullOrWhiteSpace(configured))
            {
                o.ConnectionString = configured;
            }
        });
        services.AddSingleton<SqliteDatabase>();
        services.AddSingleton<SqlSchema>(SqliteStorage.Schema);
        services.AddSingleton<IStorage, SqliteStorage>();
        services.AddSingleton<Retention.IConversationDataStore, BotStateDataStore>();
        services.AddSingleton<ConversationState>();
        services.AddSingleton<UserState>();
        return services;
    }
}
