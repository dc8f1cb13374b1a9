using System.Globalization;
using System.Text;
using Zhizao.Core.Benchmarks;
using Zhizao.Registry.Search.Benchmarks;

namespace Zhizao.Cli.Bench;

/// <summary>
/// The <c>registry-search</c> suite (<c>zhizao bench registry</c>): <see cref="RegistrySearchBenchmark"/> over a generated bilingual
/// catalog, with its figures and the latency per query kind as a report.
/// </summary>
internal static class RegistryBenchmark
{
    public static async Task RunAsync(RegistrySearchBenchmarkOptions options, string outDirectory, CancellationToken cancellationToken)
    {
        var run = new BenchRun("registry-search", "Registry discovery search (Lucene.Net, SmartCn + English, BM25)");
        run.Parameter("descriptors", options.Descriptors);
        run.Parameter("queries", options.Queries);
        run.Parameter("warm-up queries", options.WarmupQueries);
        run.Parameter("seed", options.Seed);
        run.DataPaths.Add($"generated in memory: SyntheticAgents ({options.Descriptors:N0} agents, {SyntheticAgents.Publishers} publishers, {SyntheticAgents.Workspaces} workspaces) and SyntheticQueries (seed {options.Seed})");
        BenchRun.Progress($"indexing {options.Descriptors:N0} descriptors, then {options.WarmupQueries:N0} warm-up and {options.Queries:N0} timed queries");

        // CPU-bound and synchronous: off the caller's thread, as the benchmark asks.
        var result = await Task.Run(() => new RegistrySearchBenchmark(TimeProvider.System).Run(options, cancellationToken), cancellationToken);
        foreach (var metric in result.ToMetrics())
            run.Metric(metric.Name, metric.Value, metric.Unit, metric.Target, metric.Better);
        run.Note("Each query is RegistrySearchIndex.Search as the discovery API runs it (the caller's workspace visibility for 9 queries in 10, optional scenario/grade/industry/publisher filters, ranked by BM25 with field boosts), timed one after another on one thread after the warm-up; the index is in memory. The mix: Chinese, English and mixed text queries and filter-only listings, with and without filters.");
        run.Details = ByKind(result.ByKind);
        await run.WriteAsync(outDirectory, cancellationToken);
    }

    private static string ByKind(IReadOnlyList<RegistrySearchLatency> kinds)
    {
        var table = new StringBuilder();
        table.AppendLine("| Query kind | Queries | p50 (ms) | p99 (ms) | Hits per query |").AppendLine("|---|---:|---:|---:|---:|");
        foreach (var kind in kinds)
        {
            table.AppendLine(CultureInfo.InvariantCulture,
                $"| {kind.Kind.ToLowerInvariant()} | {kind.Count:N0} | {BenchmarkReport.FormatValue(kind.P50Ms)} | {BenchmarkReport.FormatValue(kind.P99Ms)} | {BenchmarkReport.FormatValue(kind.MeanHits)} |");
        }
        return table.ToString();
    }
}
