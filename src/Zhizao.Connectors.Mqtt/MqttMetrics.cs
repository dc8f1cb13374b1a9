using System.Diagnostics.Metrics;
using Zhizao.Core.Points;

namespace Zhizao.Connectors.Mqtt;

/// <summary>
/// Counters of the MQTT connectors, on the meter "Zhizao.Mqtt": <c>zhizao.mqtt.messages</c> (every message under the prefix),
/// <c>zhizao.mqtt.points</c> (points handed to the ingestor) and <c>zhizao.mqtt.rejected_messages</c> (tagged with <c>reason</c>).
/// Every measurement is tagged with <c>mode</c>: "broker" or "client".
/// </summary>
internal sealed class MqttMetrics : IDisposable
{
    /// <summary>The meter name.</summary>
    public const string MeterName = "Zhizao.Mqtt";

    private readonly Meter? ownedMeter;
    private readonly Counter<long> messages;
    private readonly Counter<long> points;
    private readonly Counter<long> rejected;
    private readonly KeyValuePair<string, object?> mode;

    public MqttMetrics(IMeterFactory? meterFactory, string mode)
    {
        Meter meter;
        if (meterFactory is null)
            meter = ownedMeter = new Meter(MeterName);
        else
            meter = meterFactory.Create(MeterName);
        this.mode = new("mode", mode);
        messages = meter.CreateCounter<long>("zhizao.mqtt.messages", "{message}", "MQTT messages received on ingest topics.");
        points = meter.CreateCounter<long>("zhizao.mqtt.points", "{point}", "Points parsed from MQTT messages and handed to ingestion.");
        rejected = meter.CreateCounter<long>("zhizao.mqtt.rejected_messages", "{message}", "MQTT messages rejected whole (malformed or oversize).");
    }

    public void Ingested(int pointCount)
    {
        messages.Add(1, mode);
        points.Add(pointCount, mode);
    }

    public void Rejected(RejectReason reason)
    {
        messages.Add(1, mode);
        rejected.Add(1, mode, new KeyValuePair<string, object?>("reason", reason.ToString()));
    }

    public void Dispose() => ownedMeter?.Dispose();
}
