namespace Zhizao.Anomaly.Calibration;

/// <summary>Sample quantiles for control limits.</summary>
internal static class Quantiles
{
    /// <summary>Linear-interpolated quantile of the finite values (sorts a copy); 0 when there are none.</summary>
    public static double Of(IEnumerable<double> values, double quantile)
    {
        var sorted = values.Where(double.IsFinite).Order().ToArray();
        if (sorted.Length == 0)
            return 0;
        var position = quantile * (sorted.Length - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Length - 1);
        return sorted[lower] + ((position - lower) * (sorted[upper] - sorted[lower]));
    }
}
