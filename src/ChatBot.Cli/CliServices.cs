using ChatBot.Core;
using ChatBot.Core.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatBot.Cli;

/// <summary>The same Core services the web host uses, on the configured database, for commands that touch data.</summary>
internal static class CliServices
{
    public static async Task<ServiceProvider> BuildAsync(IConfiguration configuration, CancellationToken cancellationToken)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddChatBotCore(configuration);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = false, ValidateScopes = true });
        await provider.GetRequiredService<SqliteDatabase>().EnsureSchemaAsync(cancellationToken);
        return provider;
    }
}
