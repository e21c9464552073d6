using System.Threading.Channels;
using ChatBot.Core.Bot;
using Microsoft.Bot.Builder;

namespace ChatBot.Web.Channels.Line;

/// <summary>
/// Works through the LINE inbox after the webhook has answered 200. Each user's events go to the same
/// lane, so they are handled in order; different users' events run in parallel on other lanes. Events
/// still in the inbox at start (the service stopped mid-way) are handled first, so none is lost.
/// </summary>
internal sealed partial class LineInboxProcessor(LineStore store, LineAdapter adapter, IBot bot, ILogger<LineInboxProcessor> logger) : BackgroundService
{
    private const int Lanes = 8;
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly Channel<LineInboxItem>[] _lanes = [.. Enumerable.Range(0, Lanes).Select(_ => Channel.CreateUnbounded<LineInboxItem>(new UnboundedChannelOptions { SingleReader = true }))];
    private int _inFlight;

    /// <summary>Called by the webhook after it stored new events.</summary>
    public void Wake() => _wake.Writer.TryWrite(true);

    /// <summary>True when nothing is queued or running (for tests and orderly shutdown).</summary>
    public bool IsIdle => Volatile.Read(ref _inFlight) == 0 && !_wake.Reader.TryPeek(out _);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var workers = _lanes.Select(lane => RunLaneAsync(lane.Reader, stoppingToken)).ToArray();
        long dispatched = 0;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var items = await store.ReadInboxAsync(dispatched, 200, stoppingToken);
                foreach (var item in items)
                {
                    Interlocked.Increment(ref _inFlight);
                    var lane = (int)((uint)StringComparer.Ordinal.GetHashCode(item.UserKey) % Lanes);
                    await _lanes[lane].Writer.WriteAsync(item, stoppingToken);
                    dispatched = item.Id;
                }

                if (items.Count < 200)
                {
                    await _wake.Reader.ReadAsync(stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: unhandled events stay in the inbox for the next start.
        }

        foreach (var lane in _lanes)
        {
            lane.Writer.TryComplete();
        }

        await Task.WhenAll(workers);
    }

    private async Task RunLaneAsync(ChannelReader<LineInboxItem> reader, CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var item in reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await adapter.ProcessEventAsync(item, bot, stoppingToken);
                    await store.CompleteAsync(item.Id, stoppingToken);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception ex)
                {
                    // One broken event must not block the person's later ones; the error is logged without text.
                    LogEventFailed(logger, new WithheldMessageException(ex), item.Id);
                    await store.CompleteAsync(item.Id, CancellationToken.None);
                }
                finally
                {
                    Interlocked.Decrement(ref _inFlight);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    [LoggerMessage(EventId = 2210, Level = LogLevel.Error, Message = "LINE inbox item {InboxId} could not be handled")]
    private static partial void LogEventFailed(ILogger logger, Exception exception, long inboxId);
}
