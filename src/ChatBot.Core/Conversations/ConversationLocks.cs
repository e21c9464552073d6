namespace ChatBot.Core.Conversations;

/// <summary>
/// Turns of one conversation run one at a time and in arrival order (a user message and a proactive
/// counsellor message must not interleave). A fixed set of striped locks keeps memory bounded however
/// many conversations there are. Locks are not re-entrant: a component that calls into another one
/// holding its own instance (the counsellor desk sending through a channel adapter) must use a separate instance.
/// </summary>
public sealed class ConversationLocks
{
    private readonly SemaphoreSlim[] _locks = Enumerable.Range(0, 256).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    public async Task<IDisposable> AcquireAsync(string conversationId, CancellationToken cancellationToken)
    {
        var gate = _locks[(StringComparer.Ordinal.GetHashCode(conversationId) & int.MaxValue) % _locks.Length];
        await gate.WaitAsync(cancellationToken);
        return new Releaser(gate);
    }

    private sealed class Releaser(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
