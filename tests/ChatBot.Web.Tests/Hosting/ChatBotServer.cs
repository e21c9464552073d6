using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Web.Tests.Hosting;

/// <summary>
/// The real web host on a real Kestrel port on 127.0.0.1, with its own SQLite file in a temporary
/// folder. Settings can be overridden per test; <see cref="RestartAsync"/> stops the host and starts
/// a new one on the same database, as a crash or a deployment would.
/// </summary>
public sealed class ChatBotServer : IAsyncDisposable
{
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _configureServices;
    private WebApplicationFactory<Program> _factory;

    private ChatBotServer(Dictionary<string, string?> settings, Action<IServiceCollection>? configureServices)
    {
        _settings = settings;
        _configureServices = configureServices;
        _factory = Start();
    }

    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "chatbot-tests", Guid.NewGuid().ToString("N"));

    public string DatabasePath => Path.Combine(Directory, "chatbot.db");

    public Uri BaseAddress { get; private set; } = null!;

    public IServiceProvider Services => _factory.Services;

    public static ChatBotServer Start(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configureServices = null) =>
        new(new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>()), configureServices);

    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    public async Task RestartAsync()
    {
        await _factory.DisposeAsync();
        _factory = Start();
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a closing process; the temporary folder is cleaned by the OS.
        }
    }

    private WebApplicationFactory<Program> Start()
    {
        System.IO.Directory.CreateDirectory(Directory);
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Testing");
            builder.UseUrls("http://127.0.0.1:0");
            builder.UseSetting("ConnectionStrings:ChatBot", $"Data Source={DatabasePath}");
            builder.UseSetting("DataDirectory", Directory);
            foreach (var (key, value) in _settings)
            {
                builder.UseSetting(key, value);
            }

            if (_configureServices is not null)
            {
                builder.ConfigureServices(_configureServices);
            }
        });
        factory.UseKestrel();
        factory.StartServer();
        var addresses = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        BaseAddress = new Uri(addresses.Addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
        return factory;
    }
}
