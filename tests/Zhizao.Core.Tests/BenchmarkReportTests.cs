using Zhizao.Core.Benchmarks;

namespace Zhizao.Core.Tests;

public sealed class BenchmarkReportTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"zhizao-bench-{Guid.NewGuid():N}");

    private static BenchmarkReport Sample() => new(
        "ingest-duckdb",
        "Ingestion into the embedded store",
        "zhizao bench ingest --points 1000000",
        ["data/demo.csv"],
        new Dictionary<string, string> { ["points"] = "1000000", ["batch"] = "10000" },
        new DateTimeOffset(2026, 11, 25, 8, 30, 0, TimeSpan.Zero),
        "2 cores, 24 GiB, Debian 12, .NET 10",
        [
            new BenchmarkMetric("throughput", 1_234_567.8, "points/s", ">= 1000000", "higher"),
            new BenchmarkMetric("p99 latency", 12.345, "ms"),
            new BenchmarkMetric("ratio", 0.123456, ""),
        ],
        "Warm cache.");

    [Fact]
    public async Task WriteAsync_then_ReadAsync_round_trips_the_report()
    {
        var report = Sample();

        var path = await report.WriteAsync(_directory, CancellationToken.None);
        var read = await BenchmarkReport.ReadAsync(path, CancellationToken.None);

        Assert.Equal(Path.Combine(_directory, "ingest-duckdb.json"), path);
        Assert.Equal(report.Suite, read.Suite);
        Assert.Equal(report.Title, read.Title);
        Assert.Equal(report.Command, read.Command);
        Assert.Equal(report.DataPaths, read.DataPaths);
        Assert.Equal(report.Parameters, read.Parameters);
        Assert.Equal(report.Date, read.Date);
        Assert.Equal(report.Machine, read.Machine);
        Assert.Equal(report.Metrics, read.Metrics);
        Assert.Equal(report.Notes, read.Notes);
    }

    [Fact]
    public async Task WriteAsync_writes_markdown_beside_the_json()
    {
        await Sample().WriteAsync(_directory, CancellationToken.None);

        var markdown = await File.ReadAllTextAsync(Path.Combine(_directory, "ingest-duckdb.md"));

        Assert.Equal(Sample().ToMarkdown(), markdown);
    }

    [Fact]
    public void ToMarkdown_states_command_date_machine_and_a_metric_table()
    {
        var lines = Sample().ToMarkdown().Split('\n').Select(l => l.TrimEnd('\r')).ToList();

        Assert.Equal("### Ingestion into the embedded store (`ingest-duckdb`)", lines[0]);
        Assert.Contains("- Command: `zhizao bench ingest --points 1000000`", lines);
        Assert.Contains("- Date: 2026-11-25 08:30 UTC; machine: 2 cores, 24 GiB, Debian 12, .NET 10", lines);
        Assert.Contains("- Data: `data/demo.csv`", lines);
        Assert.Contains("- Parameters: points=1000000, batch=10000", lines);
        Assert.Contains("| Metric | Value | Unit | Target |", lines);
        Assert.Contains("| throughput | 1,234,568 | points/s | >= 1000000 |", lines);
        Assert.Contains("| p99 latency | 12.3 | ms |  |", lines);
        Assert.Contains("| ratio | 0.1235 |  |  |", lines);
        Assert.Contains("Warm cache.", lines);
    }

    [Fact]
    public void ToMarkdown_omits_empty_data_and_parameters()
    {
        var markdown = (Sample() with { DataPaths = [], Parameters = new Dictionary<string, string>(), Notes = null }).ToMarkdown();

        Assert.DoesNotContain("- Data:", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("- Parameters:", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void DescribeMachine_names_cores_and_runtime()
    {
        var machine = BenchmarkReport.DescribeMachine();

        Assert.StartsWith($"{Environment.ProcessorCount} cores, ", machine, StringComparison.Ordinal);
        Assert.Contains(".NET ", machine, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
            Directory.Delete(_directory, recursive: true);
    }
}
