using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Threading.Channels;

namespace ChatBot.Web.Channels.DirectLine;

/// <summary>One frame for the WebSocket stream: a serialised ActivitySet and, for logged activities, its sequence.</summary>
internal sealed record StreamFrame(long? Sequence, string Json);

/// <summary>
/// Fans activities out to the WebSockets open on a conversation (this process). A subscriber that falls
/// too far behind is cut off rather than buffered without limit: its socket closes, the client reconnects
/// with its watermark and the log replays what it missed, so nothing is lost.
/// </summary>
internal sealed class DirectLineStreams
{
    private const int SubscriberCapacity = 256;
    private readonly ConcurrentDictionary<string, ImmutableList<ChannelWriter<StreamFrame>>> _subscribers = new(StringComparer.Ordinal);

    public (ChannelReader<StreamFrame> Reader, IDisposable Subscription) Subscribe(string conversationId)
    {
        var channel = Channel.CreateBounded<StreamFrame>(new BoundedChannelOptions(SubscriberCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _subscribers.AddOrUpdate(conversationId, _ => [channel.Writer], (_, list) => list.Add(channel.Writer));
        return (channel.Reader, new Subscription(this, conversationId, channel.Writer));
    }

    public int SubscriberCount(string conversationId) =>
        _subscribers.TryGetValue(conversationId, out var list) ? list.Count : 0;

    public void Publish(string conversationId, StreamFrame frame)
    {
        if (!_subscribers.TryGetValue(conversationId, out var list))
        {
            return;
        }

        foreach (var writer in list)
        {
            if (!writer.TryWrite(frame))
            {
                // Full: end this subscriber's stream; the client will reconnect and replay from its watermark.
                writer.TryComplete(new ChannelClosedException("The subscriber fell behind."));
            }
        }
    }

    private void Remove(string conversationId, ChannelWriter<StreamFrame> writer)
    {
        while (_subscribers.TryGetValue(conversationId, out var list))
        {
            var updated = list.Remove(writer);
            var done = updated.IsEmpty
                ? _subscribers.TryRemove(new KeyValuePair<string, ImmutableList<ChannelWriter<StreamFrame>>>(conversationId, list))
                : _subscribers.TryUpdate(conversationId, updated, list);
            if (done)
            {
                return;
            }
        }
    }

    private sealed class Subscription(DirectLineStreams owner, string conversationId, ChannelWriter<StreamFrame> writer) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                writer.TryComplete();
                owner.Remove(conversationId, writer);
            }
        }
    }
}
