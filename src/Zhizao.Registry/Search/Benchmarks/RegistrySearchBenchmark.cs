using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Zhizao.Core.Benchmarks;

namespace Zhizao.Registry.Search.Benchmarks;

/// <summary>Parameters of a registry search benchmark run.</summary>
public sealed record RegistrySearchBenchmarkOptions
{
    /// <summary>Agents in the generated catalog.</summary>
    public int Descriptors { get; init; } = 10_000;
    /// <summary>Measured queries.</summary>
    public int Queries { get; init; } = 2_000;
    /// <summary>Queries run first and not measured (JIT, reader caches).</summary>
    public int WarmupQueries { get; init; } = 200;
    /// <summary>Seed of the catalog and the queries.</summary>
    public int Seed { get; init; } = 20_261_105;

    /// <summary>Throws when a count is out of range.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Descriptors, 1, nameof(Descriptors));
        ArgumentOutOfRangeException.ThrowIfLessThan(Queries, 1, nameof(Queries));
        ArgumentOutOfRangeException.ThrowIfNegative(WarmupQueries, nameof(WarmupQueries));
    }
}

/// <summary>Latency of one kind of query (all kinds: <see cref="RegistrySearchBenchmarkResult"/>).</summary>
/// <param name="Kind">chinese, english, mixed, listing, filtered or unfiltered.</param>
/// <param name="Count">Queries of the kind.</param>
/// <param name="P50Ms">Median latency.</param>
/// <param name="P99Ms">99th percentile latency.</param>
/// <param name="MeanHits">Mean total hits per query.</param>
public sealed record RegistrySearchLatency(string Kind, int Count, double P50Ms, double P99Ms, double MeanHits);

/// <summary>What a registry search benchmark run measured.</summary>
/// <param name="Options">The run's parameters.</param>
/// <param name="Date">When it ran.</param>
/// <param name="Machine">Where it ran (<see cref="BenchmarkReport.DescribeMachine"/>).</param>
/// <param name="IndexBuildMs">Time to index every descriptor and open the first searcher.</param>
/// <param name="P50Ms">Median query latency.</param>
/// <param name="P95Ms">95th percentile.</param>
/// <param name="P99Ms">99th percentile.</param>
/// <param name="MaxMs">Slowest query.</param>
/// <param name="CpuMsPerQuery">
/// Process CPU time over the measured queries divided by their count: the work per query, whatever else the machine runs (wall-clock
/// percentiles include waiting for a core on a busy machine).
/// </param>
/// <param name="MeanHits">Mean total hits per query.</param>
/// <param name="ZeroHitShare">Share of queries without hits.</param>
/// <param name="ByKind">Latency per query kind.</param>
public sealed record RegistrySearchBenchmarkResult(
    RegistrySearchBenchmarkOptions Options, DateTimeOffset Date, string Machine, double IndexBuildMs,
    double P50Ms, double P95Ms, double P99Ms, double MaxMs, double CpuMsPerQuery, double MeanHits, double ZeroHitShare, IReadOnlyList<RegistrySearchLatency> ByKind)
{
    /// <summary>The target: p99 over 10,000 descriptors.</summary>
    public const double TargetP99Ms = 20;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>The figures as benchmark metrics (for <c>zhizao bench registry</c>'s report).</summary>
    public IReadOnlyList<BenchmarkMetric> ToMetrics() =>
    [
        new("index build", IndexBuildMs, "ms", Better: "lower"),
        new("query p50", P50Ms, "ms", Better: "lower"),
        new("query p95", P95Ms, "ms", Better: "lower"),
        new("query p99", P99Ms, "ms", string.Create(CultureInfo.InvariantCulture, $"≤ {TargetP99Ms} ms at 10,000 descriptors"), "lower"),
        new("query max", MaxMs, "ms", Better: "lower"),
        new("CPU per query", CpuMsPerQuery, "ms", Better: "lower"),
        new("hits per query", MeanHits, "hits"),
        new("queries without hits", ZeroHitShare * 100, "%"),
    ];

    /// <summary>Writes the result as JSON to <paramref name="path"/> (creating its folder).</summary>
    public async Task WriteJsonAsync(string path, CancellationToken cancellationToken)
    {
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } directory)
            Directory.CreateDirectory(directory);
        await using var stream = File.Create(path);
        await JsonSerializer.SerializeAsync(stream, this, Json, cancellationToken);
    }
}

/// <summary>
/// Measures <see cref="RegistrySearchIndex"/>: indexes a generated bilingual catalog (<see cref="SyntheticAgents"/>), runs a warm-up,
/// then times each query of a mix of Chinese, English, mixed and filter-only queries with and without filters
/// (<see cref="SyntheticQueries"/>) one after another on one thread.
/// </summary>
public sealed class RegistrySearchBenchmark(TimeProvider timeProvider)
{
    /// <summary>Runs the benchmark (CPU-bound; call it off a request thread).</summary>
    public RegistrySearchBenchmarkResult Run(RegistrySearchBenchmarkOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var date = timeProvider.GetUtcNow();
        var agents = SyntheticAgents.Generate(options.Descriptors, options.Seed);
        var warmup = SyntheticQueries.Generate(options.WarmupQueries, options.Seed + 1);
        var queries = SyntheticQueries.Generate(options.Queries, options.Seed + 2);

        using var index = new RegistrySearchIndex();
        var started = timeProvider.GetTimestamp();
        foreach (var agent in agents)
            index.Upsert(agent);
        _ = index.Count; // opens the searcher over every write
        var buildMs = timeProvider.GetElapsedTime(started).TotalMilliseconds;

        foreach (var query in warmup)
        {
            cancellationToken.ThrowIfCancellationRequested();
            index.Search(query.Query);
        }

        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var latencies = new double[queries.Count];
        var totals = new int[queries.Count];
        for (var i = 0; i < queries.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var start = timeProvider.GetTimestamp();
            totals[i] = index.Search(queries[i].Query).Total;
            latencies[i] = timeProvider.GetElapsedTime(start).TotalMilliseconds;
        }
        var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds;

        var all = Enumerable.Range(0, queries.Count).ToList();
        var byKind = Enum.GetValues<BenchmarkQueryKind>()
            .Select(kind => Latency(kind.ToString().ToUpperInvariant(), all.Where(i => queries[i].Kind == kind).ToList(), latencies, totals))
            .Append(Latency("FILTERED", all.Where(i => queries[i].Filtered).ToList(), latencies, totals))
            .Append(Latency("UNFILTERED", all.Where(i => !queries[i].Filtered).ToList(), latencies, totals))
            .Where(l => l.Count > 0)
            .ToList();
        var sorted = latencies.Order().ToArray();
        return new RegistrySearchBenchmarkResult(options, date, BenchmarkReport.DescribeMachine(), buildMs,
            Percentile(sorted, 50), Percentile(sorted, 95), Percentile(sorted, 99), sorted[^1],
            cpuMs / queries.Count, totals.Average(), totals.Count(t => t == 0) / (double)totals.Length, byKind);
    }

    private static RegistrySearchLatency Latency(string kind, List<int> members, double[] latencies, int[] totals)
    {
        var sorted = members.Select(i => latencies[i]).Order().ToArray();
        return new RegistrySearchLatency(kind, members.Count, Percentile(sorted, 50), Percentile(sorted, 99),
            members.Count == 0 ? 0 : members.Average(i => totals[i]));
    }

    /// <summary>Nearest-rank percentile of sorted values (0 when empty).</summary>
    internal static double Percentile(double[] sorted, double percent) =>
        sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(percent / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
}
