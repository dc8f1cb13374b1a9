namespace Zhizao.Anomaly.Univariate;

/// <summary>
/// Finds a seasonal period on a training period by autocorrelation. Values are placed on the grid of the sampling
/// interval (the median timestamp spacing), so gaps do not shift the phase; the period is the first autocorrelation peak
/// that reaches <see cref="MinimumAutocorrelation"/> and at least 90 % of the highest peak (the fundamental, not a multiple),
/// and the training period must hold at least two whole periods.
/// </summary>
public static class SeasonalPeriod
{
    /// <summary>The autocorrelation a peak needs to count as seasonality.</summary>
    public const double MinimumAutocorrelation = 0.3;

    private const int MaxGridLength = 1 << 16;

    /// <summary>
    /// The period in samples of <paramref name="intervalMicros"/>, or 0 when the training period shows no seasonality
    /// up to <paramref name="maxPeriod"/> samples.
    /// </summary>
    public static int Detect(ReadOnlySpan<long> timestampsMicros, ReadOnlySpan<double> values, long intervalMicros, int maxPeriod)
    {
        var grid = Grid(timestampsMicros, values, intervalMicros);
        var maxLag = Math.Min(maxPeriod, grid.Length / 2);
        if (maxLag < 3)
            return 0;
        var acf = new double[maxLag + 2];
        var mean = 0.0;
        var count = 0;
        foreach (var v in grid)
        {
            if (!double.IsNaN(v))
            {
                mean += v;
                count++;
            }
        }
        mean /= count;
        for (var lag = 1; lag <= maxLag + 1 && lag < grid.Length; lag++)
            acf[lag] = Autocorrelation(grid, mean, lag);

        var best = 0.0;
        for (var lag = 2; lag <= maxLag; lag++)
        {
            if (IsPeak(acf, lag))
                best = Math.Max(best, acf[lag]);
        }
        if (best < MinimumAutocorrelation)
            return 0;
        for (var lag = 2; lag <= maxLag; lag++)
        {
            if (IsPeak(acf, lag) && acf[lag] >= 0.9 * best)
                return lag;
        }
        return 0;
    }

    /// <summary>The grid slot of a timestamp: whole sampling intervals since <paramref name="originMicros"/>.</summary>
    public static long Slot(long timestampMicros, long originMicros, long intervalMicros) =>
        (long)Math.Round((double)(timestampMicros - originMicros) / intervalMicros);

    private static bool IsPeak(double[] acf, int lag) => acf[lag] >= acf[lag - 1] && acf[lag] > acf[lag + 1];

    private static double[] Grid(ReadOnlySpan<long> timestamps, ReadOnlySpan<double> values, long interval)
    {
        var span = values.Length == 0 ? 0 : Slot(timestamps[^1], timestamps[0], interval) + 1;
        if (span <= 0 || span > Math.Min(MaxGridLength, 4L * values.Length))
            return values.ToArray(); // irregular timestamps: fall back to sample order
        var grid = new double[span];
        Array.Fill(grid, double.NaN);
        for (var i = 0; i < values.Length; i++)
            grid[Slot(timestamps[i], timestamps[0], interval)] = values[i];
        return grid;
    }

    private static double Autocorrelation(double[] grid, double mean, int lag)
    {
        double cross = 0, left = 0, right = 0;
        for (var i = lag; i < grid.Length; i++)
        {
            var a = grid[i - lag];
            var b = grid[i];
            if (double.IsNaN(a) || double.IsNaN(b))
                continue;
            cross += (a - mean) * (b - mean);
            left += (a - mean) * (a - mean);
            right += (b - mean) * (b - mean);
        }
        return left > 0 && right > 0 ? cross / Math.Sqrt(left * right) : 0;
    }
}
