using Zhizao.Core.Agents;
using Zhizao.Core.Points;

namespace Zhizao.Ingestion.Tests;

/// <summary>A stream subscriber that fails on every batch, as a broken agent would.</summary>
internal sealed class ThrowingSubscriber : IPointStreamSubscriber
{
    public ValueTask OnPointsAsync(IReadOnlyList<DataPoint> points, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("agent bug");
}
