using System.Globalization;
using System.Text;
using Zhizao.Core.Benchmarks;

namespace Zhizao.Cli.Bench;

/// <summary>The <c>docs</c> suite: assembles docs/benchmarks.md from the reports in the results directory.</summary>
internal static class BenchDocs
{
    /// <summary>Suites in the order the document shows them; others follow by name.</summary>
    private static readonly string[] Order = ["ingest", "mqtt", "query", "maintenance-nab", "maintenance-skab", "maintenance-rul", "maintenance-demo", "scheduling", "scheduling-hard", "scheduling-fjsp", "scheduling-ablation", "scheduling-large", "access", "registry-search", "mcp-overhead", "forecasting-m4-hourly", "forecasting-scale"];

    public static async Task<int> RunAsync(string resultsDirectory, string documentPath, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(resultsDirectory))
            return CliOutput.Fail(ExitCodes.NotFound, $"{resultsDirectory}: no such directory; run 'zhizao bench ingest|mqtt|query' first");
        var reports = new List<BenchmarkReport>();
        foreach (var file in Directory.EnumerateFiles(resultsDirectory, "*.json"))
            reports.Add(await BenchmarkReport.ReadAsync(file, cancellationToken));
        if (reports.Count == 0)
            return CliOutput.Fail(ExitCodes.NotFound, $"{resultsDirectory}: no benchmark reports (*.json)");
        reports.Sort((a, b) => Rank(a.Suite) != Rank(b.Suite) ? Rank(a.Suite).CompareTo(Rank(b.Suite)) : string.CompareOrdinal(a.Suite, b.Suite));

        var document = new StringBuilder();
        document.AppendLine("# Benchmarks").AppendLine();
        document.AppendLine("Every figure below was measured by a command of the `zhizao` CLI (`src/Zhizao.Cli/Bench`) and comes with that exact command,");
        document.AppendLine("its parameters, the data it used, the date and the machine. Targets are the goals set by the issues.");
        document.AppendLine("No figure here is typed in by hand: this page is assembled from the JSON reports the suites write.").AppendLine();
        document.AppendLine("To regenerate, run `bench/run-all.sh`, or suite by suite (about ten minutes at full size on two cores):").AppendLine();
        document.AppendLine("```sh");
        document.AppendLine("dotnet build -c Release src/Zhizao.Cli");
        document.AppendLine("zhizao=src/Zhizao.Cli/bin/Release/net10.0/linux-x64/zhizao");
        document.AppendLine("$zhizao bench ingest     # writes bench-results/ingest.json and ingest.md");
        document.AppendLine("$zhizao bench mqtt");
        document.AppendLine("$zhizao bench query");
        document.AppendLine("$zhizao bench maintenance   # NAB, SKAB, C-MAPSS and the demo plant (a few minutes)");
        document.AppendLine("$zhizao bench docs       # assembles this file from bench-results/*.json");
        document.AppendLine("```").AppendLine();
        document.AppendLine("Each suite accepts smaller sizes for a quick check (`zhizao bench query --seconds 3600`); see `zhizao bench SUITE --help`.");
        document.AppendLine("Figures from a quick run or a busy machine say so in their parameters and notes.").AppendLine();
        document.AppendLine("## Summary").AppendLine();
        document.AppendLine("Every figure with a target, and every throughput; the sections below give all figures with their provenance.").AppendLine();
        document.AppendLine("| Suite | Metric | Value | Unit | Target |").AppendLine("|---|---|---:|---|---|");
        foreach (var report in reports)
        {
            foreach (var metric in report.Metrics.Where(m => m.Target is not null || m.Unit == "points/s"))
                document.AppendLine(CultureInfo.InvariantCulture, $"| {report.Suite} | {metric.Name} | {BenchmarkReport.FormatValue(metric.Value)} | {metric.Unit} | {metric.Target} |");
        }
        var analysis = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(documentPath)) ?? ".", "..", "bench", "analysis.md");
        if (File.Exists(analysis))
        {
            // Hand-written reading of the figures (bottlenecks, missed targets, what would close them); versioned in bench/.
            document.AppendLine().AppendLine((await File.ReadAllTextAsync(analysis, cancellationToken)).Trim());
        }
        document.AppendLine().AppendLine("## Reports").AppendLine();
        foreach (var report in reports)
            document.AppendLine(report.ToMarkdown());

        var directory = Path.GetDirectoryName(Path.GetFullPath(documentPath));
        if (!string.IsNullOrEmpty(directory))
            Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(documentPath, document.ToString().TrimEnd() + "\n", cancellationToken);
        BenchRun.Progress($"{documentPath} assembled from {reports.Count} reports: {string.Join(", ", reports.Select(r => r.Suite))}");
        return ExitCodes.Ok;
    }

    private static int Rank(string suite) => Array.IndexOf(Order, suite) is var i and >= 0 ? i : Order.Length;
}
