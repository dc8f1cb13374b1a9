using Zhizao.Core.Points;

namespace Zhizao.Core.Ingestion;

/// <summary>The outcome of one ingest call.</summary>
/// <param name="Accepted">Points that passed validation and are now durable (new or duplicate).</param>
/// <param name="Duplicates">Of the accepted points, those already stored (ignored: ingestion is idempotent on signal + timestamp).</param>
/// <param name="Rejected">Points refused and put in quarantine.</param>
/// <param name="Rejections">The first rejections (at most <see cref="MaxReportedRejections"/>), for the caller's error message.</param>
public sealed record IngestResult(int Accepted, int Duplicates, int Rejected, IReadOnlyList<RejectedPoint> Rejections)
{
    /// <summary>How many rejections a result carries in detail.</summary>
    public const int MaxReportedRejections = 20;

    public static IngestResult Empty { get; } = new(0, 0, 0, []);
}

/// <summary>
/// The single entry point of every connector (MQTT, HTTP, files, simulation). Points are validated
/// against the signal catalog; bad ones go to quarantine with the reason; good ones are written.
/// The returned task completes only when the accepted points are durable, so a connector acknowledges
/// its client after awaiting it. When storage falls behind, the call waits (back-pressure), it never drops.
/// </summary>
public interface IPointIngestor
{
    /// <summary>Validates and durably stores <paramref name="points"/>; <paramref name="source"/> names the connector and client (e.g. "mqtt:client-7").</summary>
    Task<IngestResult> IngestAsync(IReadOnlyList<IncomingPoint> points, string source, CancellationToken cancellationToken);

    /// <summary>Records a payload that could not be parsed into points at all (quarantine + reject count).</summary>
    Task RejectPayloadAsync(RejectedPoint rejection, CancellationToken cancellationToken);
}
