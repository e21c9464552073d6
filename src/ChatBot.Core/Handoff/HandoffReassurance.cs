using System.Globalization;
using ChatBot.Core.Bot;
using ChatBot.Core.Conversations;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Core.Handoff;

/// <summary>
/// Tells each person waiting in the queue their place and a kind word, at most every
/// <see cref="HandoffOptions.ReassuranceInterval"/> (their own messages' acknowledgements count too).
/// People who left a message while nobody was on duty are not written to again: the queue keeps their message.
/// </summary>
internal sealed partial class HandoffReassurance(
    HandoffStore store,
    HandoffTexts texts,
    IConversationMessenger messenger,
    IOptions<HandoffOptions> options,
    TimeProvider time,
    ILogger<HandoffReassurance> logger) : BackgroundService
{
    /// <summary>One pass over the queue; returns how many people were reassured.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var waiting = await store.WaitingAsync(cancellationToken);
        var now = time.GetUtcNow();
        var sent = 0;
        for (var i = 0; i < waiting.Count; i++)
        {
            var entry = waiting[i];
            var last = entry.LastReassuredAt ?? entry.WaitingSince;
            if (entry.LeftMessage || now - last < options.Value.ReassuranceInterval)
            {
                continue;
            }

            if (!await store.MarkReassuredAsync(entry.Id, entry.LastReassuredAt, now, cancellationToken))
            {
                continue; // Claimed, cancelled or acknowledged in the meantime.
            }

            var set = texts.For(entry.Locale);
            var text = HandoffTexts.Fill(set.Queue.Reassurance, ("position", (i + 1).ToString(CultureInfo.InvariantCulture)));
            var message = (Microsoft.Bot.Schema.Activity)MessageFactory.SuggestedActions([set.Queue.Cancel], text, ssml: null, inputHint: null);
            message.Locale = entry.Locale;
            try
            {
                await messenger.SendAsync(entry.ConversationId, [message], cancellationToken);
                sent++;
            }
            catch (KeyNotFoundException)
            {
                // The person closed the chat: they are no longer waiting.
                await store.EndAsync(entry.Id, HandoffState.Waiting, HandoffState.Cancelled, "system", holder: null, now, cancellationToken);
            }
        }

        return sent;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ReassuranceCheckInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, new WithheldMessageException(ex));
            }
        }
    }

    [LoggerMessage(EventId = 4400, Level = LogLevel.Warning, Message = "Reassuring the people waiting failed; it is tried again at the next check")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
