using System.Diagnostics.Metrics;
using Zhizao.Core.Points;

namespace Zhizao.Ingestion;

/// <summary>
/// Ingestion metrics (meter "Zhizao.Ingestion"), exported for Prometheus by the server:
/// points accepted, duplicates, rejected by reason, queue depth, store write latency and batch size.
/// </summary>
public sealed class IngestionMetrics : IDisposable
{
    /// <summary>The meter name to enable in OpenTelemetry.</summary>
    public const string MeterName = "Zhizao.Ingestion";

    private readonly Meter _meter;
    private readonly Counter<long> _accepted;
    private readonly Counter<long> _duplicates;
    private readonly Counter<long> _rejected;
    private readonly Histogram<double> _writeLatency;
    private readonly Histogram<long> _batchSize;
    private long _queueDepth;
    private long _acceptedTotal;
    private long _rejectedTotal;

    public IngestionMetrics(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _accepted = _meter.CreateCounter<long>("zhizao.ingest.points.accepted", "{point}", "Points validated and stored durably");
        _duplicates = _meter.CreateCounter<long>("zhizao.ingest.points.duplicates", "{point}", "Points already stored (ignored)");
        _rejected = _meter.CreateCounter<long>("zhizao.ingest.points.rejected", "{point}", "Points rejected and quarantined, by reason");
        _writeLatency = _meter.CreateHistogram<double>("zhizao.store.write.duration", "ms", "Store write latency per batch");
        _batchSize = _meter.CreateHistogram<long>("zhizao.store.write.batch_size", "{point}", "Points per store write");
        _meter.CreateObservableGauge("zhizao.ingest.queue.depth", () => Interlocked.Read(ref _queueDepth), "{request}", "Write requests waiting for the store");
    }

    /// <summary>Points accepted since start.</summary>
    public long AcceptedTotal => Interlocked.Read(ref _acceptedTotal);

    /// <summary>Points rejected since start.</summary>
    public long RejectedTotal => Interlocked.Read(ref _rejectedTotal);

    /// <summary>Write requests waiting now.</summary>
    public long QueueDepth => Interlocked.Read(ref _queueDepth);

    internal void Accepted(int count, int duplicates)
    {
        _accepted.Add(count);
        Interlocked.Add(ref _acceptedTotal, count);
        if (duplicates > 0)
            _duplicates.Add(duplicates);
    }

    internal void Rejected(RejectReason reason, int count = 1)
    {
        _rejected.Add(count, new KeyValuePair<string, object?>("reason", reason.ToString()));
        Interlocked.Add(ref _rejectedTotal, count);
    }

    internal void Queued(int delta) => Interlocked.Add(ref _queueDepth, delta);

    internal void Written(int points, double milliseconds)
    {
        _writeLatency.Record(milliseconds);
        _batchSize.Record(points);
    }

    public void Dispose() => _meter.Dispose();
}
