using ChatBot.Core.Conversations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ChatBot.Web.Tests.Browser;

/// <summary>The page at <c>/</c> in a real chromium, with the official Web Chat bundle, against the real server.</summary>
[Collection(BrowserFixture.Collection)]
public sealed class WebChatPageBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [ChromiumFact]
    public async Task A_person_is_greeted_chooses_a_topic_keeps_the_conversation_on_reload_and_leaves_with_quick_exit()
    {
        await using var context = await fixture.NewContextAsync();
        var tab = await ChatTab.OpenAsync(context, fixture.Server.BaseAddress);

        await tab.WaitForGreetingAsync();
        await Assertions.Expect(tab.Page.Locator("html")).ToHaveAttributeAsync("lang", "ja");
        await Assertions.Expect(tab.Page.GetByRole(AriaRole.Link, new() { Name = "くわしく" })).ToHaveAttributeAsync("href", "/privacy");

        await tab.ChooseAsync("支援について知りたい");
        await tab.WaitForBotAnswerAfterAsync("支援について知りたい");
        var conversationId = await tab.StoredConversationIdAsync();
        Assert.False(string.IsNullOrEmpty(conversationId));
        Assert.Equal(0, await tab.LocalStorageCountAsync());

        // A reload in the same tab continues the same conversation, with its history.
        await tab.Page.ReloadAsync();
        await tab.WaitForBotAnswerAfterAsync("支援について知りたい");
        await Assertions.Expect(tab.Page.Locator(".webchat__bubble--from-user", new() { HasText = "支援について知りたい" })).ToHaveCountAsync(1);
        Assert.Equal(conversationId, await tab.StoredConversationIdAsync());
        await tab.ScreenshotAsync("webchat-conversation.png");

        await tab.QuickExitButton.ClickAsync();
        await tab.WaitForNeutralPageAsync();
        Assert.Equal(0, await tab.SessionStorageCountAsync());
        Assert.Equal(0, await tab.LocalStorageCountAsync());
        await WaitUntilEndedAsync(conversationId!);

        // Back does not bring the chat back: its history entry was replaced (behind it is the tab's blank start page).
        await tab.Page.GoBackAsync();
        Assert.DoesNotContain(fixture.Server.BaseAddress.Authority, tab.Page.Url, StringComparison.Ordinal);
        Assert.Equal(0, await tab.Page.Locator("#webchat").CountAsync());

        tab.AssertCleanRun();
    }

    [ChromiumFact]
    public async Task Pressing_Esc_twice_while_typing_leaves_the_chat()
    {
        await using var context = await fixture.NewContextAsync();
        var tab = await ChatTab.OpenAsync(context, fixture.Server.BaseAddress);
        await tab.WaitForGreetingAsync();
        var conversationId = await tab.StoredConversationIdAsync();

        var sendBox = tab.Page.Locator("[data-id='webchat-sendbox-input']");
        await sendBox.FillAsync("まだ送っていない文");
        await sendBox.PressAsync("Escape");
        await sendBox.PressAsync("Escape");

        await tab.WaitForNeutralPageAsync();
        Assert.Equal(0, await tab.SessionStorageCountAsync());
        await WaitUntilEndedAsync(conversationId!);
        tab.AssertCleanRun();
    }

    [ChromiumFact]
    public async Task On_the_privacy_notice_the_keyboard_reaches_quick_exit_first_and_Back_shows_no_chat()
    {
        await using var context = await fixture.NewContextAsync();
        var tab = await ChatTab.OpenAsync(context, fixture.Server.BaseAddress);
        await tab.WaitForGreetingAsync();
        var conversationId = await tab.StoredConversationIdAsync();

        await tab.Page.GetByRole(AriaRole.Link, new() { Name = "くわしく" }).ClickAsync();
        await Assertions.Expect(tab.Page.GetByRole(AriaRole.Heading, new() { Name = "プライバシーについて" })).ToBeVisibleAsync();

        await tab.Page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(tab.QuickExitButton).ToBeFocusedAsync();
        await tab.Page.Keyboard.PressAsync("Enter");

        await tab.WaitForNeutralPageAsync();
        Assert.Equal(0, await tab.SessionStorageCountAsync());
        await WaitUntilEndedAsync(conversationId!);

        // The notice replaced the chat in the tab's history, and the quick exit replaced the notice.
        await tab.Page.GoBackAsync();
        Assert.DoesNotContain(fixture.Server.BaseAddress.Authority, tab.Page.Url, StringComparison.Ordinal);
        tab.AssertCleanRun();
    }

    /// <summary>The end is posted with keepalive and may land just after the tab has moved on.</summary>
    private async Task WaitUntilEndedAsync(string conversationId)
    {
        var log = fixture.Server.Services.GetRequiredService<IConversationLog>();
        for (var attempt = 0; attempt < 300 && await log.IsOpenAsync(conversationId, CancellationToken.None); attempt++)
        {
            await Task.Delay(100);
        }

        Assert.False(await log.IsOpenAsync(conversationId, CancellationToken.None), "The quick exit did not end the conversation on the server.");
    }
}
