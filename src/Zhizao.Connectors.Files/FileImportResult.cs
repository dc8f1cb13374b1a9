using Zhizao.Core.Points;

namespace Zhizao.Connectors.Files;

/// <summary>The outcome of a file import.</summary>
/// <param name="File">The imported file's path.</param>
/// <param name="Rows">Data rows read (header excluded).</param>
/// <param name="PointsRead">Points found in the file: <see cref="Accepted"/> + <see cref="Rejected"/>.</param>
/// <param name="Accepted">Points that passed validation and are durable (new or duplicate).</param>
/// <param name="Duplicates">Of the accepted points, those already stored.</param>
/// <param name="Rejected">Points refused by the validator or lost in malformed rows (bad timestamp, wrong column count).</param>
/// <param name="MalformedRows">Rows rejected as a whole; each was recorded once in quarantine with its line or row number.</param>
/// <param name="Elapsed">Wall time from opening the file to the last chunk being durable.</param>
/// <param name="Rejections">The first rejections (at most <see cref="MaxReportedRejections"/>), for the caller's error message.</param>
public sealed record FileImportResult(
    string File,
    long Rows,
    long PointsRead,
    long Accepted,
    long Duplicates,
    long Rejected,
    long MalformedRows,
    TimeSpan Elapsed,
    IReadOnlyList<RejectedPoint> Rejections)
{
    /// <summary>How many rejections a result carries in detail.</summary>
    public const int MaxReportedRejections = 20;

    /// <summary>Points read per second of <see cref="Elapsed"/> (0 for an instant import).</summary>
    public double PointsPerSecond => Elapsed > TimeSpan.Zero ? PointsRead / Elapsed.TotalSeconds : 0;
}

/// <summary>Progress of a running import, reported after each chunk and once at the end.</summary>
/// <param name="BytesRead">Bytes of the file consumed so far (approximate: readers buffer ahead).</param>
/// <param name="TotalBytes">The file's size.</param>
/// <param name="Rows">Data rows read so far.</param>
/// <param name="Accepted">Points stored so far.</param>
/// <param name="Rejected">Points rejected so far.</param>
public readonly record struct ImportProgress(long BytesRead, long TotalBytes, long Rows, long Accepted, long Rejected)
{
    /// <summary>Fraction of the file consumed, 0 to 1.</summary>
    public double Fraction => TotalBytes > 0 ? Math.Clamp((double)BytesRead / TotalBytes, 0, 1) : 1;
}
