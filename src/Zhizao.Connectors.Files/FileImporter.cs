using Zhizao.Core.Ingestion;
using Zhizao.Core.Points;

namespace Zhizao.Connectors.Files;

/// <summary>
/// Imports CSV and Parquet files through the <see cref="IPointIngestor"/>, chunk by chunk under the source
/// "file:&lt;name&gt;". Structural problems throw <see cref="FileImportException"/> before anything is ingested;
/// bad rows are quarantined (<see cref="RejectReason.Malformed"/>, naming the line) and the import goes on;
/// bad values are rejected by the validator and counted.
/// </summary>
public sealed class FileImporter(IPointIngestor ingestor, TimeProvider timeProvider)
{
    private static readonly byte[] ParquetMagic = "PAR1"u8.ToArray();

    /// <summary>Imports <paramref name="path"/>; reports progress after every chunk and once at the end.</summary>
    /// <exception cref="FileImportException">The file is missing or its structure cannot be imported.</exception>
    public async Task<FileImportResult> ImportAsync(string path, FileImportOptions options, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var started = timeProvider.GetTimestamp();
        await using var source = await OpenAsync(path, options, cancellationToken);
        var session = new Session(ingestor, timeProvider, path, options, source, progress);
        await session.RunAsync(cancellationToken);
        return session.Result(timeProvider.GetElapsedTime(started));
    }

    /// <summary>The format <paramref name="path"/> will be read as: Parquet when it starts with "PAR1" or ends in .parquet / .pq, otherwise CSV.</summary>
    public static async Task<FileFormat> DetectFormatAsync(string path, CancellationToken cancellationToken)
    {
        var extension = Path.GetExtension(path);
        if (extension.Equals(".parquet", StringComparison.OrdinalIgnoreCase) || extension.Equals(".pq", StringComparison.OrdinalIgnoreCase))
            return FileFormat.Parquet;
        var head = new byte[ParquetMagic.Length];
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous);
        var read = await stream.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        return read == head.Length && head.AsSpan().SequenceEqual(ParquetMagic) ? FileFormat.Parquet : FileFormat.Csv;
    }

    private static async Task<IPointSource> OpenAsync(string path, FileImportOptions options, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
            throw new FileImportException(path, Directory.Exists(path) ? "is a directory, not a file." : "file not found.");
        try
        {
            var format = options.Format == FileFormat.Auto ? await DetectFormatAsync(path, cancellationToken) : options.Format;
            return format == FileFormat.Parquet
                ? await ParquetPointSource.OpenAsync(path, options, cancellationToken)
                : CsvPointSource.Open(path, options);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new FileImportException(path, $"cannot be opened: {e.Message}", e);
        }
    }

    /// <summary>One import run: fills chunks from the source and keeps up to <see cref="FileImportOptions.MaxChunksInFlight"/> alive.</summary>
    private sealed class Session(IPointIngestor ingestor, TimeProvider timeProvider, string path, FileImportOptions options, IPointSource source, IProgress<ImportProgress>? progress)
    {
        private readonly string _source = $"file:{Path.GetFileName(path)}";
        private readonly Queue<(Task<IngestResult> Task, PointChunk Chunk)> _inFlight = new();
        private readonly Stack<PointChunk> _free = new();
        private readonly List<RejectedPoint> _rejections = [];
        private long _pointsRead;
        private long _accepted;
        private long _duplicates;
        private long _rejected;
        private long _malformedRows;

        public async Task RunAsync(CancellationToken cancellationToken)
        {
            try
            {
                bool more;
                do
                {
                    // Parse the next chunk while at most MaxChunksInFlight - 1 earlier chunks are being stored.
                    while (_inFlight.Count >= options.MaxChunksInFlight - 1 && _inFlight.Count > 0)
                        await CompleteOldestAsync();
                    cancellationToken.ThrowIfCancellationRequested();
                    var chunk = _free.Count > 0 ? _free.Pop() : new PointChunk(options.ChunkSize);
                    more = await source.FillAsync(chunk, cancellationToken);
                    await RejectMalformedAsync(chunk, cancellationToken);
                    Submit(chunk, cancellationToken);
                    Report(final: false);
                }
                while (more);
                while (_inFlight.Count > 0)
                    await CompleteOldestAsync();
                Report(final: true);
            }
            finally
            {
                // On failure or cancellation, let running ingest calls finish before the buffers go away.
                foreach (var (task, _) in _inFlight)
                    await ((Task)task).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }

        public FileImportResult Result(TimeSpan elapsed) =>
            new(path, source.Rows, _pointsRead, _accepted, _duplicates, _rejected, _malformedRows, elapsed, _rejections);

        private void Submit(PointChunk chunk, CancellationToken cancellationToken)
        {
            if (chunk.Points.Count == 0)
            {
                chunk.Clear();
                _free.Push(chunk);
                return;
            }
            _pointsRead += chunk.Points.Count;
            // Run the call on the pool so that its synchronous part (validation) overlaps with parsing the next chunk.
            var task = options.MaxChunksInFlight > 1
                ? Task.Run(() => ingestor.IngestAsync(chunk.Points, _source, cancellationToken), cancellationToken)
                : ingestor.IngestAsync(chunk.Points, _source, cancellationToken);
            _inFlight.Enqueue((task, chunk));
        }

        private async Task CompleteOldestAsync()
        {
            var (task, chunk) = _inFlight.Peek();
            IngestResult result;
            try
            {
                result = await task;
            }
            finally
            {
                _inFlight.Dequeue();
            }
            _accepted += result.Accepted;
            _duplicates += result.Duplicates;
            _rejected += result.Rejected;
            foreach (var rejection in result.Rejections)
                Keep(rejection);
            chunk.Clear();
            _free.Push(chunk);
        }

        private async Task RejectMalformedAsync(PointChunk chunk, CancellationToken cancellationToken)
        {
            _pointsRead += chunk.MalformedPoints;
            _rejected += chunk.MalformedPoints;
            _malformedRows += chunk.MalformedRows.Count;
            foreach (var row in chunk.MalformedRows)
            {
                var rejection = new RejectedPoint(timeProvider.GetUtcNow(), _source, RejectReason.Malformed,
                    $"{Path.GetFileName(path)} {row.Message}", Timestamp: row.Timestamp).Bounded();
                Keep(rejection);
                await ingestor.RejectPayloadAsync(rejection, cancellationToken);
            }
            chunk.MalformedRows.Clear();
            chunk.MalformedPoints = 0;
        }

        private void Keep(RejectedPoint rejection)
        {
            if (_rejections.Count < FileImportResult.MaxReportedRejections)
                _rejections.Add(rejection);
        }

        private void Report(bool final)
        {
            if (progress is null)
                return;
            var bytes = final ? source.TotalBytes : Math.Min(source.BytesRead, source.TotalBytes);
            progress.Report(new ImportProgress(bytes, source.TotalBytes, source.Rows, _accepted, _rejected));
        }
    }
}
