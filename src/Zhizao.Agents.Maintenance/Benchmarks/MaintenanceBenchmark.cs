using System.Globalization;
using System.Text;
using Zhizao.Agents.Maintenance.Benchmarks.Nab;
using Zhizao.Agents.Maintenance.Rul;
using Zhizao.Core.Benchmarks;

namespace Zhizao.Agents.Maintenance.Benchmarks;

/// <summary>Inputs of the maintenance benchmark: C-MAPSS-format files (any subset) and where raw outputs go.</summary>
public sealed record MaintenanceBenchmarkOptions(string TrainFile, string TestFile, string TruthFile, string OutputDirectory);

/// <summary>
/// The maintenance agent's benchmark suite, so far: the NAB scorer checked against NAB's published scores, and
/// remaining useful life on C-MAPSS (RMSE, PHM08 score, band coverage, training time). Writes the RUL predictions
/// as <c>rul-predictions.csv</c> (unit, predicted, lower, upper, true) so that the run can be re-scored independently.
/// </summary>
public static class MaintenanceBenchmark
{
    /// <summary>Detectors whose raw NAB results ship with the data.</summary>
    public static readonly string[] PublishedNabDetectors = ["numenta", "relativeEntropy"];

    /// <summary>Runs the suite and returns its metrics.</summary>
    public static async Task<IReadOnlyList<BenchmarkMetric>> RunAsync(MaintenanceBenchmarkOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        var metrics = new List<BenchmarkMetric>();
        foreach (var detector in PublishedNabDetectors)
        {
            foreach (var r in await NabBenchmark.ReproducePublishedAsync(detector, cancellationToken))
            {
                metrics.Add(new BenchmarkMetric($"NAB scorer check: {detector} {r.Profile} (published {r.PublishedNormalizedScore.ToString("F2", CultureInfo.InvariantCulture)})",
                    r.Score.NormalizedScore, "score", "within 0.1 of published"));
            }
        }

        var train = CmapssReader.ReadFile(options.TrainFile);
        var test = CmapssReader.ReadFile(options.TestFile);
        var truth = CmapssReader.ReadTruthFile(options.TruthFile);
        var trained = new RulTrainer(new RulTrainerOptions(), time).Train(train, cancellationToken);
        var predictions = trained.Model.Predict(test);
        var evaluation = RulEvaluation.Compute(predictions, truth);
        metrics.Add(new BenchmarkMetric("C-MAPSS RUL RMSE", evaluation.Rmse, "cycles", "≤ 12.0 (goal < 10.97)", "lower"));
        metrics.Add(new BenchmarkMetric("C-MAPSS PHM08 score", evaluation.Score, "", Better: "lower"));
        metrics.Add(new BenchmarkMetric("C-MAPSS 80 % band coverage", evaluation.BandCoverage * 100, "%"));
        metrics.Add(new BenchmarkMetric("C-MAPSS training time", trained.TrainingTime.TotalSeconds, "s", "≤ 120", "lower"));
        metrics.Add(new BenchmarkMetric("C-MAPSS test engines", evaluation.Engines, "engines"));

        Directory.CreateDirectory(options.OutputDirectory);
        var csv = new StringBuilder("unit,predicted_rul,lower,upper,true_rul\n");
        for (var i = 0; i < predictions.Count; i++)
        {
            var p = predictions[i];
            csv.Append(CultureInfo.InvariantCulture, $"{p.Unit},{p.Rul:F3},{p.Lower:F3},{p.Upper:F3},{truth[i]}\n");
        }
        await File.WriteAllTextAsync(Path.Combine(options.OutputDirectory, "rul-predictions.csv"), csv.ToString(), cancellationToken);
        return metrics;
    }
}
