using System.Globalization;
using Zhizao.Core.Benchmarks;

namespace Zhizao.Cli.Bench;

/// <summary>
/// Collects one suite's provenance and figures while it runs, then writes its <see cref="BenchmarkReport"/>.
/// The load average is sampled at start and end: a busy machine is noted in the report, since its figures are then low.
/// </summary>
internal sealed class BenchRun
{
    /// <summary>One-minute load per core above which a run is noted as disturbed.</summary>
    private const double BusyLoadPerCore = 0.75;

    private readonly List<BenchmarkMetric> _metrics = [];
    private readonly List<string> _notes = [];
    private readonly double _loadBefore = BenchEnvironment.LoadAverage();

    public BenchRun(string suite, string title)
    {
        Suite = suite;
        Title = title;
        Date = TimeProvider.System.GetUtcNow();
    }

    public string Suite { get; }

    public string Title { get; }

    public DateTimeOffset Date { get; }

    /// <summary>Parameters of the run (name → value as text).</summary>
    public Dictionary<string, string> Parameters { get; } = new(StringComparer.Ordinal);

    /// <summary>Data the run read or wrote (temporary paths say so).</summary>
    public List<string> DataPaths { get; } = [];

    /// <summary>Adds a parameter, formatted invariantly.</summary>
    public void Parameter(string name, object value) => Parameters[name] = Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";

    /// <summary>Adds a figure and echoes it on stderr.</summary>
    public void Metric(string name, double value, string unit, string? target = null, string better = "")
    {
        _metrics.Add(new BenchmarkMetric(name, value, unit, target, better));
        Progress($"{name}: {value.ToString("G6", CultureInfo.InvariantCulture)} {unit}{(target is null ? "" : $" (target {target})")}");
    }

    /// <summary>Adds a sentence to the report's notes.</summary>
    public void Note(string note) => _notes.Add(note);

    /// <summary>A Markdown block shown after the metrics and notes (e.g. a per-instance table).</summary>
    public string? Details { get; set; }

    /// <summary>Writes a progress line on stderr.</summary>
    public static void Progress(string message) => Console.Error.WriteLine($"[bench] {message}");

    /// <summary>Writes <c>{suite}.json</c> and <c>{suite}.md</c> into <paramref name="directory"/> and prints the Markdown on stdout.</summary>
    public async Task<BenchmarkReport> WriteAsync(string directory, CancellationToken cancellationToken)
    {
        var loadAfter = BenchEnvironment.LoadAverage();
        var busy = Environment.ProcessorCount * BusyLoadPerCore;
        var notes = new List<string>(_notes);
        // Only the load at start tells of other work: the run's own threads raise the load at the end.
        if (_loadBefore > busy)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"The machine was busy with other work: one-minute load average {_loadBefore:F2} when the run started ({loadAfter:F2} at its end, its own load included) on {Environment.ProcessorCount} cores, so figures may be low."));
        }
        var report = new BenchmarkReport(Suite, Title, BenchEnvironment.CommandLine(), DataPaths, Parameters, Date,
            BenchmarkReport.DescribeMachine(), _metrics, notes.Count > 0 ? string.Join(" ", notes) : null, Details);
        var path = await report.WriteAsync(directory, cancellationToken);
        Console.Out.Write(report.ToMarkdown());
        Progress($"report written to {path}");
        return report;
    }
}
