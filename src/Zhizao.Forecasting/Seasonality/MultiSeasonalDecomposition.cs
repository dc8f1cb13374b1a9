namespace Zhizao.Forecasting.Seasonality;

/// <summary>
/// Sequential additive decomposition at several seasonal periods, longest first. For each period p the current series is
/// detrended by its centred moving average of order p (2×p when p is even); the component at phase k (observations t with
/// t mod p = k, counted from the first value) is the median of the detrended values at that phase, centred to mean 0; it is
/// subtracted before the next, shorter period is estimated. Medians keep a holiday or an outage from bending a profile.
/// Multiplicative patterns are handled by decomposing log values.
/// </summary>
public static class MultiSeasonalDecomposition
{
    /// <summary>
    /// Decomposes <paramref name="values"/> at <paramref name="periods"/> (each at least 2, and at most half the length).
    /// Returns the seasonally adjusted series and one component profile (length p) per period, in the order given.
    /// </summary>
    public static (double[] Adjusted, double[][] Profiles) Decompose(IReadOnlyList<double> values, IReadOnlyList<int> periods)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(periods);
        var current = values.ToArray();
        var order = Enumerable.Range(0, periods.Count).OrderByDescending(i => periods[i]).ToArray();
        var profiles = new double[periods.Count][];
        foreach (var i in order)
        {
            var period = periods[i];
            ArgumentOutOfRangeException.ThrowIfLessThan(period, 2);
            if (current.Length < 2 * period)
            {
                throw new ArgumentException($"Decomposition at period {period} needs at least {2 * period} values; the series has {current.Length}.", nameof(values));
            }

            var profile = Profile(current, period);
            for (var t = 0; t < current.Length; t++)
            {
                current[t] -= profile[t % period];
            }

            profiles[i] = profile;
        }

        return (current, profiles);
    }

    private static double[] Profile(double[] values, int period)
    {
        var trend = ClassicalDecomposition.CentredMovingAverage(values, period);
        var byPhase = new List<double>[period];
        for (var k = 0; k < period; k++)
        {
            byPhase[k] = [];
        }

        for (var t = 0; t < values.Length; t++)
        {
            if (!double.IsNaN(trend[t]))
            {
                byPhase[t % period].Add(values[t] - trend[t]);
            }
        }

        var profile = new double[period];
        for (var k = 0; k < period; k++)
        {
            profile[k] = Median(byPhase[k]);
        }

        var mean = profile.Average();
        for (var k = 0; k < period; k++)
        {
            profile[k] -= mean;
        }

        return profile;
    }

    /// <summary>The median of a non-empty list (sorts it in place).</summary>
    internal static double Median(List<double> values)
    {
        values.Sort();
        var middle = values.Count / 2;
        return values.Count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }
}
