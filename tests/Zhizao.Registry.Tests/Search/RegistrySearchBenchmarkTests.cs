using System.Text.Json;
using Zhizao.Registry.Search;
using Zhizao.Registry.Search.Benchmarks;

namespace Zhizao.Registry.Tests.Search;

public sealed class RegistrySearchBenchmarkTests
{
    [Fact]
    public void Generated_catalog_and_queries_are_deterministic_and_spread_over_visibilities_and_kinds()
    {
        var agents = SyntheticAgents.Generate(500, 7);
        var queries = SyntheticQueries.Generate(200, 7);

        Assert.Equal(agents, SyntheticAgents.Generate(500, 7), AgentComparer);
        Assert.Equal(queries, SyntheticQueries.Generate(200, 7));
        Assert.Equal(500, agents.Select(a => a.AgentId).Distinct().Count());
        Assert.All(Enum.GetValues<AgentVisibility>(), v => Assert.Contains(agents, a => a.Visibility == v));
        Assert.All(Enum.GetValues<BenchmarkQueryKind>(), k => Assert.Contains(queries, q => q.Kind == k));
        Assert.Contains(agents, a => a.NameZh.Contains("排产", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_small_run_measures_latency_and_writes_a_json_report()
    {
        var options = new RegistrySearchBenchmarkOptions { Descriptors = 500, Queries = 100, WarmupQueries = 20 };

        var result = new RegistrySearchBenchmark(TimeProvider.System).Run(options, CancellationToken.None);
        var path = Path.Combine(Path.GetTempPath(), $"registry-search-{Guid.NewGuid():N}", "registry-search.json");
        await result.WriteJsonAsync(path, CancellationToken.None);

        Assert.True(result.IndexBuildMs > 0);
        Assert.InRange(result.P50Ms, double.Epsilon, result.P95Ms);
        Assert.InRange(result.P99Ms, result.P95Ms, result.MaxMs);
        Assert.True(result.CpuMsPerQuery > 0);
        Assert.True(result.MeanHits > 1);
        Assert.True(result.ZeroHitShare < 0.5);
        Assert.Equal(100, result.ByKind.Where(k => k.Kind is "FILTERED" or "UNFILTERED").Sum(k => k.Count));
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(path));
        Assert.Equal(result.P99Ms, json.RootElement.GetProperty("p99Ms").GetDouble());
        Assert.Equal(500, json.RootElement.GetProperty("options").GetProperty("descriptors").GetInt32());
        Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
    }

    [Fact]
    public void Percentiles_use_the_nearest_rank()
    {
        double[] sorted = [.. Enumerable.Range(1, 100).Select(i => (double)i)];

        Assert.Equal((50d, 95d, 99d, 100d), (RegistrySearchBenchmark.Percentile(sorted, 50), RegistrySearchBenchmark.Percentile(sorted, 95),
            RegistrySearchBenchmark.Percentile(sorted, 99), RegistrySearchBenchmark.Percentile(sorted, 100)));
        Assert.Equal(0, RegistrySearchBenchmark.Percentile([], 99));
    }

    private static readonly EqualityComparer<SearchDocument> AgentComparer = EqualityComparer<SearchDocument>.Create(
        (a, b) => JsonSerializer.Serialize(a) == JsonSerializer.Serialize(b), a => a.AgentId.GetHashCode(StringComparison.Ordinal));
}
