using Zhizao.Core.Points;
using Zhizao.Core.Storage;

namespace Zhizao.Ingestion.Tests;

/// <summary>
/// The real store with a hand on its point writes: they can be made to fail, or held until released,
/// to see how the pipeline behaves when storage breaks or falls behind.
/// </summary>
internal sealed class ControlledStore(IStore inner) : IStore, IPointStore
{
    private TaskCompletionSource _writeEntered = NewSignal();
    private TaskCompletionSource? _gate;

    /// <summary>When true, every point write throws before reaching the real store.</summary>
    public bool FailWrites { get; set; }

    public string Backend => inner.Backend;

    public IPointStore Points => this;

    public IMetadataStore Metadata => inner.Metadata;

    public IDocumentStore Documents => inner.Documents;

    public IAuditStore Audit => inner.Audit;

    /// <summary>Holds every write until <see cref="Release"/>; returns a task that completes when a write is waiting.</summary>
    public Task HoldWrites()
    {
        _writeEntered = NewSignal();
        _gate = NewSignal();
        return _writeEntered.Task;
    }

    /// <summary>Lets held writes go on.</summary>
    public void Release() => _gate?.TrySetResult();

    public async Task<WriteResult> WriteAsync(IReadOnlyList<DataPoint> points, CancellationToken cancellationToken)
    {
        _writeEntered.TrySetResult();
        if (_gate is { } gate)
            await gate.Task.WaitAsync(cancellationToken);
        if (FailWrites)
            throw new IOException("disk unplugged");
        return await inner.Points.WriteAsync(points, cancellationToken);
    }

    public Task<RawPage> ReadRawAsync(int signalId, long fromMicros, long toMicros, int limit, long? afterMicros, CancellationToken cancellationToken) =>
        inner.Points.ReadRawAsync(signalId, fromMicros, toMicros, limit, afterMicros, cancellationToken);

    public Task<IReadOnlyList<AggregateBucket>> ReadAggregatesAsync(int signalId, long fromMicros, long toMicros, long bucketMicros, CancellationToken cancellationToken) =>
        inner.Points.ReadAggregatesAsync(signalId, fromMicros, toMicros, bucketMicros, cancellationToken);

    public Task<IReadOnlyList<LatestValue>> ReadLatestAsync(IReadOnlyCollection<int> signalIds, CancellationToken cancellationToken) =>
        inner.Points.ReadLatestAsync(signalIds, cancellationToken);

    public Task<long> CountAsync(CancellationToken cancellationToken) => inner.Points.CountAsync(cancellationToken);

    public Task InitializeAsync(CancellationToken cancellationToken) => inner.InitializeAsync(cancellationToken);

    public Task<bool> IsReadyAsync(CancellationToken cancellationToken) => inner.IsReadyAsync(cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
