using Zhizao.Core.Points;

namespace Zhizao.Cli.Bench;

/// <summary>Options of the <c>query</c> suite.</summary>
internal sealed record QueryBenchmarkOptions(int Signals, int Seconds, int SignalsPerMachine, int BatchSeconds, int Repetitions, string? WorkDirectory, bool Keep);

/// <summary>
/// The <c>query</c> suite: one day of 1 Hz data for 1,000 signals written straight into the embedded store (batches in time order,
/// compaction as in production), then the two interactive queries of the console, each repeated after a warm-up:
/// 1-minute buckets of one signal over the whole span, and the latest value of every signal.
/// </summary>
internal static class QueryBenchmark
{
    private static readonly DateTimeOffset Start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private const long MicrosPerSecond = 1_000_000;

    public static async Task RunAsync(QueryBenchmarkOptions options, string outDirectory, CancellationToken cancellationToken)
    {
        var run = new BenchRun("query", "Queries on the embedded store");
        var plant = new BenchPlant(options.Signals, options.SignalsPerMachine);
        var points = (long)options.Signals * options.Seconds;
        run.Parameter("signals", options.Signals);
        run.Parameter("seconds", options.Seconds);
        run.Parameter("points", points);
        run.Parameter("load batch", $"{options.BatchSeconds} s × {options.Signals} signals");
        run.Parameter("repetitions", options.Repetitions);
        using var scratch = new BenchScratch("query", options.WorkDirectory, options.Keep);
        var storeDirectory = scratch.Combine("store");
        run.DataPaths.Add(scratch.Describe(Path.Combine(storeDirectory, "zhizao.duckdb")));

        await using var platform = await LocalPlatform.OpenAsync(storeDirectory, null, cancellationToken);
        await platform.SavePlantAsync(plant.Model(), cancellationToken);
        var catalog = platform.Catalog.Current;
        var ids = Enumerable.Range(0, options.Signals)
            .Select(n => catalog.TryGet(plant.SignalPath(n), out var entry) ? entry.Id : throw new InvalidOperationException($"{plant.SignalPath(n)} is not in the catalog"))
            .ToArray();

        var loaded = await LoadAsync(platform, ids, options, cancellationToken);
        run.Metric("load rate (store writes, 1 M points per call)", points / loaded.TotalSeconds, "points/s", better: "higher");
        run.Metric("load time", loaded.TotalSeconds, "s", better: "lower");
        var stored = await platform.Store.Points.CountAsync(cancellationToken);
        if (stored != points)
            throw new InvalidOperationException($"{points} points written but {stored} stored");

        var store = platform.Store.Points;
        var from = Timestamps.ToMicros(Start);
        var to = from + (options.Seconds * MicrosPerSecond);
        var signal = ids[ids.Length / 2];
        var expectedBuckets = (options.Seconds + 59) / 60;
        var aggregates = await TimeAsync(options.Repetitions, async () =>
        {
            var buckets = await store.ReadAggregatesAsync(signal, from, to, 60 * MicrosPerSecond, cancellationToken);
            if (buckets.Count != expectedBuckets || buckets.Sum(b => b.Count) != options.Seconds)
                throw new InvalidOperationException($"aggregate query returned {buckets.Count} buckets of {buckets.Sum(b => b.Count)} points, expected {expectedBuckets} of {options.Seconds}");
        });
        run.Metric("1-minute buckets of one signal, median", BenchStatistics.Median(aggregates), "ms", "≤ 50", "lower");
        run.Metric("1-minute buckets of one signal, p95", BenchStatistics.Percentile(aggregates, 95), "ms", better: "lower");

        var latest = await TimeAsync(options.Repetitions, async () =>
        {
            var values = await store.ReadLatestAsync(ids, cancellationToken);
            if (values.Count != ids.Length)
                throw new InvalidOperationException($"latest query returned {values.Count} values for {ids.Length} signals");
        });
        run.Metric($"latest values of {options.Signals:N0} signals, median", BenchStatistics.Median(latest), "ms", "≤ 10", "lower");
        run.Metric($"latest values of {options.Signals:N0} signals, p95", BenchStatistics.Percentile(latest, 95), "ms", better: "lower");

        run.Note($"Queries go through IPointStore (ReadAggregatesAsync, ReadLatestAsync) on the DuckDB store, each on a new connection as the API does; the aggregate covers the whole {options.Seconds:N0} s span of the signal in the middle of the catalog. Timings are wall time per call after one warm-up call, over {options.Repetitions} calls.");
        run.Note("The load writes DataPoints directly through IPointStore.WriteAsync (no validation), each call one durable transaction with the idempotence check and the latest-value upsert; compaction into signal-sorted slabs runs inside the writes as configured by default.");
        await run.WriteAsync(outDirectory, cancellationToken);
    }

    /// <summary>Writes the points in time order, <see cref="QueryBenchmarkOptions.BatchSeconds"/> seconds of every signal per call.</summary>
    private static async Task<TimeSpan> LoadAsync(LocalPlatform platform, int[] ids, QueryBenchmarkOptions options, CancellationToken cancellationToken)
    {
        var started = TimeProvider.System.GetTimestamp();
        var batch = new DataPoint[options.BatchSeconds * ids.Length];
        var first = Timestamps.ToMicros(Start);
        var lastReport = started;
        for (var second = 0; second < options.Seconds; second += options.BatchSeconds)
        {
            var seconds = Math.Min(options.BatchSeconds, options.Seconds - second);
            var count = 0;
            for (var s = 0; s < seconds; s++)
            {
                var ts = first + ((second + s) * MicrosPerSecond);
                for (var n = 0; n < ids.Length; n++)
                    batch[count++] = new DataPoint(ids[n], ts, Connectors.Files.WideCsvGenerator.Value(second + s, n));
            }
            var result = await platform.Store.Points.WriteAsync(new ArraySegment<DataPoint>(batch, 0, count), cancellationToken);
            if (result.Inserted != count)
                throw new InvalidOperationException($"store inserted {result.Inserted} of {count} new points");
            if (TimeProvider.System.GetElapsedTime(lastReport) > TimeSpan.FromSeconds(10))
            {
                lastReport = TimeProvider.System.GetTimestamp();
                var done = (long)(second + seconds) * ids.Length;
                BenchRun.Progress($"loaded {done:N0} points in {TimeProvider.System.GetElapsedTime(started).TotalSeconds:F0} s");
            }
        }
        return TimeProvider.System.GetElapsedTime(started);
    }

    /// <summary>Calls <paramref name="query"/> once to warm up, then <paramref name="repetitions"/> times; returns each call's milliseconds.</summary>
    private static async Task<List<double>> TimeAsync(int repetitions, Func<Task> query)
    {
        await query();
        var timings = new List<double>(repetitions);
        for (var i = 0; i < repetitions; i++)
        {
            var started = TimeProvider.System.GetTimestamp();
            await query();
            timings.Add(TimeProvider.System.GetElapsedTime(started).TotalMilliseconds);
        }
        return timings;
    }
}
