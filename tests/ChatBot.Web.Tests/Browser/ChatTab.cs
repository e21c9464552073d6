using Microsoft.Playwright;

namespace ChatBot.Web.Tests.Browser;

/// <summary>
/// One browser tab on the chat, seen as a person sees it (Web Chat's rendered bubbles and buttons), which also
/// records what a person would not see but must not happen: console errors (a refused Content-Security-Policy
/// shows up there) and requests to any other site.
/// </summary>
internal sealed class ChatTab
{
    private const string BubbleFollowedByBotAnswer = """
        text => {
          const bubbles = [...document.querySelectorAll('.webchat__bubble')];
          const mine = bubbles.findIndex(b => b.classList.contains('webchat__bubble--from-user') && b.textContent.includes(text));
          return mine >= 0 && bubbles.slice(mine + 1).some(b =>
            !b.classList.contains('webchat__bubble--from-user') && (b.querySelector('.webchat__bubble__content')?.textContent ?? '').trim().length > 0);
        }
        """;

    private readonly Uri _site;
    private readonly List<string> _consoleErrors = [];
    private readonly List<string> _foreignRequests = [];

    private ChatTab(IPage page, Uri site)
    {
        Page = page;
        _site = site;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (_consoleErrors)
                {
                    _consoleErrors.Add($"{message.Text} (at {message.Location})");
                }
            }
        };
        page.Request += (_, request) => NoteRequest(request.Url);
        page.WebSocket += (_, socket) => NoteRequest(socket.Url);
    }

    public IPage Page { get; }

    public IReadOnlyList<string> ConsoleErrors
    {
        get
        {
            lock (_consoleErrors)
            {
                return [.. _consoleErrors];
            }
        }
    }

    public IReadOnlyList<string> ForeignRequests
    {
        get
        {
            lock (_foreignRequests)
            {
                return [.. _foreignRequests];
            }
        }
    }

    public static async Task<ChatTab> OpenAsync(IBrowserContext context, Uri site, string path = "/")
    {
        var tab = new ChatTab(await context.NewPageAsync(), site);
        await tab.Page.GotoAsync(new Uri(site, path).ToString());
        return tab;
    }

    /// <summary>A bot message is on screen with the first menu under it.</summary>
    public async Task WaitForGreetingAsync()
    {
        await Assertions.Expect(SuggestedAction("支援について知りたい")).ToBeVisibleAsync();
        await Assertions.Expect(Page.Locator(".webchat__bubble:not(.webchat__bubble--from-user) .webchat__bubble__content").First).Not.ToBeEmptyAsync();
    }

    public ILocator SuggestedAction(string title) => Page.Locator(".webchat__suggested-actions__button", new() { HasText = title });

    public ILocator QuickExitButton => Page.Locator("#quick-exit");

    public Task ChooseAsync(string title) => SuggestedAction(title).ClickAsync();

    /// <summary>The person's own message is in the transcript and the bot has answered after it.</summary>
    public Task WaitForBotAnswerAfterAsync(string userText) =>
        Page.WaitForFunctionAsync(BubbleFollowedByBotAnswer, userText);

    /// <summary>
    /// The tab has moved on to the neutral page. A retrying assertion rather than WaitForURLAsync, whose wait
    /// for a navigation event can miss a navigation that the page starts by itself and finishes at once.
    /// </summary>
    public async Task WaitForNeutralPageAsync()
    {
        await Assertions.Expect(Page).ToHaveURLAsync(new Uri(_site, Hosting.NeutralPage.Path).ToString());
        await Assertions.Expect(Page).ToHaveTitleAsync(Hosting.NeutralPage.Title);
    }

    public Task<string?> StoredConversationIdAsync() =>
        Page.EvaluateAsync<string?>("() => JSON.parse(sessionStorage.getItem('chatbot.webchat') || '{}').conversationId ?? null");

    public Task<int> SessionStorageCountAsync() => Page.EvaluateAsync<int>("() => sessionStorage.length");

    public Task<int> LocalStorageCountAsync() => Page.EvaluateAsync<int>("() => localStorage.length");

    public async Task ScreenshotAsync(string name)
    {
        Directory.CreateDirectory(BrowserFixture.ArtifactsDirectory);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, name) });
    }

    /// <summary>Nothing was refused by the page's policy, nothing failed in its scripts, and no other site was contacted.</summary>
    public void AssertCleanRun()
    {
        Assert.True(ConsoleErrors.Count == 0, "Console errors:\n" + string.Join('\n', ConsoleErrors));
        Assert.True(ForeignRequests.Count == 0, "Requests to other sites:\n" + string.Join('\n', ForeignRequests));
    }

    private void NoteRequest(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is "data" or "blob" or "about")
        {
            return;
        }

        if (!string.Equals(uri.Host, _site.Host, StringComparison.OrdinalIgnoreCase) || uri.Port != _site.Port)
        {
            lock (_foreignRequests)
            {
                _foreignRequests.Add(url);
            }
        }
    }
}
