using ChatBot.Core.Retention;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Cli;

/// <summary><c>chatbot purge</c>: deletes what has outlived its retention, as the service does every hour.</summary>
internal sealed class PurgeCommand : ICliCommand
{
    public string Name => "purge";

    public string Usage => "purge                          delete conversations and records past their retention (Retention:* settings)";

    public async Task<int> RunAsync(CliContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Args.Length > 0)
        {
            await context.Error.WriteLineAsync("usage: chatbot purge");
            return 2;
        }

        await using var services = await CliServices.BuildAsync(context.Configuration, cancellationToken);
        var report = await services.GetRequiredService<RetentionPurge>().RunOnceAsync(cancellationToken);
        await context.Out.WriteLineAsync(
            $"purged {report.ItemsDeleted} items: conversations inactive before {report.ConversationCutoff:yyyy-MM-dd HH:mm}Z, records before {report.RecordCutoff:yyyy-MM-dd}.");
        return 0;
    }
}
