using System.Buffers;
using System.Text;
using Zhizao.Core.Ingestion;
using Zhizao.Core.Points;

namespace Zhizao.Connectors.Mqtt;

/// <summary>
/// The path of one MQTT message into Zhizao, shared by the broker and the client: parse, then ingest the points or quarantine
/// the payload. The returned task completes once the outcome is durable, so the caller may acknowledge the message then.
/// Failures of the ingestor (storage down, cancellation) propagate: the caller must not acknowledge.
/// </summary>
internal sealed class MqttMessageIngestion(MqttPayloadParser parser, IPointIngestor ingestor, TimeProvider timeProvider, MqttMetrics metrics)
{
    // One byte over the quarantine's field limit, so that RejectedPoint.Bounded marks a cut payload with "…".
    private const int PreviewBytes = RejectedPoint.MaxFieldLength + 1;

    public MqttPayloadParser Parser => parser;

    public async Task<MqttParseResult> IngestAsync(string topic, ReadOnlySequence<byte> payload, string source, CancellationToken cancellationToken)
    {
        var receivedAt = timeProvider.GetUtcNow();
        // A fresh list per message: the ingestor owns it until its task completes.
        var points = new List<IncomingPoint>();
        var result = parser.Parse(topic, payload, receivedAt, points);
        switch (result.Status)
        {
            case MqttParseStatus.Parsed:
                if (points.Count > 0)
                    await ingestor.IngestAsync(points, source, cancellationToken).ConfigureAwait(false);
                metrics.Ingested(points.Count);
                break;
            case MqttParseStatus.Rejected:
                var rejection = new RejectedPoint(receivedAt, source, result.Reason, result.Error!, result.Signal, Value: Preview(payload));
                await ingestor.RejectPayloadAsync(rejection.Bounded(), cancellationToken).ConfigureAwait(false);
                metrics.Rejected(result.Reason);
                break;
        }
        return result;
    }

    private static string Preview(ReadOnlySequence<byte> payload) =>
        Encoding.UTF8.GetString(payload.Length > PreviewBytes ? payload.Slice(0, PreviewBytes) : payload);
}
