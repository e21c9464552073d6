using ChatBot.Core.Dialogs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ChatBot.Core.Tests.Dialogs;

public sealed class StartupValidationTests : IDisposable
{
    private readonly DialogsFolder _dialogs = new();

    public void Dispose() => _dialogs.Dispose();

    [Fact]
    public async Task The_service_refuses_to_start_on_a_broken_flow_set_and_lists_the_errors()
    {
        _dialogs.Replace("flows/closing.yaml", "  - action: end", "  - action: fly-to-the-moon");
        using var host = Host();

        var error = await Assert.ThrowsAsync<DialogContentException>(() => host.StartAsync());

        Assert.Contains(error.Errors, e => e.ToString().StartsWith("dialogs/flows/closing.yaml:9: unknown action 'fly-to-the-moon'", StringComparison.Ordinal));
        Assert.Contains("dialogs/flows/closing.yaml:9", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_service_starts_on_the_repository_content()
    {
        using var host = Host();

        await host.StartAsync();
        await host.StopAsync();
    }

    private IHost Host() =>
        new HostBuilder()
            .ConfigureServices(services => services.AddLogging().AddChatBotCore(_dialogs.Configuration()))
            .Build();
}
