using ChatBot.Core.Handoff;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ChatBot.Web.Tests.Browser;

/// <summary>
/// The handoff in two browsers: a resident in Web Chat at <c>/</c> (phone size) and a counsellor in the console at
/// <c>/console</c> (laptop size). The resident asks for a person and consents; the counsellor signs in, claims,
/// both write, the counsellor closes. Screenshots of the console (laptop, tablet, English) are saved as artifacts.
/// </summary>
[Collection(BrowserFixture.Collection)]
public sealed class HandoffBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string Password = "correct horse battery staple";

    [ChromiumFact]
    public async Task Resident_in_web_chat_and_counsellor_in_the_console_talk_end_to_end()
    {
        await fixture.Server.Services.GetRequiredService<ICounsellorDirectory>()
            .CreateAsync("sato", "佐藤", CounsellorRole.Counsellor, Password, CancellationToken.None);

        await using var residentContext = await fixture.NewContextAsync();
        var resident = await ChatTab.OpenAsync(residentContext, fixture.Server.BaseAddress);
        await resident.WaitForGreetingAsync();

        await using var counsellorContext = await fixture.NewContextAsync();
        var console = await ChatTab.OpenAsync(counsellorContext, fixture.Server.BaseAddress, "/console");
        await console.Page.SetViewportSizeAsync(1366, 768);
        await console.Page.Locator("#username").FillAsync("sato");
        await console.Page.Locator("#password").FillAsync(Password);
        await console.Page.Locator("#login-button").ClickAsync();
        await Assertions.Expect(console.Page.Locator("#me")).ToHaveTextAsync("佐藤");
        await Assertions.Expect(console.Page.Locator("#live")).ToHaveTextAsync("ライブ");

        // The resident first writes something the triage reads as high risk, and gets the gentle aside.
        var firstBox = resident.Page.Locator("[data-id='webchat-sendbox-input']");
        await firstBox.FillAsync("消えてしまいたいと思うことがある");
        await firstBox.PressAsync("Enter");
        await Assertions.Expect(Bubble(resident, "つらい気持ちを書いてくれて")).ToBeVisibleAsync();

        // The resident asks for a person and, after reading what will be shared, agrees.
        await resident.ChooseAsync("人と話したい");
        await Assertions.Expect(Bubble(resident, "相談員につなぐ前に")).ToBeVisibleAsync();
        await resident.ChooseAsync("つないでほしい");
        await Assertions.Expect(Bubble(resident, "1番目")).ToBeVisibleAsync();

        // The entry appears in the console without a reload; the counsellor takes it.
        var entry = console.Page.Locator("#queue .entry").First;
        await Assertions.Expect(entry).ToBeVisibleAsync();
        await entry.ClickAsync();
        await console.Page.Locator("#claim").ClickAsync();
        await Assertions.Expect(console.Page.Locator("#composer")).ToBeVisibleAsync();
        await Assertions.Expect(Bubble(resident, "相談員の佐藤さんが入りました")).ToBeVisibleAsync();
        // The counsellor sees that message's risk and what raised it (rule ids, never the text there).
        await Assertions.Expect(console.Page.Locator("#v-triage li", new() { HasText = "根拠" }).First).ToContainTextAsync("ja.");

        await console.Page.Locator("#message").FillAsync("はじめまして、相談員の佐藤です。");
        await console.Page.Locator("#send").ClickAsync();
        await Assertions.Expect(Bubble(resident, "はじめまして、相談員の佐藤です。")).ToBeVisibleAsync();

        var sendBox = resident.Page.Locator("[data-id='webchat-sendbox-input']");
        await sendBox.FillAsync("よろしくお願いします。夜になると眠れなくて");
        await sendBox.PressAsync("Enter");
        await Assertions.Expect(console.Page.Locator("#transcript .from-person", new() { HasText = "夜になると眠れなくて" })).ToBeVisibleAsync();

        await console.Page.Locator("#message").FillAsync("話してくれてありがとうございます。ゆっくりで大丈夫です。");
        await console.Page.Locator("#send").ClickAsync();
        await Assertions.Expect(Bubble(resident, "ゆっくりで大丈夫です。")).ToBeVisibleAsync();
        await Assertions.Expect(console.Page.Locator("#transcript .from-counsellor")).ToHaveCountAsync(2);

        // A window of the catalog, chosen in the console with a preview of the message, arrives as the counsellor's.
        await console.Page.Locator("#resources summary").ClickAsync();
        await console.Page.Locator("#resource").SelectOptionAsync("khj");
        await Assertions.Expect(console.Page.Locator("#resource-preview")).ToContainTextAsync("KHJ");
        await console.Page.Locator("#send-resource").ClickAsync();
        await Assertions.Expect(Bubble(resident, "KHJ全国ひきこもり家族会連合会")).ToBeVisibleAsync();
        await Assertions.Expect(console.Page.Locator("#transcript .from-counsellor")).ToHaveCountAsync(3);
        await console.Page.Locator("#resources summary").ClickAsync();

        await console.ScreenshotAsync("console-laptop.png");
        await console.Page.SetViewportSizeAsync(820, 1180);
        await console.ScreenshotAsync("console-tablet.png");
        await console.Page.SetViewportSizeAsync(1366, 768);
        await console.Page.Locator("#lang").ClickAsync();
        await Assertions.Expect(console.Page.Locator("h1")).ToHaveTextAsync("Counsellor console");
        await Assertions.Expect(console.Page.Locator("#live")).ToHaveTextAsync("Live");
        await Assertions.Expect(console.Page.Locator("#claim")).ToBeHiddenAsync();
        await Assertions.Expect(console.Page.Locator("#transcript .from-counsellor")).ToHaveCountAsync(3);
        await Assertions.Expect(console.Page.Locator("#v-state")).ToContainTextAsync("Held by: you");
        await console.ScreenshotAsync("console-english.png");
        await console.Page.Locator("#lang").ClickAsync();
        await resident.ScreenshotAsync("resident-with-counsellor.png");

        // The counsellor closes with a closing message; the bot takes the conversation back.
        await console.Page.Locator("#close").ClickAsync();
        await console.Page.Locator("#closing").FillAsync("今日は話してくれてありがとうございました。");
        await console.Page.Locator("#close-form button[type=submit]").ClickAsync();
        await Assertions.Expect(Bubble(resident, "今日は話してくれてありがとうございました。")).ToBeVisibleAsync();
        await Assertions.Expect(Bubble(resident, "相談員との会話を終わります")).ToBeVisibleAsync();
        await Assertions.Expect(console.Page.Locator("#v-state")).ToContainTextAsync("終了");

        console.AssertCleanRun();
        resident.AssertCleanRun();
    }

    /// <summary>The last Web Chat bubble holding the text (Web Chat also repeats it in hidden screen-reader labels).</summary>
    private static ILocator Bubble(ChatTab tab, string text) => tab.Page.Locator(".webchat__bubble", new() { HasText = text }).Last;
}
