using ChatBot.Web.Tests.Console;
using ChatBot.Web.Tests.DirectLine;
using ChatBot.Web.Tests.Hosting;
using ChatBot.Web.Tests.Privacy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatBot.Web.Tests.Callback;

/// <summary>The call-back path — the one place a contact is kept on purpose — writes it to no log line, at the most verbose level.</summary>
public sealed class CallbackLogPrivacyTests
{
    private static readonly string[] Forms = ["080-9876-5432", "08098765432", "9876-5432", "98765432", "hanako.cb@example.jp", "hanako.cb"];

    [Fact]
    public async Task Leaving_revealing_and_closing_a_contact_leaves_no_form_of_it_in_any_log_line()
    {
        var capture = new CapturingLoggerProvider();
        await using var server = ChatBotServer.Start(
            new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Trace" },
            services => services.AddSingleton<ILoggerProvider>(capture));
        await ConsoleTestClient.CreateCounsellorAsync(server, "sato", "佐藤");
        using var http = server.CreateClient();
        using var sato = await ConsoleTestClient.SignedInAsync(server, "sato");

        foreach (var (contact, n) in new[] { ("０８０－９８７６－５４３２", 1), ("hanako.cb@example.jp です", 2) })
        {
            var resident = await DirectLineTestClient.StartAsync(http);
            await resident.SayAndWaitAsync("折り返し連絡がほしい");
            await resident.SayAndWaitAsync("同意する", $"c{n}a");
            await resident.SayAndWaitAsync("あいうえお", $"c{n}b");
            await resident.SayAndWaitAsync(contact, $"c{n}c");
            await resident.SayAndWaitAsync("いつでも", $"c{n}d");
        }

        foreach (var item in (await sato.GetAsync("/api/console/callbacks")).Body!.AsArray())
        {
            var id = (string)item!["id"]!;
            await sato.PostAsync($"/api/console/callbacks/{id}/claim");
            var (_, revealed) = await sato.PostAsync($"/api/console/callbacks/{id}/reveal");
            Assert.NotNull((string?)revealed!["contact"]);
            await sato.PostAsync($"/api/console/callbacks/{id}/close", new System.Text.Json.Nodes.JsonObject { ["outcome"] = "not-reached" });
        }

        Assert.Contains(capture.Lines, l => l.Contains("Call-back contact (phone) taken encrypted", StringComparison.Ordinal));
        Assert.Contains(capture.Lines, l => l.Contains("contact revealed to its holder", StringComparison.Ordinal));
        var everything = capture.AllText();
        foreach (var form in Forms)
        {
            Assert.DoesNotContain(form, everything, StringComparison.Ordinal);
        }
    }
}
