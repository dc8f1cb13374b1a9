using System.Threading.RateLimiting;
using Zhizao.Access.Audit;
using Zhizao.Core.Access;

namespace Zhizao.Server.Security;

/// <summary>
/// Records refused credentials (forged, expired or revoked tokens, unknown API keys) in the audit log. A flood of bad credentials from
/// one address must not flood the log: each remote address may add 20 entries at once and one per second after that; refusals beyond
/// that are still refused, and counted in <see cref="Dropped"/> instead of logged one by one.
/// </summary>
public sealed partial class AuthenticationAudit(AuditLog audit, ILogger<AuthenticationAudit> logger) : IDisposable
{
    private static readonly Principal Anonymous = new("anonymous", "anonymous", PrincipalKind.Person, "", "", [], [], []);

    private readonly PartitionedRateLimiter<string> _perAddress = PartitionedRateLimiter.Create<string, string>(address =>
        RateLimitPartition.GetTokenBucketLimiter(address, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = 20,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    private long _dropped;

    /// <summary>Refusals not written because their address exceeded its share.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Audits one refused credential (or counts it when its address is flooding).</summary>
    public async Task RecordAsync(HttpContext context, string reason, CancellationToken cancellationToken)
    {
        var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        using var lease = _perAddress.AttemptAcquire(address);
        if (!lease.IsAcquired)
        {
            if (Interlocked.Increment(ref _dropped) % 1000 == 1)
                LogFlood(logger, address, Dropped);
            return;
        }
        var code = reason.Split(':', 2)[0];
        await audit.AppendAsync(AuditEvent.For(Anonymous, "http", "authenticate", context.Request.Path.Value ?? "/", AuditDecisions.Denied)
            with { Reason = code, Message = $"from {address}: {reason}" }, cancellationToken);
    }

    /// <inheritdoc />
    public void Dispose() => _perAddress.Dispose();

    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "Refused credentials from {Address} exceed the audit share; {Dropped} refusals counted, not logged")]
    private static partial void LogFlood(ILogger logger, string address, long dropped);
}
