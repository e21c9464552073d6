using ChatBot.Web.Tests.Hosting;

namespace ChatBot.Web.Tests.Console;

/// <summary>
/// A fresh host for each test, on a real Kestrel port, with the counsellor accounts a class names (by default
/// 佐藤, username sato): what the handoff stories start from.
/// </summary>
public abstract class CounsellorServerTest : IAsyncLifetime
{
    protected ChatBotServer Server { get; private set; } = null!;

    protected HttpClient Http { get; private set; } = null!;

    protected virtual IReadOnlyList<(string Username, string DisplayName)> Counsellors => [("sato", "佐藤")];

    public async Task InitializeAsync()
    {
        Server = ChatBotServer.Start();
        Http = Server.CreateClient();
        foreach (var (username, displayName) in Counsellors)
        {
            await ConsoleTestClient.CreateCounsellorAsync(Server, username, displayName);
        }
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }
}
