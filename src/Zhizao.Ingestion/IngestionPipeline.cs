using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Zhizao.Core.Assets;
using Zhizao.Core.Ingestion;
using Zhizao.Core.Points;
using Zhizao.Core.Storage;

namespace Zhizao.Ingestion;

/// <summary>
/// Validates incoming points, quarantines the bad ones and writes the good ones through one writer loop.
/// Small requests from many clients are merged into one store transaction (group commit, up to
/// <see cref="IngestionOptions.MaxBatchPoints"/>); every caller is released only after its points are durable.
/// The request queue is bounded, so producers wait when storage falls behind: back-pressure, never drops.
/// </summary>
public sealed partial class IngestionPipeline : IPointIngestor, IAsyncDisposable
{
    /// <summary>Rejections stored in detail per call; the rest of a flood is summarised in one entry.</summary>
    public const int MaxQuarantinedPerCall = 10_000;

    private readonly IStore _store;
    private readonly CatalogService _catalog;
    private readonly PointStream _stream;
    private readonly IngestionOptions _options;
    private readonly IngestionMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger<IngestionPipeline> _logger;
    private readonly Channel<WriteRequest> _queue;
    private Task? _writer;

    public IngestionPipeline(IStore store, CatalogService catalog, PointStream stream, IngestionOptions options, IngestionMetrics metrics, TimeProvider time, ILogger<IngestionPipeline> logger)
    {
        var problems = options.Validate().ToList();
        if (problems.Count > 0)
            throw new ArgumentException(string.Join("; ", problems), nameof(options));
        (_store, _catalog, _stream, _options, _metrics, _time, _logger) = (store, catalog, stream, options, metrics, time, logger);
        _queue = Channel.CreateBounded<WriteRequest>(new BoundedChannelOptions(options.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });
    }

    /// <summary>Starts the writer loop and the point stream.</summary>
    public void Start()
    {
        _stream.Start();
        _writer ??= Task.Run(WriteLoopAsync);
    }

    /// <inheritdoc />
    /// <remarks><see cref="IngestResult.Duplicates"/> is exact when the call's points were written in a transaction of their own;
    /// when small calls are merged into one group write, duplicates are counted in the metrics and reported as 0 to each call.</remarks>
    public async Task<IngestResult> IngestAsync(IReadOnlyList<IncomingPoint> points, string source, CancellationToken cancellationToken)
    {
        if (points.Count == 0)
            return IngestResult.Empty;
        var now = _time.GetUtcNow();
        if (points.Count > _options.MaxPointsPerCall)
        {
            var oversize = new RejectedPoint(now, source, RejectReason.Oversize, $"{points.Count} points in one call; the limit is {_options.MaxPointsPerCall}");
            await QuarantineAsync([oversize], cancellationToken);
            _metrics.Rejected(RejectReason.Oversize, points.Count);
            return new IngestResult(0, 0, points.Count, [oversize]);
        }

        var catalog = _catalog.Current;
        var earliest = Timestamps.ToMicros(_options.EarliestTimestamp);
        var latest = Timestamps.ToMicros(now + _options.MaxFutureSkew);
        var accepted = new List<DataPoint>(points.Count);
        List<RejectedPoint>? rejected = null;
        var rejectedCount = 0;
        for (var i = 0; i < points.Count; i++)
        {
            var point = points[i];
            if (PointValidator.TryValidate(point, catalog, earliest, latest, out var stored, out var reason, out var message))
            {
                accepted.Add(stored);
                continue;
            }
            rejectedCount++;
            _metrics.Rejected(reason);
            rejected ??= [];
            if (rejected.Count < MaxQuarantinedPerCall)
                rejected.Add(new RejectedPoint(now, source, reason, message!, point.Signal, point.Timestamp.ToString("O", System.Globalization.CultureInfo.InvariantCulture), point.Value.ToString()));
        }
        if (rejected is not null)
        {
            if (rejectedCount > rejected.Count)
                rejected.Add(new RejectedPoint(now, source, rejected[^1].Reason, $"{rejectedCount - rejected.Count} more points of this call were rejected; the first {MaxQuarantinedPerCall} are kept in detail"));
            await QuarantineAsync(rejected, cancellationToken);
        }

        var duplicates = 0;
        if (accepted.Count > 0)
        {
            var request = new WriteRequest(accepted);
            _metrics.Queued(1);
            try
            {
                await _queue.Writer.WriteAsync(request, cancellationToken);
            }
            catch
            {
                _metrics.Queued(-1);
                throw;
            }
            duplicates = (await request.Done.Task.WaitAsync(cancellationToken)).Duplicates;
        }
        var reported = rejected is null ? [] : rejected.Take(IngestResult.MaxReportedRejections).ToList();
        return new IngestResult(accepted.Count, duplicates, rejectedCount, reported);
    }

    /// <inheritdoc />
    public async Task RejectPayloadAsync(RejectedPoint rejection, CancellationToken cancellationToken)
    {
        _metrics.Rejected(rejection.Reason);
        await QuarantineAsync([rejection], cancellationToken);
    }

    private async Task QuarantineAsync(IReadOnlyList<RejectedPoint> rejected, CancellationToken cancellationToken)
    {
        try
        {
            await _store.Metadata.AddQuarantineAsync(rejected, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Losing a quarantine record must not fail the good points of the same call; the reject is still counted.
            LogQuarantineFailed(_logger, rejected.Count, e);
        }
    }

    private async Task WriteLoopAsync()
    {
        var reader = _queue.Reader;
        var group = new List<WriteRequest>();
        while (await reader.WaitToReadAsync())
        {
            group.Clear();
            var total = 0;
            while (reader.TryPeek(out var next) && (group.Count == 0 || total + next.Points.Count <= _options.MaxBatchPoints) && reader.TryRead(out next))
            {
                group.Add(next);
                total += next.Points.Count;
                _metrics.Queued(-1);
            }
            await WriteGroupAsync(group, total);
        }
    }

    private async Task WriteGroupAsync(List<WriteRequest> group, int total)
    {
        IReadOnlyList<DataPoint> points = group.Count == 1 ? group[0].Points : Concat(group, total);
        var started = Stopwatch.GetTimestamp();
        try
        {
            // Not cancellable: once a batch is taken from the queue it is written or failed, never abandoned.
            var result = await _store.Points.WriteAsync(points, CancellationToken.None);
            _metrics.Written(points.Count, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            _metrics.Accepted(points.Count, result.Duplicates);
            if (group.Count == 1)
                group[0].Done.TrySetResult(result);
            else
                foreach (var request in group)
                    request.Done.TrySetResult(new WriteResult(request.Points.Count, 0));
            await _stream.PublishAsync(points, CancellationToken.None);
        }
        catch (Exception e)
        {
            LogWriteFailed(_logger, points.Count, e);
            var failure = new StoreUnavailableException("the store could not write the batch; nothing of it was acknowledged", e);
            foreach (var request in group)
                request.Done.TrySetException(failure);
        }
    }

    private static List<DataPoint> Concat(List<WriteRequest> group, int total)
    {
        var all = new List<DataPoint>(total);
        foreach (var request in group)
            all.AddRange(request.Points);
        return all;
    }

    /// <summary>Stops accepting, writes what is queued, then stops the stream.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        if (_writer is not null)
            await _writer;
        await _stream.DisposeAsync();
    }

    private sealed record WriteRequest(List<DataPoint> Points)
    {
        public TaskCompletionSource<WriteResult> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Error, Message = "Store write of {Count} points failed; callers were not acknowledged")]
    private static partial void LogWriteFailed(ILogger logger, int count, Exception exception);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Could not quarantine {Count} rejected points")]
    private static partial void LogQuarantineFailed(ILogger logger, int count, Exception exception);
}

/// <summary>The store failed to write; the points were not acknowledged and the client should retry.</summary>
public sealed class StoreUnavailableException(string message, Exception inner) : Exception(message, inner);
