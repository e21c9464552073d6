using ChatBot.Web.Tests.Hosting;
using Microsoft.Playwright;

namespace ChatBot.Web.Tests.Browser;

/// <summary>
/// One chromium and one real server for a whole test class; each test opens its own browser context, so
/// tabs, sessionStorage and history never leak between tests. The server's quick exit goes to
/// <see cref="NeutralPage"/>.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>
    /// How long a step may wait for the page (loading Web Chat's 4 MB bundle, a reply). A guard against a hung
    /// page on a busy machine, not a speed target: every wait ends as soon as the page is ready.
    /// </summary>
    /// <summary>
    /// Browser test classes run one after another: two Chromiums and two servers at once on a two-core
    /// machine only make every step slower. (Playwright's default expect timeout is also process-wide.)
    /// </summary>
    public const string Collection = "Browser";

    private const float StepTimeoutMilliseconds = 60_000;

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public ChatBotServer Server { get; private set; } = null!;

    /// <summary>Where screenshots go: <c>artifacts/</c> in the test output folder.</summary>
    public static string ArtifactsDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "artifacts");

    public async Task InitializeAsync()
    {
        Server = ChatBotServer.Start(NeutralPage.Settings, NeutralPage.Register);
        Assertions.SetDefaultExpectTimeout(StepTimeoutMilliseconds);
        if (Chromium.ExecutablePath is not { } executable)
        {
            return; // The tests are skipped, or fail with the reason on CI (see NewPageAsync).
        }

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Args = Chromium.Arguments,
            Headless = true,
        });
    }

    /// <summary>A fresh context (its own storage and history) the size of a phone, in Japanese.</summary>
    public async Task<IBrowserContext> NewContextAsync()
    {
        if (_browser is null)
        {
            throw new InvalidOperationException(Chromium.MissingMessage);
        }

        var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            Locale = "ja-JP",
            TimezoneId = "Asia/Tokyo",
        });
        context.SetDefaultTimeout(StepTimeoutMilliseconds);
        return context;
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await Server.DisposeAsync();
    }
}
