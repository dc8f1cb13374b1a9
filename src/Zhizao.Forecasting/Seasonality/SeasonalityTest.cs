namespace Zhizao.Forecasting.Seasonality;

/// <summary>
/// The M4 benchmarks' seasonality test: a series is seasonal at period m when |r_m| exceeds the 90 % one-sided limit
/// 1.645·sqrt((1 + 2·Σ_{k=1}^{m−1} r_k²) / n), where r_k is the sample autocorrelation. Applied only when m &gt; 1 and
/// n ≥ 3m, as in M4's <c>SeasonalityTest</c>.
/// </summary>
public static class SeasonalityTest
{
    private const double CriticalValue = 1.645;

    /// <summary>Whether <paramref name="values"/> shows seasonality at <paramref name="period"/>.</summary>
    public static bool IsSeasonal(IReadOnlyList<double> values, int period)
    {
        if (period <= 1 || values.Count < 3 * period)
        {
            return false;
        }

        var acf = Autocorrelation(values, period);
        var sumSquares = 0.0;
        for (var k = 1; k < period; k++)
        {
            sumSquares += acf[k] * acf[k];
        }

        var limit = CriticalValue * Math.Sqrt((1 + (2 * sumSquares)) / values.Count);
        return Math.Abs(acf[period]) > limit;
    }

    /// <summary>
    /// Sample autocorrelations r_0..r_maxLag as R's <c>acf</c> computes them: r_k = Σ_{t=k}^{n−1} (y_t − ȳ)(y_{t−k} − ȳ) /
    /// Σ (y_t − ȳ)² (the biased estimator, denominator n for both). A constant series has r_k = 0 for k ≥ 1.
    /// </summary>
    public static double[] Autocorrelation(IReadOnlyList<double> values, int maxLag)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxLag);
        var n = values.Count;
        var mean = 0.0;
        for (var t = 0; t < n; t++)
        {
            mean += values[t];
        }

        mean /= n;
        var variance = 0.0;
        for (var t = 0; t < n; t++)
        {
            variance += (values[t] - mean) * (values[t] - mean);
        }

        var acf = new double[maxLag + 1];
        acf[0] = 1;
        if (variance == 0)
        {
            return acf;
        }

        for (var k = 1; k <= maxLag && k < n; k++)
        {
            var sum = 0.0;
            for (var t = k; t < n; t++)
            {
                sum += (values[t] - mean) * (values[t - k] - mean);
            }

            acf[k] = sum / variance;
        }

        return acf;
    }
}
