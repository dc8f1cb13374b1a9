using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.ML;
using Microsoft.ML.Trainers.LightGbm;

namespace Zhizao.Agents.Maintenance.Rul;

/// <summary>The outcome of training: the model and how long training took.</summary>
/// <param name="Model">The trained model.</param>
/// <param name="TrainingTime">Wall time from the first feature to the calibrated, final model.</param>
public sealed record RulTrainingResult(RulModel Model, TimeSpan TrainingTime);

/// <summary>
/// Trains RUL models from run-to-failure histories (each run ends at failure): fits the feature pipeline, holds out
/// a seeded fraction of engines to calibrate a split-conformal band, then trains the final LightGBM regressor on all engines.
/// </summary>
public sealed partial class RulTrainer(RulTrainerOptions options, TimeProvider timeProvider, ILogger<RulTrainer>? logger = null)
{
    private readonly ILogger _logger = logger ?? NullLogger<RulTrainer>.Instance;

    /// <summary>Trains on run-to-failure <paramref name="runs"/>.</summary>
    /// <exception cref="RulTrainingDataException">Too few engines, or a run shorter than the feature window.</exception>
    /// <exception cref="ArgumentException">A non-finite value.</exception>
    public RulTrainingResult Train(IReadOnlyList<EngineRun> runs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runs);
        options.Validate();
        if (runs.Count < options.MinimumEngines)
            throw new RulTrainingDataException($"{runs.Count} run-to-failure engines given; at least {options.MinimumEngines} are needed to train and calibrate a RUL model");
        // A run shorter than the window never fills it: its features describe a start-up, not degradation.
        var shortRuns = runs.Where(r => r.Cycles.Count < options.Window).ToArray();
        if (shortRuns.Length > 0)
        {
            throw new RulTrainingDataException(
                $"unit {shortRuns[0].Unit} has {shortRuns[0].Cycles.Count} cycle(s){(shortRuns.Length > 1 ? $" (and {shortRuns.Length - 1} more units are as short)" : "")}; " +
                $"every run to failure needs at least the feature window of {options.Window} cycles");
        }
        var started = timeProvider.GetTimestamp();
        var pipeline = RulFeaturePipeline.Fit(runs, options.Window, options.Smoothing, options.MaxConditions, options.Seed, options.Cap);
        var labelled = runs.Select(run => Label(run, pipeline.Transform(run))).ToArray();
        cancellationToken.ThrowIfCancellationRequested();

        var order = Enumerable.Range(0, runs.Count).ToArray();
        new Random(options.Seed).Shuffle(order);
        var calibrationCount = Math.Max(1, (int)Math.Round(runs.Count * options.CalibrationFraction));
        var calibration = order.Take(calibrationCount).ToHashSet();
        var ml = new MLContext(options.Seed);
        var fitModel = Fit(ml, labelled.Where((_, i) => !calibration.Contains(i)), pipeline.FeatureCount);
        // Rows at the cap are the easy plateau; calibrating on them would make the band too narrow where it matters.
        var calibrationRows = labelled.Where((_, i) => calibration.Contains(i)).SelectMany(e => e)
            .Where(r => options.Cap is not { } cap || r.Label < cap).ToArray();
        var scores = RulRows.Score(ml, fitModel, [.. calibrationRows.Select(r => r.Features)], pipeline.FeatureCount);
        var residuals = calibrationRows.Select((r, i) => (double)r.Label - scores[i]).Order().ToArray();
        var tail = (1 - options.BandCoverage) / 2;
        var lower = Math.Min(0.0, Quantile(residuals, tail));
        var upper = Math.Max(0.0, Quantile(residuals, 1 - tail));
        cancellationToken.ThrowIfCancellationRequested();

        var finalModel = Fit(ml, labelled, pipeline.FeatureCount);
        cancellationToken.ThrowIfCancellationRequested();
        var elapsed = timeProvider.GetElapsedTime(started);
        LogTrained(_logger, runs.Count, pipeline.Conditions.Centroids.Length, pipeline.KeptSensors.Length, elapsed.TotalSeconds);
        return new RulTrainingResult(
            new RulModel(ml, finalModel, new RulModelParameters(pipeline, options.Cap, lower, upper, options.BandCoverage)),
            elapsed);
    }

    private RulRows[] Label(EngineRun run, float[][] features)
    {
        var failure = run.Cycles[^1].Cycle;
        return [.. features.Select((f, i) =>
        {
            double rul = failure - run.Cycles[i].Cycle;
            return new RulRows { Label = (float)(options.Cap is { } cap ? Math.Min(rul, cap) : rul), Features = f };
        })];
    }

    private ITransformer Fit(MLContext ml, IEnumerable<RulRows[]> engines, int featureCount)
    {
        var trainer = ml.Regression.Trainers.LightGbm(new LightGbmRegressionTrainer.Options
        {
            NumberOfIterations = options.Iterations,
            LearningRate = options.LearningRate,
            NumberOfLeaves = options.Leaves,
            MinimumExampleCountPerLeaf = options.MinimumRowsPerLeaf,
            NumberOfThreads = options.Threads,
            Seed = options.Seed,
            Booster = new GradientBooster.Options { FeatureFraction = options.FeatureFraction },
        });
        return trainer.Fit(RulRows.Load(ml, engines.SelectMany(e => e), featureCount));
    }

    private static double Quantile(double[] sorted, double p)
    {
        var position = p * (sorted.Length - 1);
        var low = (int)Math.Floor(position);
        var high = Math.Min(sorted.Length - 1, low + 1);
        return sorted[low] + (position - low) * (sorted[high] - sorted[low]);
    }

    [LoggerMessage(EventId = 3120, Level = LogLevel.Information, Message = "RUL model trained on {Engines} engines, {Conditions} operating condition(s), {Sensors} sensors kept, in {Seconds:F1} s")]
    private static partial void LogTrained(ILogger logger, int engines, int conditions, int sensors, double seconds);
}

/// <summary>Training data too small to train a meaningful RUL model (too few engines, runs shorter than the window).</summary>
public sealed class RulTrainingDataException(string message) : ArgumentException(message);
