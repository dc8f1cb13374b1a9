namespace Zhizao.Cli.Bench;

/// <summary>Order statistics of repeated timings.</summary>
internal static class BenchStatistics
{
    /// <summary>The <paramref name="percentile"/> (0–100) of <paramref name="values"/> by linear interpolation between closest ranks.</summary>
    public static double Percentile(IReadOnlyCollection<double> values, double percentile)
    {
        ArgumentOutOfRangeException.ThrowIfZero(values.Count);
        ArgumentOutOfRangeException.ThrowIfLessThan(percentile, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percentile, 100);
        var sorted = values.Order().ToArray();
        var rank = percentile / 100 * (sorted.Length - 1);
        var low = (int)Math.Floor(rank);
        var high = (int)Math.Ceiling(rank);
        return sorted[low] + ((sorted[high] - sorted[low]) * (rank - low));
    }

    /// <summary>The median of <paramref name="values"/>.</summary>
    public static double Median(IReadOnlyCollection<double> values) => Percentile(values, 50);
}
