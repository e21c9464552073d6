using ChatBot.Core.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Core.Retention;

public static class RetentionServiceCollectionExtensions
{
    /// <summary>The audit log, "delete my data", and the retention purge (not the background loop: see <see cref="AddRetentionService"/>).</summary>
    public static IServiceCollection AddRetention(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RetentionOptions>()
            .Bind(configuration.GetSection(RetentionOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<SqlSchema>(SqliteAuditLog.Schema);
        services.AddSingleton<IAuditLog, SqliteAuditLog>();
        services.AddSingleton<ConversationEraser>();
        services.AddSingleton<RetentionPurge>();
        return services;
    }

    /// <summary>The purge running every <see cref="RetentionOptions.PurgeInterval"/> inside a long-running host.</summary>
    public static IServiceCollection AddRetentionService(this IServiceCollection services)
    {
        services.AddHostedService<RetentionService>();
        return services;
    }
}
