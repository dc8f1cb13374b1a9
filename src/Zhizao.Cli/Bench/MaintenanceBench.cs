using Zhizao.Agents.Maintenance;
using Zhizao.Agents.Maintenance.Benchmarks;

namespace Zhizao.Cli.Bench;

/// <summary>The <c>maintenance</c> suite: runs the maintenance agent's benchmark and writes its report.</summary>
internal static class MaintenanceBench
{
    public static async Task RunAsync(string? train, string? test, string? truth, string outDirectory, CancellationToken cancellationToken)
    {
        var options = new MaintenanceBenchmarkOptions(
            train ?? SharedData.Resolve("cmapss", "train_FD001.txt"),
            test ?? SharedData.Resolve("cmapss", "test_FD001.txt"),
            truth ?? SharedData.Resolve("cmapss", "RUL_FD001.txt"),
            outDirectory);
        var run = new BenchRun("maintenance", "Predictive maintenance: NAB scorer check and remaining useful life (C-MAPSS)");
        run.DataPaths.Add(SharedData.Resolve("nab"));
        run.DataPaths.AddRange([options.TrainFile, options.TestFile, options.TruthFile]);
        run.Parameter("rul model", "LightGBM on rolling features and a learned health index, target capped at 125, seed 17, 1 thread");
        foreach (var metric in await MaintenanceBenchmark.RunAsync(options, TimeProvider.System, cancellationToken))
            run.Metric(metric.Name, metric.Value, metric.Unit, metric.Target, metric.Better);
        run.Note("RUL predictions are written to rul-predictions.csv beside this report. NAB scores of Zhizao's own detectors and SKAB come with the detectors (issue 3).");
        await run.WriteAsync(outDirectory, cancellationToken);
    }
}
