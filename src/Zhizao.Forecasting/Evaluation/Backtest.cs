namespace Zhizao.Forecasting.Evaluation;

/// <summary>Rolling-origin settings: <paramref name="Folds"/> forecast origins, each <paramref name="Step"/> values before the next (default: the horizon).</summary>
/// <param name="Folds">Number of origins (1–20).</param>
/// <param name="Step">Distance between origins; null for the horizon (non-overlapping test windows).</param>
/// <param name="MinimumTraining">Fewest values a series must keep before an origin for that fold to count.</param>
public sealed record BacktestOptions(int Folds = 2, int? Step = null, int MinimumTraining = 8);

/// <summary>One method's out-of-sample accuracy on one series, averaged over the folds it had enough history for.</summary>
/// <param name="Id">Series id.</param>
/// <param name="Folds">Folds scored (0 when the series was too short for any).</param>
/// <param name="Smape">Mean sMAPE (%).</param>
/// <param name="Mase">Mean MASE (scale: the in-sample seasonal MAE before each origin; the mean absolute value, or 1, when that is zero).</param>
/// <param name="Coverage">Share of actual values inside the interval at <see cref="BacktestResult.Level"/>, or null when no level was asked.</param>
/// <param name="Errors">Per fold, the actual minus the point forecast for each step (the raw material of ensembles and safety stocks).</param>
/// <param name="Refusal">Why the method refused the series (e.g. negative values for Croston), or null.</param>
public sealed record SeriesBacktest(string Id, int Folds, double Smape, double Mase, double? Coverage, IReadOnlyList<double[]> Errors, string? Refusal = null);

/// <summary>A method's back-test over many series.</summary>
/// <param name="Method">Method name.</param>
/// <param name="Horizon">Steps forecast from each origin.</param>
/// <param name="Level">Interval level scored (percent), or null.</param>
/// <param name="Series">Per-series results in input order.</param>
public sealed record BacktestResult(string Method, int Horizon, int? Level, IReadOnlyList<SeriesBacktest> Series)
{
    /// <summary>Mean sMAPE over series with at least one fold.</summary>
    public double Smape => Scored.Select(s => s.Smape).DefaultIfEmpty(double.NaN).Average();

    /// <summary>Mean MASE over series with at least one fold.</summary>
    public double Mase => Scored.Select(s => s.Mase).DefaultIfEmpty(double.NaN).Average();

    /// <summary>Mean interval coverage over series with at least one fold, or null.</summary>
    public double? Coverage => Level is null ? null : Scored.Select(s => s.Coverage ?? 0).DefaultIfEmpty(double.NaN).Average();

    private IEnumerable<SeriesBacktest> Scored => Series.Where(s => s.Folds > 0);
}

/// <summary>
/// Rolling-origin evaluation: for fold k = 1…K each series is cut <c>horizon + (k − 1)·step</c> values before its end, the
/// method forecasts the next <c>horizon</c> values from the cut history (all series of a fold in one batch, so global
/// models train once per fold) and the forecasts are scored against what followed. Series too short for a fold skip it,
/// and so do series the method refuses (<see cref="BatchForecaster.TryForecastAll"/>; the reason is kept in
/// <see cref="SeriesBacktest.Refusal"/>).
/// </summary>
public static class Backtest
{
    /// <summary>Runs the back-test of <paramref name="forecaster"/>; <paramref name="progress"/> receives folds done.</summary>
    public static BacktestResult Run(IBatchForecaster forecaster, IReadOnlyList<SeriesInput> series, int horizon, BacktestOptions options,
        int? level = null, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(forecaster);
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(horizon, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Folds, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Folds, 20);
        var step = options.Step ?? horizon;
        ArgumentOutOfRangeException.ThrowIfLessThan(step, 1);

        var folds = new List<(int Fold, double Smape, double Mase, double? Coverage, double[] Errors)>[series.Count];
        for (var i = 0; i < series.Count; i++)
        {
            folds[i] = [];
        }

        var refusals = new string?[series.Count];
        int[] levels = level is { } l ? [l] : [];
        for (var k = 0; k < options.Folds; k++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var cut = horizon + (k * step);
            var members = Enumerable.Range(0, series.Count).Where(i => series[i].Values.Count - cut >= options.MinimumTraining).ToArray();
            if (members.Length > 0)
            {
                var inputs = members.Select(i => series[i] with { Values = series[i].Values.Take(series[i].Values.Count - cut).ToArray() }).ToArray();
                var (forecasts, refused) = BatchForecaster.TryForecastAll(forecaster, inputs, horizon, levels, cancellationToken);
                for (var j = 0; j < members.Length; j++)
                {
                    if (forecasts[j] is null)
                    {
                        refusals[members[j]] ??= refused[j];
                        continue;
                    }

                    var s = series[members[j]];
                    var actual = s.Values.Skip(s.Values.Count - cut).Take(horizon).ToArray();
                    folds[members[j]].Add(Score(inputs[j].Values, actual, forecasts[j]!, s.SeasonalPeriod, level, k));
                }
            }

            progress?.Report(k + 1);
        }

        var results = new SeriesBacktest[series.Count];
        for (var i = 0; i < series.Count; i++)
        {
            var f = folds[i];
            results[i] = f.Count == 0
                ? new SeriesBacktest(series[i].Id, 0, double.NaN, double.NaN, null, [], refusals[i])
                : new SeriesBacktest(series[i].Id, f.Count, f.Average(x => x.Smape), f.Average(x => x.Mase),
                    level is null ? null : f.Average(x => x.Coverage ?? 0), [.. f.Select(x => x.Errors)]);
        }

        return new BacktestResult(forecaster.Name, horizon, level, results);
    }

    /// <summary>MASE's scale with a guard: the in-sample seasonal MAE, else the mean absolute value, else 1.</summary>
    public static double SafeScale(IReadOnlyList<double> insample, int period)
    {
        if (insample.Count >= 2)
        {
            var scale = Metrics.Scale(insample, period);
            if (scale > 0)
            {
                return scale;
            }
        }

        var level = insample.Count == 0 ? 0 : insample.Average(Math.Abs);
        return level > 0 ? level : 1;
    }

    private static (int, double, double, double?, double[]) Score(IReadOnlyList<double> history, double[] actual, Forecast forecast, int period, int? level, int fold)
    {
        var errors = new double[actual.Length];
        var absolute = 0.0;
        for (var h = 0; h < actual.Length; h++)
        {
            errors[h] = actual[h] - forecast.Point[h];
            absolute += Math.Abs(errors[h]);
        }

        var mase = absolute / actual.Length / SafeScale(history, period);
        double? coverage = level is { } l && forecast.Intervals.TryGetValue(l, out var bounds) ? Metrics.Coverage(actual, bounds.Lower, bounds.Upper) : null;
        return (fold, Metrics.Smape(actual, forecast.Point), mase, coverage, errors);
    }
}
