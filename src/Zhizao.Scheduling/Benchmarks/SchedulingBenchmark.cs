using System.Globalization;
using System.Text;
using System.Text.Json;
using Zhizao.Scheduling.Solving;

namespace Zhizao.Scheduling.Benchmarks;

/// <summary>
/// A CP-SAT model configuration compared in a benchmark run: Zhizao's model, the textbook model (interval variables and
/// no-overlap only, CP-SAT defaults) and the steps between them, so each modelling choice's effect is measured.
/// </summary>
/// <param name="Name">Short name used in reports and as the schedules' subfolder.</param>
/// <param name="Strengthened">Head/tail bounds, machine-load bounds and a greedy start (see <see cref="SchedulerOptions.Strengthened"/>).</param>
/// <param name="StrongNoOverlap">CP-SAT's stronger no-overlap propagation (see <see cref="SchedulerOptions.StrongNoOverlap"/>).</param>
/// <param name="Parameters">Extra CP-SAT parameters in text format.</param>
/// <param name="GreedyHint">Whether the greedy plan is given as the search's starting point.</param>
public sealed record SchedulingModelVariant(string Name, bool Strengthened, bool StrongNoOverlap, string? Parameters = null, bool GreedyHint = true)
{
    /// <summary>Zhizao's model as the scheduling agent runs it.</summary>
    public static SchedulingModelVariant Zhizao { get; } = new("zhizao", true, true);

    /// <summary>The plain textbook model: interval variables and no-overlap only, CP-SAT's defaults.</summary>
    public static SchedulingModelVariant Textbook { get; } = new("textbook", false, false);

    /// <summary>The known variants by name: zhizao, textbook, textbook+strong-no-overlap, zhizao-weak-no-overlap.</summary>
    public static IReadOnlyList<SchedulingModelVariant> Known { get; } =
        [Zhizao, Textbook, new("textbook+strong-no-overlap", false, true), new("zhizao-weak-no-overlap", true, false), new("zhizao-no-hint", true, true, GreedyHint: false)];

    /// <summary>One line saying what the variant adds to the textbook model.</summary>
    public string Description => (Strengthened, StrongNoOverlap) switch
    {
        (false, false) => "interval variables + no-overlap only, CP-SAT defaults",
        (false, true) => "textbook + CP-SAT's strong no-overlap propagation (when no machine must process more than 30 operations)",
        (true, false) => "textbook + head/tail and machine-load bounds + greedy start hint",
        _ => "textbook + head/tail and machine-load bounds + greedy start hint + strong no-overlap propagation (when no machine must process more than 30 operations)",
    } + (Strengthened && !GreedyHint ? ", without the greedy hint" : "") + (string.IsNullOrWhiteSpace(Parameters) ? "" : $" + `{Parameters}`");
}

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

    /// <summary>The instance family: the letters its name starts with (ft, la, abz, orb, swv, yn, mk, …).</summary>
    public string Family => new string([.. Instance.TakeWhile(char.IsLetter)]) is { Length: > 0 } f ? f : Instance;
}

/// <summary>One variant's results over the run's instances.</summary>
public sealed record VariantResults(SchedulingModelVariant Variant, IReadOnlyList<BenchmarkInstanceResult> Instances)
{
    /// <summary>Mean gap over instances with a reference and a schedule (all families, or one).</summary>
    public double? MeanGap(string? family = null) => Mean(Of(family).Select(i => i.Gap));

    /// <summary>Mean gap of CP-SAT's 600 s reference over the same instances, when published.</summary>
    public double? MeanCpSatReferenceGap(string? family = null) => Mean(Of(family).Select(i => i.CpSatReferenceGap));

    /// <summary>Instances proven optimal.</summary>
    public int ProvenCount(string? family = null) => Of(family).Count(i => i.ProvenOptimal);

    /// <summary>Instances run (all families, or one).</summary>
    public int Count(string? family = null) => Of(family).Count();

    /// <summary>Mean wall time per instance.</summary>
    public double MeanSeconds(string? family = null) => Of(family).Select(i => i.Seconds).DefaultIfEmpty(0).Average();

    private IEnumerable<BenchmarkInstanceResult> Of(string? family) => family is null ? Instances : Instances.Where(i => i.Family == family);

    private static double? Mean(IEnumerable<double?> values) => values.OfType<double>().ToList() is { Count: > 0 } list ? list.Average() : null;
}

/// <summary>Results of a benchmark run: every variant on every instance, with its parameters.</summary>
public sealed record SchedulingBenchmarkReport(IReadOnlyList<VariantResults> Variants, TimeSpan TimeLimit, int Workers, DateTimeOffset Date)
{
    /// <summary>The first variant's results (the model under test).</summary>
    public VariantResults Primary => Variants[0];

    /// <summary>The first variant's per-instance results.</summary>
    public IReadOnlyList<BenchmarkInstanceResult> Instances => Primary.Instances;

    /// <summary>Instance families in first-seen order.</summary>
    public IReadOnlyList<string> Families => [.. Primary.Instances.Select(i => i.Family).Distinct(StringComparer.Ordinal)];

    /// <summary>Markdown: a summary per family and variant, then one row per instance with every variant's result.</summary>
    public string ToMarkdown()
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(inv, $"Time limit {TimeLimit.TotalSeconds:0.#} s per instance and model, {Workers} workers, {Date:yyyy-MM-dd HH:mm} UTC. Models:");
        sb.AppendLine();
        foreach (var v in Variants)
            sb.AppendLine(inv, $"- `{v.Variant.Name}`: {v.Variant.Description}");
        sb.AppendLine().AppendLine("| Family | Instances | " + string.Join(" | ", Variants.Select(v => $"{v.Variant.Name}: mean gap / proven / mean s")) + " | CP-SAT 600 s, 4 cores: mean gap |");
        sb.AppendLine("|---|---:|" + string.Concat(Variants.Select(_ => "---:|")) + "---:|");
        foreach (var family in Families.Append(null))
        {
            var cells = Variants.Select(v => string.Create(inv, $"{Percent(v.MeanGap(family))} / {v.ProvenCount(family)} / {v.MeanSeconds(family):F1}"));
            sb.AppendLine(inv, $"| {family ?? "all"} | {Primary.Count(family)} | {string.Join(" | ", cells)} | {Percent(Primary.MeanCpSatReferenceGap(family))} |");
        }

        sb.AppendLine().AppendLine("| Instance | Size | Best known | " + string.Join(" | ", Variants.Select(v => $"{v.Variant.Name}: makespan (gap) proven, s")) + " | CP-SAT 600 s | Checker |");
        sb.AppendLine("|---|---|---:|" + string.Concat(Variants.Select(_ => "---|")) + "---:|---|");
        for (var i = 0; i < Primary.Instances.Count; i++)
        {
            var r = Primary.Instances[i];
            var cells = Variants.Select(v => v.Instances[i]).Select(x =>
                string.Create(inv, $"{x.Makespan?.ToString(inv) ?? "-"} ({Percent(x.Gap)}){(x.ProvenOptimal ? " ✓" : "")}, {x.Seconds:F1}"));
            var ok = Variants.All(v => v.Instances[i].CheckerViolations.Count == 0);
            sb.AppendLine(inv, $"| {r.Instance} | {r.Jobs}x{r.Machines} | {r.Reference?.UpperBound.ToString(inv) ?? "-"} | {string.Join(" | ", cells)} | {Cpsat(r.Reference)} | {(ok ? "ok" : "FAIL")} |");
        }
        sb.AppendLine().AppendLine("✓ = proven optimal within the time limit. Gap = (makespan − best known upper bound) / best known upper bound.");
        return sb.ToString();

        string Percent(double? g) => g is { } v ? string.Create(inv, $"{v * 100:F2} %") : "-";
        string Cpsat(ReferenceBound? r) => r?.CpSatUpperBound is { } ub ? string.Create(inv, $"{ub}{(r.CpSatLowerBound == ub ? " (opt)" : "")}") : "-";
    }
}

/// <summary>
/// Runs makespan benchmarks on job-shop (standard format) and flexible job-shop (<c>.fjs</c>) files, for one or more
/// model variants (instance by instance, so a busy machine affects them alike), writes each schedule as JSON, verifies
/// it with <see cref="BenchmarkScheduleChecker"/>, and writes a summary (<c>scheduling-benchmark.json</c>, <c>.md</c>).
/// </summary>
public sealed class SchedulingBenchmark(TimeProvider timeProvider)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>Solves each instance for makespan within <paramref name="timeLimit"/> on <paramref name="workers"/> workers.</summary>
    /// <param name="instanceFiles">Instance files, in the order to run.</param>
    /// <param name="timeLimit">Time limit per instance and variant.</param>
    /// <param name="workers">CP-SAT workers.</param>
    /// <param name="outputDirectory">
    /// Where the first variant's schedules (<c>{instance}.json</c>) and the summary go; other variants' schedules go to a
    /// subfolder named after the variant.
    /// </param>
    /// <param name="variants">The models to run; Zhizao's model alone when null.</param>
    /// <param name="progress">Receives each instance's result as it completes, with its variant.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    public async Task<SchedulingBenchmarkReport> RunAsync(IEnumerable<string> instanceFiles, TimeSpan timeLimit, int workers, string outputDirectory,
        IReadOnlyList<SchedulingModelVariant>? variants = null, IProgress<(SchedulingModelVariant Variant, BenchmarkInstanceResult Result)>? progress = null,
        CancellationToken cancellationToken = default)
    {
        variants = variants is { Count: > 0 } ? variants : [SchedulingModelVariant.Zhizao];
        Directory.CreateDirectory(outputDirectory);
        var date = timeProvider.GetUtcNow();
        var results = variants.Select(_ => new List<BenchmarkInstanceResult>()).ToList();
        foreach (var file in instanceFiles)
        {
            var instance = await BenchmarkInstance.ReadAsync(file, cancellationToken);
            var reference = await ReferenceBounds.FindAsync(file, cancellationToken);
            for (var v = 0; v < variants.Count; v++)
            {
                var variant = variants[v];
                var directory = v == 0 ? outputDirectory : Path.Combine(outputDirectory, variant.Name);
                var result = await RunOneAsync(file, instance, reference, variant, timeLimit, workers, directory, cancellationToken);
                results[v].Add(result);
                progress?.Report((variant, result));
            }
        }
        var report = new SchedulingBenchmarkReport([.. variants.Select((v, i) => new VariantResults(v, results[i]))], timeLimit, workers, date);
        await File.WriteAllTextAsync(Path.Combine(outputDirectory, "scheduling-benchmark.json"), JsonSerializer.Serialize(report, Json), cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(outputDirectory, "scheduling-benchmark.md"), report.ToMarkdown(), cancellationToken);
        return report;
    }

    private async Task<BenchmarkInstanceResult> RunOneAsync(string file, BenchmarkInstance instance, ReferenceBound? reference, SchedulingModelVariant variant,
        TimeSpan timeLimit, int workers, string directory, CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        var options = new SchedulerOptions
        {
            TimeLimit = timeLimit, Workers = workers, Strengthened = variant.Strengthened, StrongNoOverlap = variant.StrongNoOverlap, ExtraParameters = variant.Parameters,
            GreedyHint = variant.GreedyHint,
        };
        var solved = await CpSatScheduler.SolveAsync(instance.ToProblem(), options, cancellationToken);
        var seconds = timeProvider.GetElapsedTime(started).TotalSeconds;
        string? schedulePath = null;
        IReadOnlyList<string> violations = [];
        if (solved.HasSchedule)
        {
            Directory.CreateDirectory(directory);
            schedulePath = Path.Combine(directory, instance.Name + ".json");
            await BenchmarkSchedule.From(instance, solved).WriteAsync(schedulePath, cancellationToken);
            violations = (await BenchmarkScheduleChecker.CheckAsync(file, schedulePath, cancellationToken)).Violations;
        }
        return new BenchmarkInstanceResult(instance.Name, file, instance.Jobs.Count, instance.MachineCount, solved.Kpis?.Makespan,
            solved.Bound, solved.ProvenOptimal, seconds, reference, schedulePath, violations);
    }
}
