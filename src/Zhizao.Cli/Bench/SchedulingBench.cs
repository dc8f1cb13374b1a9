using System.Globalization;
using Zhizao.Agents.Maintenance;
using Zhizao.Scheduling.Benchmarks;

namespace Zhizao.Cli.Bench;

/// <summary>
/// The <c>scheduling</c> suite: makespan on job-shop (standard format) and flexible job-shop (<c>.fjs</c>) instances with
/// OR-Tools CP-SAT, gaps to the best-known bounds, each schedule written as JSON and verified by the independent checker.
/// </summary>
internal static class SchedulingBench
{
    private static readonly string[] DefaultFamilies = ["ft", "la"];

    /// <summary>The default instances: Fisher–Thompson and Lawrence job shops.</summary>
    public static IReadOnlyList<string> DefaultInstances()
    {
        var jsp = SharedData.Resolve("jsp");
        return [.. DefaultFamilies.SelectMany(family => Directory.EnumerateFiles(Path.Combine(jsp, family))).Where(IsInstance).Order(StringComparer.Ordinal)];
    }

    /// <summary>Files named directly, or every instance file in a named directory (in name order).</summary>
    public static IReadOnlyList<string> Expand(IEnumerable<string> paths) =>
        [.. paths.SelectMany<string, string>(p => Directory.Exists(p)
            ? Directory.EnumerateFiles(p, "*", SearchOption.AllDirectories).Where(IsInstance).Order(StringComparer.Ordinal)
            : File.Exists(p) ? [p] : throw new FileNotFoundException($"{p}: no such instance file or directory"))];

    private static bool IsInstance(string path)
    {
        var extension = Path.GetExtension(path);
        return extension is "" or ".fjs" or ".txt" or ".jsp" && !Path.GetFileName(path).StartsWith('.');
    }

    public static async Task RunAsync(IReadOnlyList<string> instances, TimeSpan timeLimit, int workers, string suite, string outDirectory, CancellationToken cancellationToken)
    {
        var inv = CultureInfo.InvariantCulture;
        var run = new BenchRun(suite, $"Scheduling: makespan with OR-Tools CP-SAT, {timeLimit.TotalSeconds:0.#} s per instance, {workers} workers");
        run.DataPaths.AddRange(instances.Select(Path.GetDirectoryName).OfType<string>().Distinct(StringComparer.Ordinal));
        run.Parameter("time limit", $"{timeLimit.TotalSeconds:0.#} s");
        run.Parameter("workers", workers);
        run.Parameter("instances", instances.Count);
        var schedules = Path.Combine(outDirectory, suite);
        var progress = new Progress<BenchmarkInstanceResult>(r =>
            BenchRun.Progress(string.Create(inv, $"{r.Instance}: {r.Makespan?.ToString(inv) ?? "-"} (best {r.Reference?.UpperBound.ToString(inv) ?? "?"}){(r.ProvenOptimal ? ", proven optimal" : "")}, {r.Seconds:F1} s")));
        var report = await new SchedulingBenchmark(TimeProvider.System).RunAsync(instances, timeLimit, workers, schedules, progress: progress, cancellationToken: cancellationToken);

        if (report.MeanGap is { } gap)
            run.Metric("mean gap to the best-known upper bound", gap * 100, "%", better: "lower");
        if (report.MeanCpSatReferenceGap is { } reference)
            run.Metric("CP-SAT reference (600 s, 4 cores): mean gap", reference * 100, "%");
        run.Metric("proven optimal", report.ProvenCount, $"of {report.Instances.Count}", better: "higher");
        run.Metric("schedules failing the independent checker", report.Instances.Count(i => i.CheckerViolations.Count > 0), "instances", "0", "lower");
        foreach (var name in new[] { "ft06", "ft10" })
        {
            if (report.Instances.FirstOrDefault(i => i.Instance == name) is { } r)
            {
                run.Metric($"{name}: makespan", r.Makespan ?? double.NaN, "", name == "ft06" ? "55, proven in < 10 s" : "930, proven in < 10 s");
                run.Metric($"{name}: time", r.Seconds, "s");
            }
        }
        run.Note($"Each schedule is written as {schedules}/<instance>.json ({{\"instance\", \"makespan\", \"jobs\": [[{{\"machine\", \"start\"}}, …], …]}}, operations in file order, machines numbered as in the file) and re-checked from the file by an independent checker.");
        run.Details = report.ToMarkdown();
        await run.WriteAsync(outDirectory, cancellationToken);
    }
}
