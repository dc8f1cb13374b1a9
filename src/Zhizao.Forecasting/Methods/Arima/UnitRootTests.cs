using Zhizao.Forecasting.Seasonality;

namespace Zhizao.Forecasting.Methods.Arima;

/// <summary>
/// How many differences a series needs, as forecast's <c>ndiffs</c> (KPSS test) and <c>nsdiffs</c> (seasonal-strength
/// heuristic) decide it for auto.arima.
/// </summary>
public static class UnitRootTests
{
    /// <summary>Critical values of the level KPSS statistic at 10 %, 5 %, 2.5 % and 1 % (Kwiatkowski et al. 1992, as urca).</summary>
    private static readonly double[] KpssCritical = [0.347, 0.463, 0.574, 0.739];
    private static readonly double[] KpssLevels = [0.10, 0.05, 0.025, 0.01];

    /// <summary>
    /// The KPSS level-stationarity statistic (urca's <c>ur.kpss(type = "mu")</c>): with eₜ = yₜ − ȳ and Sₜ their partial
    /// sums, (Σ Sₜ² / n²) / s², where s² = Σeₜ²/n + 2·Σ_{i=1}^{l} (1 − i/(l + 1))·Σₜ eₜeₜ₋ᵢ / n is the Bartlett long-run
    /// variance with <paramref name="lags"/> = l.
    /// </summary>
    public static double KpssStatistic(IReadOnlyList<double> values, int lags)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfNegative(lags);
        var n = values.Count;
        var mean = values.Average();
        var e = new double[n];
        for (var t = 0; t < n; t++)
        {
            e[t] = values[t] - mean;
        }

        var partial = 0.0;
        var eta = 0.0;
        var s2 = 0.0;
        for (var t = 0; t < n; t++)
        {
            partial += e[t];
            eta += partial * partial;
            s2 += e[t] * e[t];
        }

        for (var i = 1; i <= Math.Min(lags, n - 1); i++)
        {
            var sum = 0.0;
            for (var t = i; t < n; t++)
            {
                sum += e[t] * e[t - i];
            }

            s2 += 2 * (1 - (i / (lags + 1.0))) * sum;
        }

        eta /= (double)n * n;
        s2 /= n;
        return eta / s2;
    }

    /// <summary>The lag forecast's <c>ndiffs</c> gives the KPSS test: ⌊3√n / 13⌋.</summary>
    public static int KpssLags(int length) => (int)Math.Floor(3 * Math.Sqrt(length) / 13);

    /// <summary>
    /// p-value of a KPSS statistic by linear interpolation in the critical-value table, clamped to [0.01, 0.10]
    /// (R's <c>approx(..., rule = 2)</c>).
    /// </summary>
    public static double KpssPValue(double statistic)
    {
        if (statistic <= KpssCritical[0])
        {
            return KpssLevels[0];
        }

        for (var i = 1; i < KpssCritical.Length; i++)
        {
            if (statistic <= KpssCritical[i])
            {
                var fraction = (statistic - KpssCritical[i - 1]) / (KpssCritical[i] - KpssCritical[i - 1]);
                return KpssLevels[i - 1] + (fraction * (KpssLevels[i] - KpssLevels[i - 1]));
            }
        }

        return KpssLevels[^1];
    }

    /// <summary>
    /// Number of first differences d ≤ <paramref name="maxDifferences"/>: difference while the KPSS test rejects level
    /// stationarity at <paramref name="alpha"/>, stopping at a constant series.
    /// </summary>
    public static int Differences(IReadOnlyList<double> values, double alpha = 0.05, int maxDifferences = 2)
    {
        ArgumentNullException.ThrowIfNull(values);
        var x = values.ToArray();
        var d = 0;
        if (x.Length < 2 || IsConstant(x))
        {
            return 0;
        }

        while (d < maxDifferences && KpssPValue(KpssStatistic(x, KpssLags(x.Length))) < alpha)
        {
            d++;
            x = Difference(x, 1);
            if (x.Length < 2 || IsConstant(x))
            {
                return d;
            }
        }

        return d;
    }

    /// <summary>
    /// Strength of seasonality max(0, 1 − Var(R)/Var(S + R)) from an additive classical decomposition (centred moving
    /// average trend, per-phase mean seasonal component), over the observations where the trend is defined; 0 with fewer
    /// than two full seasons plus one. auto.arima measures it on an STL decomposition; the classical one is the same idea
    /// with a fixed seasonal shape, which can only lower the strength of a changing pattern.
    /// </summary>
    public static double SeasonalStrength(IReadOnlyList<double> values, int period)
    {
        ArgumentNullException.ThrowIfNull(values);
        var n = values.Count;
        if (period < 2 || n <= 2 * period)
        {
            return 0;
        }

        var trend = ClassicalDecomposition.CentredMovingAverage(values, period);
        var sums = new double[period];
        var counts = new int[period];
        for (var t = 0; t < n; t++)
        {
            if (!double.IsNaN(trend[t]))
            {
                sums[t % period] += values[t] - trend[t];
                counts[t % period]++;
            }
        }

        var seasonal = new double[period];
        for (var k = 0; k < period; k++)
        {
            seasonal[k] = sums[k] / counts[k];
        }

        var shift = seasonal.Average();
        var remainder = new List<double>(n);
        var detrended = new List<double>(n);
        for (var t = 0; t < n; t++)
        {
            if (!double.IsNaN(trend[t]))
            {
                var s = seasonal[t % period] - shift;
                detrended.Add(values[t] - trend[t]);
                remainder.Add(values[t] - trend[t] - s);
            }
        }

        var total = Variance(detrended);
        return total > 0 ? Math.Clamp(1 - (Variance(remainder) / total), 0, 1) : 0;
    }

    /// <summary>
    /// Number of seasonal differences D ≤ <paramref name="maxSeasonalDifferences"/> (forecast's <c>nsdiffs</c> with its
    /// default "seas" test): difference while the seasonal strength exceeds <paramref name="threshold"/>.
    /// </summary>
    public static int SeasonalDifferences(IReadOnlyList<double> values, int period, double threshold = 0.64, int maxSeasonalDifferences = 1)
    {
        ArgumentNullException.ThrowIfNull(values);
        var x = values.ToArray();
        if (period < 2 || IsConstant(x))
        {
            return 0;
        }

        var d = 0;
        var differ = SeasonalStrength(x, period) > threshold;
        while (differ && d < maxSeasonalDifferences)
        {
            d++;
            x = Difference(x, period);
            if (IsConstant(x))
            {
                return d;
            }

            differ = x.Length >= 2 * period && d < maxSeasonalDifferences && SeasonalStrength(x, period) > threshold;
        }

        return d;
    }

    /// <summary>yₜ − yₜ₋ₗₐ₉ for t = lag..n−1.</summary>
    internal static double[] Difference(double[] values, int lag)
    {
        var result = new double[Math.Max(values.Length - lag, 0)];
        for (var t = 0; t < result.Length; t++)
        {
            result[t] = values[t + lag] - values[t];
        }

        return result;
    }

    /// <summary>Whether every value equals the first (R's <c>is.constant</c>); true for an empty series.</summary>
    internal static bool IsConstant(ReadOnlySpan<double> values)
    {
        foreach (var v in values)
        {
            if (v != values[0])
            {
                return false;
            }
        }

        return true;
    }

    private static double Variance(List<double> values)
    {
        if (values.Count < 2)
        {
            return 0;
        }

        var mean = values.Average();
        var sum = 0.0;
        foreach (var v in values)
        {
            sum += (v - mean) * (v - mean);
        }

        return sum / (values.Count - 1);
    }
}
