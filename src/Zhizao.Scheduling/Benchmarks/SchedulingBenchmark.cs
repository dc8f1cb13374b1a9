using System.Globalization;
using System.Text;
using System.Text.Json;
using Zhizao.Scheduling.Solving;

namespace Zhizao.Scheduling.Benchmarks;

/// <summary>Result on one benchmark instance.</summary>
/// <param name="Instance">Instance name (file name without extension).</param>
/// <param name="Path">Instance file.</param>
/// <param name="Jobs">Job count.</param>
/// <param name="Machines">Machine count.</param>
/// <param name="Makespan">Makespan found (null when none).</param>
/// <param name="LowerBound">CP-SAT's proven lower bound.</param>
/// <param name="ProvenOptimal">Whether optimality was proven.</param>
/// <param name="Seconds">Wall time of the solve.</param>
/// <param name="Reference">Published bounds, when the instance is listed.</param>
/// <param name="SchedulePath">The schedule JSON written (null when none).</param>
/// <param name="CheckerViolations">Violations the independent checker found in the written file (empty when valid).</param>
public sealed record BenchmarkInstanceResult(
    string Instance, string Path, int Jobs, int Machines, long? Makespan, double LowerBound, bool ProvenOptimal, double Seconds,
    ReferenceBound? Reference, string? SchedulePath, IReadOnlyList<string> CheckerViolations)
{
    /// <summary>(found − best upper bound) / best upper bound; null without a reference or a schedule.</summary>
    public double? Gap => Makespan is { } m && Reference is { } r ? (double)(m - r.UpperBound) / r.UpperBound : null;

    /// <summary>Gap of CP-SAT's 600 s reference run to the best upper bound, when published.</summary>
    public double? CpSatReferenceGap => Reference is { CpSatUpperBound: { } c } r ? (double)(c - r.UpperBound) / r.UpperBound : null;
}

/// <summary>Results of a benchmark run with its parameters and summary figures.</summary>
public sealed record SchedulingBenchmarkReport(
    IReadOnlyList<BenchmarkInstanceResult> Instances, TimeSpan TimeLimit, int Workers, bool Strengthened, DateTimeOffset Date)
{
    /// <summary>Mean gap over instances with a reference and a schedule.</summary>
    public double? MeanGap => Instances.Select(i => i.Gap).OfType<double>().DefaultIfEmpty(double.NaN).Average() is var g && double.IsNaN(g) ? null : g;

    /// <summary>Mean gap of CP-SAT's 600 s reference over the same instances, when published.</summary>
    public double? MeanCpSatReferenceGap => Instances.Select(i => i.CpSatReferenceGap).OfType<double>().DefaultIfEmpty(double.NaN).Average() is var g && double.IsNaN(g) ? null : g;

    /// <summary>Instances proven optimal.</summary>
    public int ProvenCount => Instances.Count(i => i.ProvenOptimal);

    /// <summary>A Markdown table of the run.</summary>
    public string ToMarkdown()
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(inv, $"Time limit {TimeLimit.TotalSeconds:0.#} s, {Workers} workers, {(Strengthened ? "strengthened" : "textbook")} model, {Date:yyyy-MM-dd HH:mm} UTC").AppendLine();
        sb.AppendLine("| Instance | Size | Makespan | Best known | Gap | Proven | Time (s) | CP-SAT 600 s | Checker |").AppendLine("|---|---|---:|---:|---:|---|---:|---:|---|");
        foreach (var r in Instances)
            sb.AppendLine(inv, $"| {r.Instance} | {r.Jobs}x{r.Machines} | {r.Makespan?.ToString(inv) ?? "-"} | {r.Reference?.UpperBound.ToString(inv) ?? "-"} | {Percent(r.Gap)} | {(r.ProvenOptimal ? "yes" : "no")} | {r.Seconds:F2} | {Cpsat(r.Reference)} | {(r.CheckerViolations.Count == 0 ? "ok" : "FAIL")} |");
        sb.AppendLine().AppendLine(inv, $"Mean gap {Percent(MeanGap)} (CP-SAT 600 s reference: {Percent(MeanCpSatReferenceGap)}); proven optimal {ProvenCount} of {Instances.Count}.");
        return sb.ToString();

        string Percent(double? g) => g is { } v ? string.Create(inv, $"{v * 100:F2} %") : "-";
        string Cpsat(ReferenceBound? r) => r?.CpSatUpperBound is { } ub ? string.Create(inv, $"{ub}{(r.CpSatLowerBound == ub ? " (opt)" : "")}") : "-";
    }
}

/// <summary>
/// Runs makespan benchmarks on job-shop (standard format) and flexible job-shop (<c>.fjs</c>) files, writes each
/// schedule as JSON, verifies it with <see cref="BenchmarkScheduleChecker"/>, and writes a summary
/// (<c>scheduling-benchmark.json</c>, <c>.md</c>) to the output directory.
/// </summary>
public sealed class SchedulingBenchmark(TimeProvider timeProvider)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>Solves each instance for makespan within <paramref name="timeLimit"/> on <paramref name="workers"/> workers.</summary>
    /// <param name="instanceFiles">Instance files, in the order to run.</param>
    /// <param name="timeLimit">Time limit per instance.</param>
    /// <param name="workers">CP-SAT workers.</param>
    /// <param name="outputDirectory">Where schedules (<c>{instance}.json</c>) and the summary go.</param>
    /// <param name="strengthened">False runs the textbook model (interval variables and no-overlap only) for comparison.</param>
    /// <param name="progress">Receives each instance's result as it completes.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    public async Task<SchedulingBenchmarkReport> RunAsync(IEnumerable<string> instanceFiles, TimeSpan timeLimit, int workers, string outputDirectory,
        bool strengthened = true, IProgress<BenchmarkInstanceResult>? progress = null, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(outputDirectory);
        var date = timeProvider.GetUtcNow();
        var results = new List<BenchmarkInstanceResult>();
        foreach (var file in instanceFiles)
        {
            var instance = await BenchmarkInstance.ReadAsync(file, cancellationToken);
            var reference = await ReferenceBounds.FindAsync(file, cancellationToken);
            var started = timeProvider.GetTimestamp();
            var options = new SchedulerOptions { TimeLimit = timeLimit, Workers = workers, Strengthened = strengthened };
            var solved = await CpSatScheduler.SolveAsync(instance.ToProblem(), options, cancellationToken);
            var seconds = timeProvider.GetElapsedTime(started).TotalSeconds;
            string? schedulePath = null;
            IReadOnlyList<string> violations = [];
            if (solved.HasSchedule)
            {
                schedulePath = Path.Combine(outputDirectory, instance.Name + ".json");
                var schedule = BenchmarkSchedule.From(instance, solved);
                await schedule.WriteAsync(schedulePath, cancellationToken);
                violations = (await BenchmarkScheduleChecker.CheckAsync(file, schedulePath, cancellationToken)).Violations;
            }
            var result = new BenchmarkInstanceResult(instance.Name, file, instance.Jobs.Count, instance.MachineCount, solved.Kpis?.Makespan,
                solved.Bound, solved.ProvenOptimal, seconds, reference, schedulePath, violations);
            results.Add(result);
            progress?.Report(result);
        }
        var report = new SchedulingBenchmarkReport(results, timeLimit, workers, strengthened, date);
        await File.WriteAllTextAsync(Path.Combine(outputDirectory, "scheduling-benchmark.json"), JsonSerializer.Serialize(report, Json), cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(outputDirectory, "scheduling-benchmark.md"), report.ToMarkdown(), cancellationToken);
        return report;
    }
}
