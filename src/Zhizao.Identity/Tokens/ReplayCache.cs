namespace Zhizao.Identity.Tokens;

/// <summary>
/// Remembers used one-time identifiers (client assertion <c>jti</c>s) until they expire, bounded: when full of unexpired entries it
/// refuses new ones (fail closed) rather than forgetting one that could then be replayed. Thread-safe.
/// </summary>
internal sealed class ReplayCache(int capacity, TimeProvider time)
{
    private readonly Dictionary<string, DateTimeOffset> _used = new(StringComparer.Ordinal);
    private readonly PriorityQueue<string, DateTimeOffset> _expiries = new();
    private readonly Lock _gate = new();

    public enum Outcome
    {
        Fresh,
        Replayed,
        Full,
    }

    /// <summary>Records <paramref name="id"/> until <paramref name="expiresAt"/>; <see cref="Outcome.Replayed"/> when it is already recorded.</summary>
    public Outcome TryUse(string id, DateTimeOffset expiresAt)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            while (_expiries.TryPeek(out var oldest, out var at) && at <= now)
            {
                _expiries.Dequeue();
                if (_used.TryGetValue(oldest, out var recorded) && recorded <= now)
                    _used.Remove(oldest);
            }
            if (_used.TryGetValue(id, out var until) && until > now)
                return Outcome.Replayed;
            if (_used.Count >= capacity)
                return Outcome.Full;
            _used[id] = expiresAt;
            _expiries.Enqueue(id, expiresAt);
            return Outcome.Fresh;
        }
    }

    /// <summary>Entries held (expired ones go at the next <see cref="TryUse"/>).</summary>
    public int Count
    {
        get
        {
            lock (_gate)
                return _used.Count;
        }
    }
}
