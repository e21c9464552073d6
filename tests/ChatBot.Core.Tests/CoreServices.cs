using ChatBot.Core.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace ChatBot.Core.Tests;

/// <summary>ChatBot.Core as the host wires it, on a temporary SQLite file, with a fake clock.</summary>
internal sealed class CoreServices : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    private CoreServices(ServiceProvider provider, Storage.TempDatabase database, FakeTimeProvider clock)
    {
        _provider = provider;
        Database = database;
        Clock = clock;
    }

    public Storage.TempDatabase Database { get; }

    public FakeTimeProvider Clock { get; }

    public IServiceProvider Services => _provider;

    public T Get<T>()
        where T : notnull => _provider.GetRequiredService<T>();

    public static async Task<CoreServices> StartAsync(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        var database = new Storage.TempDatabase();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:ChatBot"] = $"Data Source={database.FilePath}",
                ["DataDirectory"] = database.Folder,
                ["Content:DialogsPath"] = RepoPaths.Dialogs,
            })
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<TimeProvider>(clock);
        services.AddChatBotCore(configuration);
        configure?.Invoke(services);
        var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<SqliteDatabase>().EnsureSchemaAsync(CancellationToken.None);
        return new CoreServices(provider, database, clock);
    }

    public async ValueTask DisposeAsync()
    {
        await _provider.DisposeAsync();
        Database.Dispose();
    }
}
