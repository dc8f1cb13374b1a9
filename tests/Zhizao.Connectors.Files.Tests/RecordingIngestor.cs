using System.Collections.Concurrent;
using Zhizao.Core.Ingestion;
using Zhizao.Core.Points;

namespace Zhizao.Connectors.Files.Tests;

/// <summary>
/// Test double of the ingestor: records what it gets, rejects non-numeric values as WrongType like the validator,
/// and counts repeated (signal, timestamp) pairs as duplicates.
/// </summary>
internal sealed class RecordingIngestor(bool keepPoints = true) : IPointIngestor
{
    private readonly ConcurrentDictionary<(string, DateTimeOffset), byte> _seen = new();
    private readonly ConcurrentQueue<IncomingPoint> _points = new();
    private long _pointCount;
    private int _concurrent;
    private int _maxConcurrent;

    public ConcurrentQueue<(int Count, string Source)> Calls { get; } = new();

    public ConcurrentQueue<RejectedPoint> Payloads { get; } = new();

    public IReadOnlyList<IncomingPoint> Points => [.. _points];

    public long PointCount => Interlocked.Read(ref _pointCount);

    public int MaxConcurrentCalls => _maxConcurrent;

    public async Task<IngestResult> IngestAsync(IReadOnlyList<IncomingPoint> points, string source, CancellationToken cancellationToken)
    {
        var now = Interlocked.Increment(ref _concurrent);
        InterlockedMax(ref _maxConcurrent, now);
        try
        {
            await Task.Yield();
            Calls.Enqueue((points.Count, source));
            int accepted = 0, duplicates = 0, rejected = 0;
            var rejections = new List<RejectedPoint>();
            foreach (var point in points)
            {
                if (point.Value.Kind is not (RawValueKind.Number or RawValueKind.Bool))
                {
                    rejected++;
                    if (rejections.Count < IngestResult.MaxReportedRejections)
                        rejections.Add(new RejectedPoint(DateTimeOffset.UnixEpoch, source, RejectReason.WrongType, $"'{point.Value}' is not a number", point.Signal, point.Timestamp.ToString("O"), point.Value.ToString()));
                    continue;
                }
                accepted++;
                if (keepPoints)
                {
                    if (!_seen.TryAdd((point.Signal, point.Timestamp), 0))
                        duplicates++;
                    _points.Enqueue(point);
                }
            }
            Interlocked.Add(ref _pointCount, points.Count);
            return new IngestResult(accepted, duplicates, rejected, rejections);
        }
        finally
        {
            Interlocked.Decrement(ref _concurrent);
        }
    }

    public Task RejectPayloadAsync(RejectedPoint rejection, CancellationToken cancellationToken)
    {
        Payloads.Enqueue(rejection);
        return Task.CompletedTask;
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}

/// <summary>A temporary directory deleted after the test.</summary>
internal sealed class TempDir : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("zhizao-files-").FullName;

    public string Write(string name, string content)
    {
        var file = System.IO.Path.Combine(Path, name);
        System.IO.File.WriteAllText(file, content);
        return file;
    }

    public string PathOf(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}

/// <summary>Synchronous progress sink (Progress&lt;T&gt; posts to the pool, which would make assertions racy).</summary>
internal sealed class ProgressLog : IProgress<ImportProgress>
{
    public List<ImportProgress> Reports { get; } = [];

    public void Report(ImportProgress value)
    {
        lock (Reports)
            Reports.Add(value);
    }
}
