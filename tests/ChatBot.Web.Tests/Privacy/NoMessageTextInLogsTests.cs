using ChatBot.Web.Tests.DirectLine;
using ChatBot.Web.Tests.Hosting;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatBot.Web.Tests.Privacy;

/// <summary>
/// Logs carry no message text, ever: a whole conversation over Direct Line, including a turn that
/// fails with an exception quoting the input, is captured at the most verbose level and searched.
/// </summary>
public sealed class NoMessageTextInLogsTests
{
    private static readonly string[] Typed =
    [
        "自分のこと",
        "夜になると眠れなくて、ずっと部屋にいます",
        "母とはもう三年話していません",
        "ここだけの話、合言葉はユキヤナギ",
        "SECRET-CANARY 壊れてしまえ",
    ];

    [Fact]
    public async Task Full_conversation_including_an_error_leaves_no_typed_text_in_any_log_line()
    {
        var capture = new CapturingLoggerProvider();
        await using var server = ChatBotServer.Start(
            new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Trace" },
            services =>
            {
                services.AddSingleton<ILoggerProvider>(capture);
                var original = services.Last(d => d.ServiceType == typeof(IBot));
                services.Add(ServiceDescriptor.Singleton<IBot>(sp => new FailsOnCanary((IBot)ActivatorUtilities.CreateInstance(sp, original.ImplementationType!))));
            });
        using var http = server.CreateClient();
        var client = await DirectLineTestClient.StartAsync(http);

        var i = 0;
        foreach (var text in Typed)
        {
            await client.SayAsync(text, $"c{i++}");
        }

        var transcript = await client.WaitForTranscriptAsync(a => a.Count >= 1 + (Typed.Length * 2));

        Assert.Contains(transcript, a => DirectLineTestClient.Text(a!).Contains("ごめんなさい", StringComparison.Ordinal));
        Assert.Contains(capture.Lines, l => l.Contains("Turn failed", StringComparison.Ordinal));
        var everything = capture.AllText();
        foreach (var text in Typed)
        {
            Assert.DoesNotContain(text, everything, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("SECRET-CANARY", everything, StringComparison.Ordinal);
    }

    private sealed class FailsOnCanary(IBot inner) : IBot
    {
        public Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
        {
            var text = turnContext.Activity.Text;
            if (text is not null && text.Contains("SECRET-CANARY", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"Could not understand '{text}'", new FormatException($"Bad input: {text}"));
            }

            return inner.OnTurnAsync(turnContext, cancellationToken);
        }
    }
}
