namespace ChatBot.Web.Tests.Hosting;

/// <summary>One real server on the default settings, shared by the tests of a class (<c>IClassFixture</c>).</summary>
public sealed class ChatBotServerFixture : IAsyncLifetime
{
    public ChatBotServer Host { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Host = ChatBotServer.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
