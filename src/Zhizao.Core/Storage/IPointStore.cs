using Zhizao.Core.Points;

namespace Zhizao.Core.Storage;

/// <summary>The outcome of a durable write.</summary>
/// <param name="Inserted">Points newly stored.</param>
/// <param name="Duplicates">Points whose signal and timestamp were already stored (ignored: writes are idempotent).</param>
public readonly record struct WriteResult(int Inserted, int Duplicates);

/// <summary>A page of raw points; pass <see cref="NextAfterMicros"/> back to read the next page.</summary>
public sealed record RawPage(IReadOnlyList<DataPoint> Points, long? NextAfterMicros);

/// <summary>Aggregates of one time bucket.</summary>
public readonly record struct AggregateBucket(long StartMicros, double Min, double Max, double Avg, double Last, long Count);

/// <summary>The most recent value of a signal.</summary>
public readonly record struct LatestValue(int SignalId, long TimestampMicros, double Value);

/// <summary>
/// Time-series storage. Implementations: the embedded DuckDB store (default) and PostgreSQL.
/// A write returns only when its points are durable: callers acknowledge clients after it completes.
/// </summary>
public interface IPointStore
{
    /// <summary>Stores points durably. Points with an already stored (signal, timestamp) are ignored and counted as duplicates.</summary>
    Task<WriteResult> WriteAsync(IReadOnlyList<DataPoint> points, CancellationToken cancellationToken);

    /// <summary>Raw points of one signal in [from, to), ordered by time, at most <paramref name="limit"/>, after the cursor if given.</summary>
    Task<RawPage> ReadRawAsync(int signalId, long fromMicros, long toMicros, int limit, long? afterMicros, CancellationToken cancellationToken);

    /// <summary>min/max/avg/last/count per bucket of <paramref name="bucketMicros"/>, buckets aligned to the Unix epoch.</summary>
    Task<IReadOnlyList<AggregateBucket>> ReadAggregatesAsync(int signalId, long fromMicros, long toMicros, long bucketMicros, CancellationToken cancellationToken);

    /// <summary>The latest value of each signal that has one.</summary>
    Task<IReadOnlyList<LatestValue>> ReadLatestAsync(IReadOnlyCollection<int> signalIds, CancellationToken cancellationToken);

    /// <summary>Total number of stored points (for health and benchmarks).</summary>
    Task<long> CountAsync(CancellationToken cancellationToken);
}
