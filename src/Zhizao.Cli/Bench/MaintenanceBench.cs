using Microsoft.Extensions.Logging.Abstractions;
using Zhizao.Agents.Maintenance;
using Zhizao.Agents.Maintenance.Agent;
using Zhizao.Agents.Maintenance.Benchmarks;
using Zhizao.Storage.DuckDb;

namespace Zhizao.Cli.Bench;

/// <summary>Where the maintenance suites read their data (null: the shared public data).</summary>
internal sealed record MaintenanceBenchOptions(IReadOnlySet<string> Suites, string? Nab, string? Skab, string? Train, string? Test, string? Truth);

/// <summary>
/// The maintenance suites, one report each: <c>maintenance-nab</c>, <c>maintenance-skab</c>, <c>maintenance-rul</c> (C-MAPSS)
/// and <c>maintenance-demo</c> (the agent on a simulated run of the demo plant). Raw outputs go beside the reports.
/// </summary>
internal static class MaintenanceBench
{
    /// <summary>The suites, in the order they run.</summary>
    public static readonly string[] Suites = ["nab", "skab", "rul", "demo"];

    public static async Task RunAsync(MaintenanceBenchOptions options, string outDirectory, CancellationToken cancellationToken)
    {
        if (options.Suites.Contains("nab"))
            await NabAsync(options.Nab ?? SharedData.Resolve("nab"), outDirectory, cancellationToken);
        if (options.Suites.Contains("skab"))
            await SkabAsync(options.Skab ?? SharedData.Resolve("skab"), outDirectory, cancellationToken);
        if (options.Suites.Contains("rul"))
        {
            await RulAsync(new RulBenchmarkFiles(
                options.Train ?? SharedData.Resolve("cmapss", "train_FD001.txt"),
                options.Test ?? SharedData.Resolve("cmapss", "test_FD001.txt"),
                options.Truth ?? SharedData.Resolve("cmapss", "RUL_FD001.txt")), outDirectory, cancellationToken);
        }
        if (options.Suites.Contains("demo"))
            await DemoAsync(outDirectory, cancellationToken);
    }

    private static async Task NabAsync(string nabRoot, string outDirectory, CancellationToken cancellationToken)
    {
        var run = new BenchRun("maintenance-nab", "Predictive maintenance on NAB: Zhizao's streaming detector, and the NAB scorer checked against published scores");
        run.DataPaths.Add(nabRoot);
        run.Parameter("detector", "online, no labels: three fuzzy ART novelty detectors (vigilance 0.75/0.8/0.85), context novelty (4/8/16 levels) over the series range NAB hands to detectors, and robust-z/noise-burst anomaly likelihoods, max-combined, reported at onset");
        run.Parameter("threshold", "optimised per profile over all series, as NAB does");
        var results = Path.Combine(outDirectory, "nab");
        BenchRun.Progress("NAB: scorer check and Zhizao's detector on every series");
        foreach (var metric in await MaintenanceBenchmark.NabAsync(nabRoot, results, cancellationToken))
            run.Metric(metric.Name, metric.Value, metric.Unit, metric.Target, metric.Better);
        run.Note($"Raw results in NAB's layout and columns: {Path.Combine(results, "zhizao")}/<category>/zhizao_<file>.csv (timestamp,value,anomaly_score,label).");
        run.Note("Published standard-profile scores: ARTime 74.85, Numenta HTM 70.10, contextOSE 69.90, knncad 57.99, relativeEntropy 54.64.");
        await run.WriteAsync(outDirectory, cancellationToken);
    }

    private static async Task SkabAsync(string skabRoot, string outDirectory, CancellationToken cancellationToken)
    {
        var run = new BenchRun("maintenance-skab", "Predictive maintenance on SKAB: outlier and changepoint problems (first 400 rows of each run train)");
        run.DataPaths.Add(skabRoot);
        run.Parameter("detector", "machine detector with the ridge forecaster (2 lags), 0.1 % calibrated false-alarm rate, on after 2 rows, off after 8");
        run.Parameter("changepoint window", "60 s to the right of each true changepoint");
        BenchRun.Progress("SKAB: every labelled run");
        foreach (var metric in await MaintenanceBenchmark.SkabAsync(skabRoot, outDirectory, cancellationToken))
            run.Metric(metric.Name, metric.Value, metric.Unit, metric.Target, metric.Better);
        run.Note($"Predicted labels for every test row: {Path.Combine(outDirectory, "skab")}/<folder>/<file>.csv (datetime;anomaly;changepoint).");
        run.Note("Published: outlier F1 Conv-AE 0.78 (FAR 13.55 %, MAR 28.02 %), MSET 0.78, T²+Q 0.76; changepoint NAB standard MSCRED 32.42.");
        await run.WriteAsync(outDirectory, cancellationToken);
    }

    private static async Task RulAsync(RulBenchmarkFiles files, string outDirectory, CancellationToken cancellationToken)
    {
        var run = new BenchRun("maintenance-rul", "Remaining useful life on C-MAPSS (official test set, RUL cap 125)");
        run.DataPaths.AddRange([files.TrainFile, files.TestFile, files.TruthFile]);
        run.Parameter("rul model", "LightGBM on rolling features and a learned health index, per-operating-condition normalisation, target capped at 125, seed 17, 1 thread");
        BenchRun.Progress("C-MAPSS: train, predict, score");
        foreach (var metric in await MaintenanceBenchmark.RulAsync(files, outDirectory, TimeProvider.System, cancellationToken))
            run.Metric(metric.Name, metric.Value, metric.Unit, metric.Target, metric.Better);
        run.Note("Predicted RUL per test engine: rul.csv (unit,rul) and rul-band.csv (unit,rul,lower,upper,true_rul) beside this report.");
        run.Note("Published RMSE: random forest ≈ 17.9, CNN 18.45, LSTM 16.14, DCNN 12.61, AGCNN 12.42, MS-DCNN 11.44, MTSTAN 10.97.");
        await run.WriteAsync(outDirectory, cancellationToken);
    }

    private static async Task DemoAsync(string outDirectory, CancellationToken cancellationToken)
    {
        var run = new BenchRun("maintenance-demo", "The maintenance agent on 75 simulated minutes of the demo plant (seed 42, default faults), through a real store");
        var options = new MaintenanceOptions();
        run.Parameter("normal period", options.NormalPeriod);
        run.Parameter("on-delay / off-delay", $"{options.OnDelay} / {options.OffDelay}");
        run.Parameter("target false-alarm rate per row", options.TargetFalseAlarmRate);
        using var scratch = new BenchScratch("maintenance-demo", null, keep: false);
        await using var store = new DuckDbStore(new DuckDbStoreOptions { Path = scratch.Combine("demo.duckdb") }, NullLogger<DuckDbStore>.Instance);
        await store.InitializeAsync(cancellationToken);
        BenchRun.Progress("demo plant: 75 simulated minutes through the agent");
        var result = await DemoPlantRun.RunAsync(store, options, TimeSpan.FromMinutes(75), cancellationToken);

        var wear = result.Faults.Single(f => f.Fault == "BearingWear");
        var stuck = result.Faults.Single(f => f.Fault == "StuckSensor");
        run.Metric("bearing wear: lead time before failure", wear.LeadTime?.TotalMinutes ?? 0, "min", "> 0 (flagged before failure)", "higher");
        run.Metric("bearing wear: detection delay after onset", wear.AlarmAt is { } a ? (a - wear.Start).TotalMinutes : double.NaN, "min", better: "lower");
        run.Metric("stuck sensor classified as a sensor fault", stuck.Condition == "sensor-fault:stuck-sensor" ? 1 : 0, "yes=1", "1");
        run.Metric("stuck sensor: detection delay", stuck.AlarmAt is { } s ? (s - stuck.Start).TotalSeconds : double.NaN, "s", better: "lower");
        run.Metric("injected faults detected", result.Faults.Count(f => f.AlarmAt is not null), $"of {result.Faults.Count}", better: "higher");
        if (result.Rul is { } rul)
        {
            var (predicted, lower, upper) = rul.Predicted;
            run.Metric($"bearing wear: RUL estimated {DemoPlantRun.RulProbeBeforeFailure.TotalMinutes:F0} min before failure", (predicted ?? double.NaN) / 60, "min");
            run.Metric("bearing wear: RUL band, early end", (lower ?? double.NaN) / 60, "min");
            run.Metric("bearing wear: RUL band, late end", (upper ?? double.NaN) / 60, "min");
            run.Metric("bearing wear: actual time until that signal passed its limit", (rul.ActualSeconds ?? double.NaN) / 60, "min");
            run.Note($"RUL check at {rul.At:HH:mm}: {rul.Estimate?["text"]?["en"]}; {rul.LimitSignal} actually passed its limit at {rul.LimitReachedAt:HH:mm:ss}, the machine failed at {rul.FailureAt:HH:mm}.");
        }
        run.Metric("alarms", result.Alarms, "alarms");
        run.Metric("false alarms (no fault acting on the machine)", result.FalseAlarms, "alarms", better: "lower");
        run.Metric("alarm rate, whole plant", result.AlarmsPerHour, "alarms/h", "≤ 12 (EEMUA 191 manageable)", "lower");
        run.Metric("work orders", result.WorkOrders, "orders");
        run.Metric("streaming cost per point (scoring, all detectors)", result.ScoringMicrosPerPoint, "µs/point", "≤ 5", "lower");
        run.Metric("1,000 signals at 1 Hz: share of one core", result.ScoringMicrosPerPoint * 1000 / 1e6 * 100, "%", "≤ 10", "lower");
        run.Metric("agent cost per point (learning, scoring, alarms and work orders in the store)", result.MicrosPerPoint, "µs/point", better: "lower");
        foreach (var f in result.Faults)
            run.Note($"{f.Machine} {f.Fault} from {f.Start:HH:mm}: {(f.AlarmAt is { } at ? $"alarm {at:HH:mm:ss} ({f.Condition})" : "not detected")}{(f.LeadTime is { } lead ? $", {lead.TotalMinutes:F1} min before failure" : "")}.");
        run.Note("A 1,000-signal plant at 1 Hz receives 1,000 points per second; its share of one core is the scoring cost per point × 1,000 per second.");
        await run.WriteAsync(outDirectory, cancellationToken);
    }
}
