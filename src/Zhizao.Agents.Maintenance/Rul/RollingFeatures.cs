namespace Zhizao.Agents.Maintenance.Rul;

/// <summary>
/// Rolling statistics of one series over a trailing window, in O(1) per point from prefix sums:
/// last value, window mean, window standard deviation, least-squares slope per cycle and an exponentially smoothed value.
/// </summary>
public static class RollingFeatures
{
    /// <summary>Number of features per series.</summary>
    public const int PerSeries = 5;

    /// <summary>Feature names per series, in output order.</summary>
    public static IReadOnlyList<string> Names { get; } = ["last", "mean", "std", "slope", "ewma"];

    /// <summary>
    /// Writes the features of <paramref name="series"/> at every index into <paramref name="output"/>
    /// (row = index, columns <paramref name="offset"/> … <paramref name="offset"/> + <see cref="PerSeries"/> − 1).
    /// </summary>
    public static void Compute(ReadOnlySpan<double> series, int window, double smoothing, float[][] output, int offset)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 2);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(smoothing);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(smoothing, 1.0);
        var n = series.Length;
        // Prefix sums of x, x² and j·x; index sums are closed-form.
        var sx = new double[n + 1];
        var sxx = new double[n + 1];
        var sjx = new double[n + 1];
        for (var j = 0; j < n; j++)
        {
            var x = series[j];
            if (!double.IsFinite(x))
                throw new ArgumentException($"series value at index {j} is not finite ({x})", nameof(series));
            sx[j + 1] = sx[j] + x;
            sxx[j + 1] = sxx[j] + x * x;
            sjx[j + 1] = sjx[j] + j * x;
        }
        var ewma = series.Length > 0 ? series[0] : 0.0;
        for (var i = 0; i < n; i++)
        {
            var start = Math.Max(0, i - window + 1);
            var count = i - start + 1;
            var sumX = sx[i + 1] - sx[start];
            var mean = sumX / count;
            var variance = Math.Max(0.0, (sxx[i + 1] - sxx[start]) / count - mean * mean);
            var sumJ = (double)(start + i) * count / 2.0;
            var sumJJ = SumOfSquares(i) - SumOfSquares(start - 1);
            var denominator = count * sumJJ - sumJ * sumJ;
            var slope = count > 1 ? (count * (sjx[i + 1] - sjx[start]) - sumJ * sumX) / denominator : 0.0;
            ewma = i == 0 ? series[0] : smoothing * series[i] + (1 - smoothing) * ewma;
            var row = output[i];
            row[offset] = (float)series[i];
            row[offset + 1] = (float)mean;
            row[offset + 2] = (float)Math.Sqrt(variance);
            row[offset + 3] = (float)slope;
            row[offset + 4] = (float)ewma;
        }
    }

    private static double SumOfSquares(int upTo) => upTo < 0 ? 0.0 : (double)upTo * (upTo + 1) * (2.0 * upTo + 1) / 6.0;
}
