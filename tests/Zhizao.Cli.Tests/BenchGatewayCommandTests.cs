using System.Text.Json.Nodes;
using Zhizao.Cli.Tests.Infrastructure;

namespace Zhizao.Cli.Tests;

/// <summary>
/// The access, registry and MCP benchmark suites at tiny sizes: each runs to the end through the real components and writes its
/// report with the command, parameters, machine and every expected figure.
/// </summary>
public sealed class BenchGatewayCommandTests : IDisposable
{
    private readonly TempDirectory _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Bench_access_measures_decision_and_durable_audit_append_with_each_caller_count()
    {
        var result = await ZhizaoCli.RunAsync("bench", "access", "--calls", "40", "--callers", "1,4", "--out", _files.File("out"), "--work", _files.Path);

        var report = await ReportAsync(result, "access");
        var metrics = Metrics(report);
        Assert.True(metrics["policy decision alone, p50"] > 0);
        Assert.True(metrics["embedded: decide + audit append, 1 caller, p99"] >= metrics["embedded: decide + audit append, 1 caller, p50"]);
        Assert.True(metrics["embedded: decide + audit append, 4 callers, throughput"] > 0);
        Assert.Contains("embedded: one-entry audit append alone (IAuditStore.AppendAsync), p50", metrics.Keys);
        Assert.Contains("duckdb in memory: insert one row and commit on an open connection, p50", metrics.Keys);
        Assert.Contains("duckdb: commit 8 rows in one multi-row INSERT, p50", metrics.Keys);
        Assert.True(metrics["plain file: append one entry and fsync, p50"] > 0);
        Assert.Equal("≤ 1 ms", Target(report, "embedded: decide + audit append, 1 caller, p99"));
        Assert.Equal("1/4", report["parameters"]!["callers"]!.GetValue<string>());
        Assert.Empty(Directory.GetDirectories(_files.Path, "zhizao-bench-access-*"));
    }

    [Fact]
    public async Task Bench_access_refuses_a_bad_caller_list_with_exit_2()
    {
        var result = await ZhizaoCli.RunAsync("bench", "access", "--callers", "1,zero", "--out", _files.File("out"));

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("--callers", result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_files.File("out")));
    }

    [Fact]
    public async Task Bench_access_refuses_a_postgres_password_on_the_recorded_command_line()
    {
        var result = await ZhizaoCli.RunAsync("bench", "access", "--postgres", "Host=127.0.0.1;Username=zhizao;Password=hunter2", "--out", _files.File("out"));

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("PGPASSWORD", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_files.File("out")));
    }

    [Fact]
    public async Task Bench_registry_writes_the_search_benchmark_as_the_registry_search_report()
    {
        var result = await ZhizaoCli.RunAsync("bench", "registry", "--descriptors", "300", "--queries", "60", "--warmup", "10", "--out", _files.File("out"));

        var report = await ReportAsync(result, "registry-search");
        var metrics = Metrics(report);
        Assert.True(metrics["query p99"] >= metrics["query p50"] && metrics["query p50"] > 0);
        Assert.True(metrics["hits per query"] > 0);
        Assert.Equal("≤ 20 ms at 10,000 descriptors", Target(report, "query p99"));
        Assert.Equal("300", report["parameters"]!["descriptors"]!.GetValue<string>());
        Assert.Contains("| chinese |", report["details"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bench_mcp_calls_the_skill_by_every_path_on_a_real_server_and_reports_the_overhead()
    {
        var result = await ZhizaoCli.RunAsync("bench", "mcp", "--calls", "15", "--warmup", "5", "--out", _files.File("out"), "--work", _files.Path);

        var report = await ReportAsync(result, "mcp-overhead");
        var metrics = Metrics(report);
        var direct = metrics["direct agent call (IAgent.InvokeAsync), p50"];
        var mcp = metrics["MCP tools/call over HTTP (official C# client), p50"];
        Assert.True(direct > 0 && mcp > direct, result.ToString());
        Assert.True(metrics["REST POST /api/v1/agents/…/skills/check, p50"] > direct);
        Assert.Equal(mcp - direct, metrics["MCP overhead: p50(MCP tools/call) − p50(direct)"], 6);
        Assert.Equal("≤ 5 ms", Target(report, "MCP overhead: p50(MCP tools/call) − p50(direct)"));
        Assert.Contains("audit entries written were verified", report["notes"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(Directory.GetDirectories(_files.Path, "zhizao-bench-mcp-*"));
    }

    private async Task<JsonNode> ReportAsync(CliResult result, string suite)
    {
        Assert.True(result.ExitCode == 0, result.ToString());
        var report = JsonNode.Parse(await File.ReadAllTextAsync(_files.File($"out/{suite}.json")))!;
        Assert.Equal(suite, report["suite"]!.GetValue<string>());
        Assert.StartsWith($"zhizao bench ", report["command"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("cores", report["machine"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(File.Exists(_files.File($"out/{suite}.md")));
        Assert.Contains($"(`{suite}`)", result.Stdout, StringComparison.Ordinal);
        return report;
    }

    private static Dictionary<string, double> Metrics(JsonNode report) =>
        report["metrics"]!.AsArray().ToDictionary(m => m!["name"]!.GetValue<string>(), m => m!["value"]!.GetValue<double>());

    private static string? Target(JsonNode report, string metric) =>
        report["metrics"]!.AsArray().Single(m => m!["name"]!.GetValue<string>() == metric)!["target"]?.GetValue<string>();
}
