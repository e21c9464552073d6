using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ChatBot.Core.Privacy;

/// <summary>
/// Loads everything privacy depends on before the service takes its first message — the notice in every
/// language, the redaction data, the pseudonym key — so a missing file or a bad setting stops the start
/// with a clear message instead of failing a person's first turn. It also runs the local redactor once
/// over a sample, so its patterns are built before the first person writes, not while they wait.
/// </summary>
internal sealed class PrivacyStartupCheck(IServiceProvider services) : IHostedService
{
    private const string Sample =
        "山田といいます。電話は090-1234-5678、メールはyamada@example.jp、〒223-0061 横浜市港北区日吉1-2-3、"
        + "LINE ID: yamada_1、https://x.com/yamada、4111 1111 1111 1111。I'm Maria, call me at +81 90 1234 5678.";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = services.GetRequiredService<IPrivacyNotice>();
        _ = services.GetRequiredService<IRedactor>();
        _ = services.GetRequiredService<IPseudonymizer>();
        var spans = services.GetRequiredService<LocalRedactor>().Find(Sample);
        if (spans.Count == 0)
        {
            throw new InvalidOperationException("The local redactor found nothing in its start-up sample; the redaction data is not usable.");
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
