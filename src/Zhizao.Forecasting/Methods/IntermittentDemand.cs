using MathNet.Numerics.Statistics;

namespace Zhizao.Forecasting.Methods;

/// <summary>The result of running an intermittent-demand recursion over a history.</summary>
/// <param name="Final">The flat per-period forecast after the last observation.</param>
/// <param name="Errors">In-sample one-step errors y_t − f_t, for every period after the first demand.</param>
internal sealed record IntermittentFit(double Final, double[] Errors)
{
    /// <summary>Mean squared one-step error; 0 when there are no errors.</summary>
    public double MeanSquaredError => Errors.Length == 0 ? 0 : Errors.Average(e => e * e);
}

/// <summary>
/// The shared core of Croston, SBA and TSB: input checks (demand is finite and non-negative), the two recursions,
/// smoothing-constant selection on a grid, and empirical prediction intervals.
/// </summary>
/// <remarks>
/// <para>
/// Initialisation (the usual "naive" convention, as R's <c>forecast::croston</c> and <c>tsintermittent</c>): at the
/// first non-zero demand, at index k (0-based), the size z is that demand and the interval p is k + 1 — the periods from
/// the start of the series up to and including it; TSB's probability d starts at 1/(k + 1). The recursions then run
/// from index k + 1, and every period from there on contributes one in-sample one-step error.
/// </para>
/// <para>
/// Smoothing-constant selection (the optimised variants): every constant of <see cref="Grid"/> (for TSB every pair) is
/// tried and the one with the smallest in-sample one-step mean squared error is kept; ties keep the first, i.e. the
/// smallest constant.
/// </para>
/// <para>
/// Intervals are per period (the forecast is a flat demand rate): at level L the bounds are the point plus the
/// (1 − L)/2 and (1 + L)/2 empirical quantiles (R type 7) of the in-sample one-step errors, widened if needed so
/// that lower ≤ point ≤ upper, and the lower bound is never below zero. With no in-sample error (the only demand is
/// the last value) the bounds collapse to the point and the note says so.
/// </para>
/// </remarks>
internal static class IntermittentDemand
{
    /// <summary>The default smoothing constant of every intermittent method.</summary>
    public const double DefaultAlpha = 0.1;

    /// <summary>The smoothing constants tried by the optimised variants.</summary>
    public static readonly double[] Grid = [0.05, 0.1, 0.15, 0.2, 0.25, 0.3];

    /// <summary>Checks a smoothing constant given to a constructor.</summary>
    public static double CheckAlpha(double alpha, string name)
    {
        if (!double.IsFinite(alpha) || alpha is <= 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(name, alpha, "A smoothing constant must lie in (0, 1].");
        }

        return alpha;
    }

    /// <summary>
    /// Validates the request, fits every candidate parameter set with <paramref name="fit"/>, keeps the one with the
    /// smallest in-sample MSE, and returns its flat forecast with empirical intervals.
    /// </summary>
    public static Forecast Run<TParameters>(
        string method,
        SeriesInput series,
        int horizon,
        IReadOnlyList<int> levels,
        IReadOnlyList<TParameters> candidates,
        Func<double[], int, TParameters, IntermittentFit> fit)
    {
        var values = Validate(series, horizon, levels);
        var first = Array.FindIndex(values, v => v > 0);
        if (first < 0)
        {
            var zero = new double[horizon];
            return new Forecast(method, zero, Flat(0, [], horizon, levels), $"{method}: every value of series '{series.Id}' is zero; forecasting zero demand");
        }

        IntermittentFit? best = null;
        foreach (var candidate in candidates)
        {
            var current = fit(values, first, candidate);
            if (best is null || current.MeanSquaredError < best.MeanSquaredError)
            {
                best = current;
            }
        }

        if (best is null)
        {
            throw new InvalidOperationException($"{method}: no smoothing constant to try.");
        }

        var point = new double[horizon];
        Array.Fill(point, best.Final);
        var note = best.Errors.Length == 0
            ? $"{method}: series '{series.Id}' has no in-sample one-step error (its only demand is the last value); intervals collapse to the point forecast"
            : null;
        return new Forecast(method, point, Flat(best.Final, best.Errors, horizon, levels), note);
    }

    /// <summary>
    /// Croston's recursion: z and p smoothed with <paramref name="alpha"/> at each demand, forecast
    /// <paramref name="factor"/>·z/p (factor 1 for Croston, 1 − α/2 for SBA).
    /// </summary>
    public static IntermittentFit Croston(double[] values, int first, double alpha, double factor)
    {
        var size = values[first];
        var interval = first + 1.0;
        var lastDemand = first;
        var errors = new double[values.Length - first - 1];
        for (var t = first + 1; t < values.Length; t++)
        {
            errors[t - first - 1] = values[t] - (factor * size / interval);
            if (values[t] > 0)
            {
                size += alpha * (values[t] - size);
                interval += alpha * (t - lastDemand - interval);
                lastDemand = t;
            }
        }

        return new IntermittentFit(factor * size / interval, errors);
    }

    /// <summary>TSB's recursion: probability d smoothed every period with α_d, size z at demands with α_z; forecast d·z.</summary>
    public static IntermittentFit Tsb(double[] values, int first, double alphaProbability, double alphaSize)
    {
        var size = values[first];
        var probability = 1.0 / (first + 1);
        var errors = new double[values.Length - first - 1];
        for (var t = first + 1; t < values.Length; t++)
        {
            errors[t - first - 1] = values[t] - (probability * size);
            if (values[t] > 0)
            {
                probability += alphaProbability * (1 - probability);
                size += alphaSize * (values[t] - size);
            }
            else
            {
                probability -= alphaProbability * probability;
            }
        }

        return new IntermittentFit(probability * size, errors);
    }

    private static double[] Validate(SeriesInput series, int horizon, IReadOnlyList<int> levels)
    {
        var values = ForecastRequest.Validate(series, horizon, levels);
        for (var t = 0; t < values.Length; t++)
        {
            if (values[t] < 0)
            {
                throw new ArgumentException($"Series '{series.Id}': value at index {t} is {values[t]}; demand cannot be negative.", nameof(series));
            }
        }

        return values;
    }

    private static Dictionary<int, (double[] Lower, double[] Upper)> Flat(double point, double[] errors, int horizon, IReadOnlyList<int> levels)
    {
        var sorted = errors.Order().ToArray();
        var intervals = new Dictionary<int, (double[] Lower, double[] Upper)>();
        foreach (var level in levels)
        {
            var low = point;
            var high = point;
            if (sorted.Length > 0)
            {
                low = Math.Max(0, Math.Min(point, point + SortedArrayStatistics.QuantileCustom(sorted, (1 - (level / 100.0)) / 2, QuantileDefinition.R7)));
                high = Math.Max(point, point + SortedArrayStatistics.QuantileCustom(sorted, (1 + (level / 100.0)) / 2, QuantileDefinition.R7));
            }

            var lower = new double[horizon];
            var upper = new double[horizon];
            Array.Fill(lower, low);
            Array.Fill(upper, high);
            intervals[level] = (lower, upper);
        }

        return intervals;
    }
}
