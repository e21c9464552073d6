using ChatBot.Core.Handoff;
using ChatBot.Web.Tests.Console;
using ChatBot.Web.Tests.DirectLine;
using ChatBot.Web.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatBot.Web.Tests.Privacy;

/// <summary>
/// Issue 5: "After a scripted conversation full of personal details, a search of the SQLite file's bytes, the
/// log output and every request sent to a fake AI endpoint finds none of them." The real host, with the AI
/// helpers pointed at a fake OpenAI-compatible endpoint on loopback and the risk second opinion on (so every
/// message reaches it), a Direct Line conversation, and a handoff with consent (so the summary is requested).
/// </summary>
public sealed class PersonalDetailsTests
{
    private const string Summary = "家族（母親）から、部屋から出てこない息子についての相談。\n疲れていて、どうしたらいいか知りたい。";

    [Fact]
    public async Task Personal_details_reach_neither_the_database_nor_the_logs_nor_the_AI_endpoint()
    {
        await using var ai = await FakeChatCompletions.StartAsync(r => r.Text.Contains("記録係", StringComparison.Ordinal) ? Summary : "normal");
        var logs = new CapturingLoggerProvider();
        await using var server = ChatBotServer.Start(
            new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Trace",
                ["Ai:Endpoint"] = ai.Endpoint,
                ["Ai:ApiKey"] = "test-key",
                ["Ai:Model"] = "test-model",
                ["Ai:Timeout"] = "00:00:30",
                ["Ai:RiskSecondOpinion"] = "true",
                ["Ai:RiskSecondOpinionTimeout"] = "00:00:15",
            },
            services => services.AddSingleton<ILoggerProvider>(logs));
        using var http = server.CreateClient();
        await ConsoleTestClient.CreateCounsellorAsync(server, "sato", "佐藤");
        using var counsellor = await ConsoleTestClient.SignedInAsync(server, "sato");
        var client = await DirectLineTestClient.StartAsync(http);
        await client.WaitForGreetingAsync();

        await PersonalDetailsScript.SayAllAsync(client);
        await client.SayAsync("人と話したい", "ask");
        await client.WaitForTranscriptAsync(a => a.Any(x => DirectLineTestClient.Text(x!).Contains("相談員につなぐ前に", StringComparison.Ordinal)));
        await client.SayAsync("つないでほしい", "consent");
        var entry = await WaitForHandoffAsync(server, client.ConversationId);

        // The AI was used: one second opinion per message, and the summary the counsellor reads.
        var requests = ai.Requests.ToList();
        Assert.All(requests, r => Assert.Equal("Bearer test-key", r.Authorization));
        // Every message the bot reads gets a second opinion: the script's, and 「人と話したい」 (the consent answer is the handoff's).
        Assert.Equal(PersonalDetailsScript.Messages.Length + 1, requests.Count(r => r.Text.Contains("判定するメッセージ", StringComparison.Ordinal)));
        Assert.Single(requests, r => r.Text.Contains("記録係", StringComparison.Ordinal));
        Assert.Equal("AI要約：" + Summary, entry.Summary);

        // What was sent, stored and logged is the redacted text: the placeholders arrived, the details did not.
        var sent = string.Join('\n', requests.Select(r => r.Text + '\n' + r.RawBody));
        var logged = logs.AllText();
        foreach (var placeholder in PersonalDetailsScript.Placeholders)
        {
            Assert.Contains(placeholder, sent, StringComparison.Ordinal);
            Assert.True(await DatabaseFiles.ContainAsync(server, placeholder), $"the database should hold the redacted text with {placeholder}");
        }

        Assert.Empty(PersonalDetailsScript.FoundIn(sent));
        Assert.Empty(PersonalDetailsScript.FoundIn(logged));
        foreach (var detail in PersonalDetailsScript.Details)
        {
            Assert.False(await DatabaseFiles.ContainAsync(server, detail), $"the database files hold '{detail}'");
        }
    }

    [Fact]
    public async Task Nothing_is_sent_for_a_summary_when_the_person_declines_a_counsellor()
    {
        await using var ai = await FakeChatCompletions.StartAsync(_ => Summary);
        await using var server = ChatBotServer.Start(new Dictionary<string, string?>
        {
            ["Ai:Endpoint"] = ai.Endpoint,
            ["Ai:ApiKey"] = "test-key",
            ["Ai:Model"] = "test-model",
        });
        using var http = server.CreateClient();
        await ConsoleTestClient.CreateCounsellorAsync(server, "sato", "佐藤");
        using var counsellor = await ConsoleTestClient.SignedInAsync(server, "sato");
        var client = await DirectLineTestClient.StartAsync(http);
        await client.WaitForGreetingAsync();

        await client.SayAndWaitAsync("息子が部屋から出てきません");
        await client.SayAndWaitAsync("人と話したい");
        await client.SayAsync("まだいい", "decline");
        await client.WaitForTranscriptAsync(a => a.Any(x => DirectLineTestClient.Text(x!).Contains("つながなくても大丈夫です", StringComparison.Ordinal)));

        Assert.Empty(ai.Requests);
    }

    private static async Task<HandoffEntry> WaitForHandoffAsync(ChatBotServer server, string conversationId)
    {
        var store = server.Services.GetRequiredService<HandoffStore>();
        for (var i = 0; i < 150; i++)
        {
            if (await store.GetOpenAsync(conversationId, CancellationToken.None) is { } entry)
            {
                return entry;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The conversation never entered the handoff queue.");
    }
}
