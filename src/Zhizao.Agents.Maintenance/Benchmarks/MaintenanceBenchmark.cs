using System.Globalization;
using System.Text;
using Zhizao.Agents.Maintenance.Benchmarks.Nab;
using Zhizao.Agents.Maintenance.Benchmarks.Skab;
using Zhizao.Agents.Maintenance.Rul;
using Zhizao.Core.Benchmarks;

namespace Zhizao.Agents.Maintenance.Benchmarks;

/// <summary>C-MAPSS-format files (any subset) for the remaining-useful-life benchmark.</summary>
public sealed record RulBenchmarkFiles(string TrainFile, string TestFile, string TruthFile);

/// <summary>
/// The maintenance agent's benchmark suites, each returning its metrics and writing its raw outputs under an output directory so
/// that any run can be re-scored independently: NAB (Zhizao's detector in NAB's results layout, plus the scorer checked against
/// NAB's published scores), SKAB (predicted labels per test row) and C-MAPSS (predicted RUL per test engine).
/// </summary>
public static class MaintenanceBenchmark
{
    /// <summary>Detectors whose raw NAB results ship with the data.</summary>
    public static readonly string[] PublishedNabDetectors = ["numenta", "relativeEntropy"];

    /// <summary>NAB: the scorer reproduces published scores, then Zhizao's detector is scored (three profiles, cost per point).</summary>
    public static async Task<IReadOnlyList<BenchmarkMetric>> NabAsync(string nabRoot, string outputDirectory, CancellationToken cancellationToken)
    {
        var metrics = new List<BenchmarkMetric>();
        foreach (var detector in PublishedNabDetectors)
        {
            foreach (var r in await NabBenchmark.ReproducePublishedAsync(detector, cancellationToken))
            {
                metrics.Add(new BenchmarkMetric($"scorer check: {detector} {r.Profile} (published {r.PublishedNormalizedScore.ToString("F2", CultureInfo.InvariantCulture)})",
                    r.Score.NormalizedScore, "score", "within 0.1 of published"));
            }
        }
        var zhizao = await NabZhizaoRun.RunAsync(nabRoot, outputDirectory, cancellationToken);
        var standard = zhizao.Scores.Single(s => s.Profile.Name == "standard");
        metrics.Add(new BenchmarkMetric("Zhizao standard profile", zhizao.Standard, "score", "> 74.85 (ARTime)", "higher"));
        metrics.Add(new BenchmarkMetric("Zhizao reward low FP profile", zhizao.RewardLowFalsePositives, "score", Better: "higher"));
        metrics.Add(new BenchmarkMetric("Zhizao reward low FN profile", zhizao.RewardLowFalseNegatives, "score", Better: "higher"));
        metrics.Add(new BenchmarkMetric("Zhizao standard: windows detected", standard.DetectedWindows, "windows"));
        metrics.Add(new BenchmarkMetric("Zhizao standard: windows missed", standard.MissedWindows, "windows", Better: "lower"));
        metrics.Add(new BenchmarkMetric("Zhizao standard: false positives", standard.FalsePositives, "detections", Better: "lower"));
        metrics.Add(new BenchmarkMetric("Zhizao detector cost", zhizao.NanosecondsPerPoint / 1000, "µs/point", Better: "lower"));
        metrics.Add(new BenchmarkMetric("series points scored", zhizao.Points, "points"));
        return metrics;
    }

    /// <summary>SKAB: outlier F1/FAR/MAR and changepoint NAB scores of Zhizao's machine detector over every labelled run.</summary>
    public static async Task<IReadOnlyList<BenchmarkMetric>> SkabAsync(string skabRoot, string outputDirectory, CancellationToken cancellationToken)
    {
        var r = await SkabBenchmark.RunAsync(skabRoot, outputDirectory, cancellationToken);
        var standard = r.Changepoint[0];
        return
        [
            new("outlier F1", r.Outlier.F1, "", "≥ 0.80", "higher"),
            new("outlier FAR", r.Outlier.FalseAlarmRate * 100, "%", "≤ 15", "lower"),
            new("outlier MAR", r.Outlier.MissedAlarmRate * 100, "%", "≤ 25", "lower"),
            new("changepoint NAB standard", standard.NormalizedScore, "score", "≥ 35", "higher"),
            new("changepoint NAB low FP", r.Changepoint[1].NormalizedScore, "score", Better: "higher"),
            new("changepoint NAB low FN", r.Changepoint[2].NormalizedScore, "score", Better: "higher"),
            new("changepoints missed (standard)", standard.MissedWindows, "changepoints", Better: "lower"),
            new("changepoint false positives (standard)", standard.FalsePositives, "detections", Better: "lower"),
            new("runs", r.Files, "files"),
            new("test rows", r.TestRows, "rows"),
            new("detector cost", r.MicrosecondsPerRow / 8, "µs/point", "≤ 5", "lower"),
            new("training time, all runs", r.TrainingTime.TotalSeconds, "s", Better: "lower"),
        ];
    }

    /// <summary>
    /// Remaining useful life: trains on the training file, predicts the last cycle of each test engine, and writes
    /// <c>rul.csv</c> (<c>unit,rul</c>) and <c>rul-band.csv</c> (unit, rul, lower, upper, true) beside the report.
    /// </summary>
    public static async Task<IReadOnlyList<BenchmarkMetric>> RulAsync(RulBenchmarkFiles files, string outputDirectory, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        var train = CmapssReader.ReadFile(files.TrainFile);
        var test = CmapssReader.ReadFile(files.TestFile);
        var truth = CmapssReader.ReadTruthFile(files.TruthFile);
        var trained = new RulTrainer(new RulTrainerOptions(), time).Train(train, cancellationToken);
        var predictions = trained.Model.Predict(test);
        var evaluation = RulEvaluation.Compute(predictions, truth);
        using var regressor = new MemoryStream();
        trained.Model.SaveRegressor(regressor);
        using var onnx = new MemoryStream();
        trained.Model.ExportOnnx(onnx);

        Directory.CreateDirectory(outputDirectory);
        var plain = new StringBuilder("unit,rul\n");
        var band = new StringBuilder("unit,rul,lower,upper,true_rul\n");
        for (var i = 0; i < predictions.Count; i++)
        {
            var p = predictions[i];
            plain.Append(CultureInfo.InvariantCulture, $"{p.Unit},{p.Rul:F3}\n");
            band.Append(CultureInfo.InvariantCulture, $"{p.Unit},{p.Rul:F3},{p.Lower:F3},{p.Upper:F3},{truth[i]}\n");
        }
        await File.WriteAllTextAsync(Path.Combine(outputDirectory, "rul.csv"), plain.ToString(), cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(outputDirectory, "rul-band.csv"), band.ToString(), cancellationToken);
        return
        [
            new("RMSE", evaluation.Rmse, "cycles", "≤ 12.0 (goal < 10.97)", "lower"),
            new("PHM08 score", evaluation.Score, "", Better: "lower"),
            new("80 % band coverage", evaluation.BandCoverage * 100, "%"),
            new("training time", trained.TrainingTime.TotalSeconds, "s", "≤ 120", "lower"),
            new("model size (ML.NET zip)", regressor.Length / 1024.0, "KiB", Better: "lower"),
            new("model size (ONNX)", onnx.Length / 1024.0, "KiB", Better: "lower"),
            new("test engines", evaluation.Engines, "engines"),
        ];
    }
}
