using Microsoft.Extensions.Diagnostics.HealthChecks;
using Zhizao.Core.Storage;

namespace Zhizao.Server.Hosting;

/// <summary>Ready when start-up has finished and the store answers.</summary>
public sealed class StoreHealthCheck(IStore store, PlatformState state) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!state.IsStarted)
            return HealthCheckResult.Unhealthy("starting");
        return await store.IsReadyAsync(cancellationToken) ? HealthCheckResult.Healthy($"{store.Backend} store ready") : HealthCheckResult.Unhealthy($"{store.Backend} store not answering");
    }
}
