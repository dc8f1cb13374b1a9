using System.Collections.Concurrent;
using Zhizao.Core.Ingestion;
using Zhizao.Core.Points;

namespace Zhizao.Connectors.Mqtt.Tests.Infrastructure;

/// <summary>
/// A test double of the ingestion pipeline that records what it is given. <see cref="OnIngest"/> lets a test hold or fail a call
/// (the real pipeline is exercised end to end by the Server's tests).
/// </summary>
internal sealed class RecordingIngestor : IPointIngestor
{
    private readonly ConcurrentQueue<IncomingPoint> points = new();
    private readonly ConcurrentQueue<(IncomingPoint[] Points, string Source)> calls = new();
    private readonly ConcurrentQueue<RejectedPoint> rejections = new();

    /// <summary>Runs before a call is recorded; its task decides when (and whether) the call completes.</summary>
    public Func<IReadOnlyList<IncomingPoint>, CancellationToken, Task>? OnIngest { get; set; }

    public IReadOnlyCollection<IncomingPoint> Points => points;

    public IReadOnlyCollection<(IncomingPoint[] Points, string Source)> Calls => calls;

    public IReadOnlyCollection<RejectedPoint> Rejections => rejections;

    public async Task<IngestResult> IngestAsync(IReadOnlyList<IncomingPoint> batch, string source, CancellationToken cancellationToken)
    {
        if (OnIngest is { } hook)
            await hook(batch, cancellationToken);
        var copy = batch.ToArray();
        calls.Enqueue((copy, source));
        foreach (var point in copy)
            points.Enqueue(point);
        return new IngestResult(copy.Length, 0, 0, []);
    }

    public Task RejectPayloadAsync(RejectedPoint rejection, CancellationToken cancellationToken)
    {
        rejections.Enqueue(rejection);
        return Task.CompletedTask;
    }
}
