using System.Diagnostics.Metrics;
using Zhizao.Ingestion;

namespace Zhizao.Cli.Bench;

/// <summary>
/// Listens to the ingestion pipeline's store-write instruments (meter <see cref="IngestionMetrics.MeterName"/>) to tell how a run's
/// time splits: how many transactions, how long each took and how many points each carried.
/// </summary>
internal sealed class StoreWriteListener : IDisposable
{
    private const string DurationInstrument = "zhizao.store.write.duration";
    private const string BatchSizeInstrument = "zhizao.store.write.batch_size";

    private readonly MeterListener _listener = new();
    private long _writes;
    private long _points;
    private double _milliseconds;

    public StoreWriteListener()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == IngestionMetrics.MeterName && instrument.Name is DurationInstrument or BatchSizeInstrument)
                listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<double>((_, value, _, _) =>
        {
            lock (_listener)
            {
                _writes++;
                _milliseconds += value;
            }
        });
        _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _points, value));
        _listener.Start();
    }

    /// <summary>Totals since start: transactions, points written, milliseconds spent in store writes.</summary>
    public (long Writes, long Points, double Milliseconds) Snapshot()
    {
        lock (_listener)
            return (_writes, Interlocked.Read(ref _points), _milliseconds);
    }

    public void Dispose() => _listener.Dispose();
}
