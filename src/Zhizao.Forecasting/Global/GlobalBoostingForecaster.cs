using Microsoft.ML;
using Microsoft.ML.Trainers.LightGbm;
using Zhizao.Forecasting.Methods;

namespace Zhizao.Forecasting.Global;

/// <summary>
/// Global gradient-boosting forecaster ("lgbm"): one LightGBM regression model (through ML.NET) learned across all series of
/// a seasonal period, predicting y(t + h) / s directly for every step h from the level-free features of
/// <see cref="WindowFeatures"/> (no recursion, so errors do not compound). Training rows are (origin, step) pairs from each
/// series, thinned evenly to a row budget. The last <c>horizon</c> values of every series are held out of training and
/// forecast from the origin before them: those out-of-sample errors give split-conformal intervals
/// (<see cref="ConformalIntervals"/>); the same model then forecasts from the end of the history. Point forecasts and
/// bounds are kept non-negative when the history is. Series too short for a holdout plus the feature window, and series
/// that are zero throughout, fall back to seasonal naive (reported in the note), and so does every series when fewer than a few hundred training rows exist.
/// </summary>
public sealed class GlobalBoostingForecaster : IBatchForecaster, IForecaster
{
    private const int MinimumTrainingRows = 200;
    private readonly GlobalBoostingOptions _options;

    /// <summary>The forecaster with the default settings.</summary>
    public GlobalBoostingForecaster()
        : this(new GlobalBoostingOptions())
    {
    }

    /// <summary>The forecaster with explicit settings, under <paramref name="name"/> (variants need names of their own).</summary>
    public GlobalBoostingForecaster(GlobalBoostingOptions options, string name = "lgbm")
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _options = options;
        Name = name;
    }

    /// <inheritdoc cref="IBatchForecaster.Name" />
    public string Name { get; }

    /// <summary>Forecasts one series with a model learned on that series alone (use <see cref="ForecastAll"/> for many).</summary>
    public Forecast Forecast(SeriesInput series, int horizon, IReadOnlyList<int> levels) => ForecastAll([series], horizon, levels)[0];

    /// <inheritdoc />
    public IReadOnlyList<Forecast> ForecastAll(IReadOnlyList<SeriesInput> series, int horizon, IReadOnlyList<int> levels,
        IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(series);
        var values = series.Select(s => ForecastRequest.Validate(s, horizon, levels)).ToArray();
        var results = new Forecast[series.Count];
        var done = 0;
        foreach (var group in Enumerable.Range(0, series.Count).GroupBy(i => series[i].SeasonalPeriod))
        {
            cancellationToken.ThrowIfCancellationRequested();
            ForecastGroup(series, values, [.. group], horizon, levels, results, cancellationToken);
            done += group.Count();
            progress?.Report(done);
        }

        return results;
    }

    private void ForecastGroup(IReadOnlyList<SeriesInput> series, double[][] values, int[] members, int horizon, IReadOnlyList<int> levels,
        Forecast[] results, CancellationToken cancellationToken)
    {
        var layout = new WindowFeatures(series[members[0]].SeasonalPeriod, _options.ScaleSeasons, _options.LongLags);
        var minimum = horizon + layout.Recent + 1;
        var eligible = members.Where(i => values[i].Length >= minimum && values[i].Any(v => v != 0)).ToArray();
        foreach (var i in members.Except(eligible))
        {
            results[i] = FallBack(series[i], horizon, levels, values[i].Length < minimum
                ? $"{values[i].Length} values, at least {minimum} needed (a {horizon}-step holdout and {layout.Recent} lags)"
                : "every value is zero");
        }

        var log = _options.LogTarget && eligible.All(i => values[i].All(v => v > 0));
        var target = new TargetTransform(log);
        var rows = eligible.Length == 0 ? [] : TrainingRows(values, eligible, horizon, horizon, layout, target, cancellationToken);
        if (rows.Count < MinimumTrainingRows)
        {
            foreach (var i in eligible)
            {
                results[i] = FallBack(series[i], horizon, levels, $"{rows.Count} training rows in the batch, at least {MinimumTrainingRows} needed");
            }

            return;
        }

        var ml = new MLContext(_options.Seed);
        var model = Train(ml, rows, layout.Count);
        cancellationToken.ThrowIfCancellationRequested();

        // Out-of-sample errors on each series' held-out last window, then the forecasts from the end of the history.
        var calibration = Predict(ml, model, values, eligible, horizon, layout, target, holdout: horizon);
        var conformal = new ConformalIntervals(horizon);
        for (var e = 0; e < eligible.Length; e++)
        {
            var y = values[eligible[e]];
            var points = calibration[e].Points;
            var spread = Spread(y.AsSpan(0, y.Length - horizon), layout.Period, calibration[e].Scale);
            for (var h = 0; h < horizon; h++)
            {
                conformal.Add(h, (y[y.Length - horizon + h] - points[h]) / spread);
            }
        }

        var quantiles = levels.Distinct().ToDictionary(level => level, conformal.Quantiles);
        var forecasts = Predict(ml, model, values, eligible, horizon, layout, target, holdout: 0);
        for (var e = 0; e < eligible.Length; e++)
        {
            var i = eligible[e];
            var spread = Spread(values[i], layout.Period, forecasts[e].Scale);
            results[i] = Assemble(values[i], forecasts[e].Points, spread, quantiles, series[i], levels);
        }
    }

    /// <summary>
    /// The unit of a series' errors for the conformal intervals: the mean absolute seasonal difference of its history (MASE's
    /// scale: how much the series moves from one season to the next), or its level when that is zero.
    /// </summary>
    private static double Spread(ReadOnlySpan<double> history, int period, double level)
    {
        var lag = history.Length > period ? period : 1;
        var sum = 0.0;
        for (var t = lag; t < history.Length; t++)
        {
            sum += Math.Abs(history[t] - history[t - lag]);
        }

        var spread = history.Length > lag ? sum / (history.Length - lag) : 0;
        return spread > 0 ? spread : level;
    }

    private Forecast Assemble(double[] history, double[] point, double scale, Dictionary<int, (double[] Lower, double[] Upper)> quantiles,
        SeriesInput series, IReadOnlyList<int> levels)
    {
        var nonNegative = history.All(v => v >= 0);
        var floor = nonNegative ? 0 : double.NegativeInfinity;
        var intervals = new Dictionary<int, (double[] Lower, double[] Upper)>();
        for (var h = 0; h < point.Length; h++)
        {
            point[h] = Math.Max(floor, point[h]);
        }

        foreach (var (level, (low, high)) in quantiles)
        {
            var lower = new double[point.Length];
            var upper = new double[point.Length];
            for (var h = 0; h < point.Length; h++)
            {
                lower[h] = Math.Max(floor, Math.Min(point[h], point[h] + (low[h] * scale)));
                upper[h] = Math.Max(point[h], point[h] + (high[h] * scale));
            }

            intervals[level] = (lower, upper);
        }

        var forecast = new Forecast(Name, point, intervals);
        return PredictionIntervals.IsFinite(forecast) ? forecast : FallBack(series, point.Length, levels, "the model gave non-finite values");
    }

    private Forecast FallBack(SeriesInput series, int horizon, IReadOnlyList<int> levels, string reason)
    {
        var fallback = new SeasonalNaiveForecaster().Forecast(series, horizon, levels);
        return fallback with { Note = $"{Name} fell back to {fallback.Method}: {reason}" };
    }

    /// <summary>(origin, step) rows of every eligible series with its last <paramref name="holdout"/> values held out.</summary>
    private List<BoostingRows> TrainingRows(double[][] values, int[] eligible, int horizon, int holdout, WindowFeatures layout, TargetTransform target,
        CancellationToken cancellationToken)
    {
        var perSeries = Math.Max(horizon, Math.Min(_options.RowsPerSeries, _options.TrainingRows / eligible.Length));
        var bySeries = new List<BoostingRows>[eligible.Length];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken };
        Parallel.For(0, eligible.Length, parallel, e =>
        {
            var y = values[eligible[e]];
            var known = y.Length - holdout;
            var firstOrigin = layout.Recent - 1;
            var origins = known - 1 - firstOrigin;
            var rowsPerOrigin = Math.Min(horizon, Math.Max(1, origins / 2));
            var stride = Math.Max(1, (int)Math.Ceiling(origins * (double)rowsPerOrigin / perSeries));
            var rows = new List<BoostingRows>();
            for (var origin = known - 2; origin >= firstOrigin; origin -= stride)
            {
                var scale = layout.Scale(y, origin);
                for (var step = 1; step <= horizon && origin + step < known; step++)
                {
                    var features = new float[layout.Count];
                    layout.Fill(y, origin, step, scale, features);
                    rows.Add(new BoostingRows { Label = target.Forward(y[origin + step], scale), Features = features });
                }
            }

            bySeries[e] = rows;
        });
        return [.. bySeries.SelectMany(r => r)];
    }

    private ITransformer Train(MLContext ml, List<BoostingRows> rows, int featureCount)
    {
        var trainer = ml.Regression.Trainers.LightGbm(new LightGbmRegressionTrainer.Options
        {
            NumberOfIterations = _options.Iterations,
            LearningRate = _options.LearningRate,
            NumberOfLeaves = _options.Leaves,
            MinimumExampleCountPerLeaf = _options.MinimumRowsPerLeaf,
            NumberOfThreads = _options.Threads ?? Environment.ProcessorCount,
            Seed = _options.Seed,
            Booster = new GradientBooster.Options { FeatureFraction = _options.FeatureFraction },
        });
        return trainer.Fit(BoostingRows.Load(ml, rows, featureCount, withLabel: true));
    }

    /// <summary>The model's target: y / s, or log(y / s) for positive data.</summary>
    private readonly record struct TargetTransform(bool Log)
    {
        public float Forward(double value, double scale) => (float)(Log ? Math.Log(value / scale) : value / scale);

        public double Back(float score, double scale) => Log ? Math.Exp(score) * scale : score * scale;
    }

    /// <summary>Point forecasts (unscaled) and the level of each eligible series from the origin <paramref name="holdout"/> values before its end.</summary>
    private static (double[] Points, double Scale)[] Predict(MLContext ml, ITransformer model, double[][] values, int[] eligible, int horizon,
        WindowFeatures layout, TargetTransform target, int holdout)
    {
        var scales = new double[eligible.Length];
        var features = new float[eligible.Length * horizon][];
        for (var e = 0; e < eligible.Length; e++)
        {
            var y = values[eligible[e]];
            var origin = y.Length - holdout - 1;
            scales[e] = layout.Scale(y, origin);
            for (var h = 0; h < horizon; h++)
            {
                var row = new float[layout.Count];
                layout.Fill(y, origin, h + 1, scales[e], row);
                features[(e * horizon) + h] = row;
            }
        }

        var scores = BoostingRows.Score(ml, model, features, layout.Count);
        var result = new (double[] Points, double Scale)[eligible.Length];
        for (var e = 0; e < eligible.Length; e++)
        {
            var points = new double[horizon];
            for (var h = 0; h < horizon; h++)
            {
                points[h] = target.Back(scores[(e * horizon) + h], scales[e]);
            }

            result[e] = (points, scales[e]);
        }

        return result;
    }
}
