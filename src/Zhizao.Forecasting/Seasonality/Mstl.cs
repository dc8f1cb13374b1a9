namespace Zhizao.Forecasting.Seasonality;

/// <summary>An MSTL decomposition: values = Σ seasonal components + trend + remainder.</summary>
/// <param name="Periods">The seasonal periods used, ascending (empty when the history is too short for any).</param>
/// <param name="Seasonals">One seasonal component per period, in the order of <paramref name="Periods"/>.</param>
/// <param name="Trend">The trend of the last STL fit.</param>
/// <param name="Remainder">values − seasonal components − trend.</param>
/// <param name="SeasonalDegreesOfFreedom">Degrees of freedom the seasonal smoothers spend (Σ of their traces): the
/// remainder's variance understates the noise by about n / (n − this).</param>
/// <param name="LastCycleVariance">Variance of the seasonal components' last-cycle estimates per unit noise variance,
/// summed over components: what repeating that cycle adds to a forecast's error.</param>
public sealed record MstlResult(int[] Periods, double[][] Seasonals, double[] Trend, double[] Remainder, double SeasonalDegreesOfFreedom = 0, double LastCycleVariance = 0)
{
    /// <summary>The seasonally adjusted series: trend + remainder.</summary>
    public double[] Adjusted()
    {
        var adjusted = new double[Trend.Length];
        for (var t = 0; t < adjusted.Length; t++)
        {
            adjusted[t] = Trend[t] + Remainder[t];
        }

        return adjusted;
    }
}

/// <summary>Choices of <see cref="Mstl"/>, defaulted as R's <c>forecast::mstl</c>.</summary>
/// <param name="Iterations">Passes over the periods (R's <c>iterate</c>, 2).</param>
/// <param name="SeasonalWindows">Seasonal window of the i-th period in ascending order (R's <c>s.window = 7 + 4·i</c>:
/// 11, 15, 19, …); when shorter than the periods its last value is repeated; null entries mean "periodic".</param>
/// <param name="Robust">Robust STL fits (see <see cref="StlOptions.Robust"/>).</param>
public sealed record MstlOptions(int Iterations = 2, IReadOnlyList<int?>? SeasonalWindows = null, bool Robust = false)
{
    /// <summary>R's default seasonal windows, 7 + 4·i for i = 1..6.</summary>
    public static IReadOnlyList<int?> DefaultSeasonalWindows { get; } = [11, 15, 19, 23, 27, 31];
}

/// <summary>
/// Multiple seasonal-trend decomposition by loess (Bandara, Hyndman &amp; Bergmeir 2021; R's <c>forecast::mstl</c>). Periods
/// that fit less than twice in the history are dropped, the rest sorted ascending; each pass fits STL at one period to
/// the series with the other seasonal components removed, replacing that period's component, for
/// <see cref="MstlOptions.Iterations"/> passes. The trend is that of the last STL fit. Without any usable period the
/// whole series is trend (the caller decides how to forecast it).
/// </summary>
public static class Mstl
{
    /// <summary>Decomposes <paramref name="values"/> at the usable ones of <paramref name="periods"/>.</summary>
    public static MstlResult Decompose(IReadOnlyList<double> values, IReadOnlyList<int> periods, MstlOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(periods);
        options ??= new MstlOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Iterations, 1);
        var n = values.Count;
        var usable = UsablePeriods(periods, n);
        var deseasonalised = values.ToArray();
        if (usable.Length == 0)
        {
            return new MstlResult([], [], deseasonalised, new double[n]);
        }

        var windows = options.SeasonalWindows ?? MstlOptions.DefaultSeasonalWindows;
        var seasonals = new double[usable.Length][];
        for (var i = 0; i < usable.Length; i++)
        {
            seasonals[i] = new double[n];
        }

        double[] trend = [];
        for (var pass = 0; pass < options.Iterations; pass++)
        {
            for (var i = 0; i < usable.Length; i++)
            {
                for (var t = 0; t < n; t++)
                {
                    deseasonalised[t] += seasonals[i][t];
                }

                var window = windows.Count == 0 ? null : windows[Math.Min(i, windows.Count - 1)];
                var fit = Stl.Decompose(deseasonalised, usable[i], new StlOptions(SeasonalWindow: window, Robust: options.Robust));
                seasonals[i] = fit.Seasonal;
                trend = fit.Trend;
                for (var t = 0; t < n; t++)
                {
                    deseasonalised[t] -= seasonals[i][t];
                }
            }
        }

        var remainder = new double[n];
        for (var t = 0; t < n; t++)
        {
            remainder[t] = deseasonalised[t] - trend[t];
        }

        var (degreesOfFreedom, lastCycleVariance) = Leverage(n, usable, windows);
        return new MstlResult(usable, seasonals, trend, remainder, degreesOfFreedom, lastCycleVariance);
    }

    /// <summary>Σ over periods and phases of the cycle-subseries smoothers' traces, and of their mean last-point variances.</summary>
    private static (double DegreesOfFreedom, double LastCycleVariance) Leverage(int n, int[] periods, IReadOnlyList<int?> windows)
    {
        var degreesOfFreedom = 0.0;
        var lastCycleVariance = 0.0;
        for (var i = 0; i < periods.Length; i++)
        {
            var window = windows.Count == 0 ? null : windows[Math.Min(i, windows.Count - 1)];
            var parameters = new StlOptions(SeasonalWindow: window).Resolve(periods[i], n);
            var period = periods[i];
            var variance = 0.0;
            // Phases have one of two lengths; compute each once.
            var longCount = ((n - 1) / period) + 1;
            var longPhases = n - ((longCount - 1) * period);
            foreach (var (count, phases) in new[] { (longCount, longPhases), (longCount - 1, period - longPhases) })
            {
                if (phases == 0 || count == 0)
                {
                    continue;
                }

                var (trace, last) = StlLoess.Leverage(count, parameters.SeasonalSpan, parameters.SeasonalDegree);
                degreesOfFreedom += phases * trace;
                variance += phases * last;
            }

            lastCycleVariance += variance / period;
        }

        return (degreesOfFreedom, lastCycleVariance);
    }

    /// <summary>The periods (at least 2) shorter than half of <paramref name="length"/>, ascending and distinct, as R's mstl keeps.</summary>
    public static int[] UsablePeriods(IReadOnlyList<int> periods, int length)
    {
        ArgumentNullException.ThrowIfNull(periods);
        return periods.Where(p => p >= 2 && 2 * p < length).Distinct().Order().ToArray();
    }
}
