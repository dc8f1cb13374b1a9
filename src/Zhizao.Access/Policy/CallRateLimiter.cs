using System.Threading.RateLimiting;
using Zhizao.Core.Access;

namespace Zhizao.Access.Policy;

/// <summary>Calls allowed per principal: a token bucket per principal id (System.Threading.RateLimiting).</summary>
public sealed class RateLimitOptions
{
    /// <summary>Bucket size: calls a principal may make in a burst.</summary>
    public int Burst { get; set; } = 60;

    /// <summary>Calls added back to the bucket per second.</summary>
    public double PerSecond { get; set; } = 10;

    /// <summary>Problems with the values; empty when valid.</summary>
    public IEnumerable<string> Validate()
    {
        if (Burst is < 1 or > 100_000)
            yield return "RateLimit:Burst must be between 1 and 100000";
        if (PerSecond is <= 0 or > 100_000)
            yield return "RateLimit:PerSecond must be above 0 and at most 100000";
    }
}

/// <summary>Refuses calls beyond a principal's rate; other principals are not affected (one bucket each).</summary>
public sealed class CallRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;
    private readonly RateLimitOptions _options;

    /// <summary>Creates the limiter.</summary>
    public CallRateLimiter(RateLimitOptions options)
    {
        _options = options;
        // Fast rates replenish every 100 ms to keep bursts smooth; slow ones (below 10/s) one token per 1/rate seconds, so that a rate of
        // 0.1/s really is one call every ten seconds after the burst.
        var period = options.PerSecond >= 10 ? TimeSpan.FromMilliseconds(100) : TimeSpan.FromSeconds(1 / options.PerSecond);
        var perPeriod = Math.Max(1, (int)Math.Round(options.PerSecond * period.TotalSeconds));
        _limiter = PartitionedRateLimiter.Create<string, string>(id => RateLimitPartition.GetTokenBucketLimiter(id, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = options.Burst,
            TokensPerPeriod = perPeriod,
            ReplenishmentPeriod = period,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
    }

    /// <summary>Takes one call from the principal's bucket; a refusal when it is empty.</summary>
    public Refusal? TryAcquire(Principal caller)
    {
        using var lease = _limiter.AttemptAcquire(caller.Id);
        return lease.IsAcquired
            ? null
            : new Refusal(RefusalTypes.RateLimited, $"'{caller.Id}' exceeded {_options.Burst} calls in a burst ({_options.PerSecond:0.##}/s sustained); retry later", 429);
    }

    /// <inheritdoc />
    public void Dispose() => _limiter.Dispose();
}
