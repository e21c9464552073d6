using ChatBot.Core.Storage;
using Microsoft.Extensions.Hosting;

namespace ChatBot.Core.Hosting;

/// <summary>Creates every feature's tables before the host starts taking requests.</summary>
internal sealed class DatabaseInitializer(SqliteDatabase database) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => database.EnsureSchemaAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
