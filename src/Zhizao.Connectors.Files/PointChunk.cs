using Zhizao.Core.Points;

namespace Zhizao.Connectors.Files;

/// <summary>A row rejected as a whole (bad timestamp, wrong column count).</summary>
/// <param name="Message">Names the file's line or row and the column.</param>
/// <param name="Timestamp">The raw timestamp text, when there was one.</param>
internal readonly record struct MalformedRow(string Message, string? Timestamp);

/// <summary>
/// A reusable buffer of parsed points handed to the ingestor in one call. The importer reuses it only after
/// that call has completed (the points are then durable, so the ingestor no longer reads them).
/// </summary>
internal sealed class PointChunk(int capacity)
{
    /// <summary>Points parsed into this chunk.</summary>
    public List<IncomingPoint> Points { get; } = new(capacity);

    /// <summary>Rows rejected while filling this chunk.</summary>
    public List<MalformedRow> MalformedRows { get; } = [];

    /// <summary>Non-empty value cells lost in malformed rows: counted as rejected points.</summary>
    public long MalformedPoints { get; set; }

    /// <summary>The target number of points; a wide row may overshoot it by its column count.</summary>
    public int Capacity => capacity;

    /// <summary>True once <see cref="Capacity"/> points are in.</summary>
    public bool IsFull => Points.Count >= capacity;

    public void Clear()
    {
        Points.Clear();
        MalformedRows.Clear();
        MalformedPoints = 0;
    }
}

/// <summary>A file opened for import: its structure has been checked and it yields points chunk by chunk.</summary>
internal interface IPointSource : IAsyncDisposable
{
    /// <summary>The file's size in bytes.</summary>
    long TotalBytes { get; }

    /// <summary>Bytes consumed so far.</summary>
    long BytesRead { get; }

    /// <summary>Data rows read so far.</summary>
    long Rows { get; }

    /// <summary>Adds points to <paramref name="chunk"/> until it is full or the file ends; false once the file is exhausted.</summary>
    ValueTask<bool> FillAsync(PointChunk chunk, CancellationToken cancellationToken);
}
