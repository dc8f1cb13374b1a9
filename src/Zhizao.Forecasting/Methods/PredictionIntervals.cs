namespace Zhizao.Forecasting.Methods;

/// <summary>Normal prediction intervals point ± z·se, and their rescaling by seasonal indices.</summary>
internal static class PredictionIntervals
{
    /// <summary>Intervals at each level (percent) from point forecasts and their standard errors.</summary>
    public static Dictionary<int, (double[] Lower, double[] Upper)> Normal(double[] point, double[] standardErrors, IReadOnlyList<int> levels)
    {
        var intervals = new Dictionary<int, (double[] Lower, double[] Upper)>();
        foreach (var level in levels)
        {
            var z = MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, 0.5 + (level / 200.0));
            var lower = new double[point.Length];
            var upper = new double[point.Length];
            for (var h = 0; h < point.Length; h++)
            {
                lower[h] = point[h] - (z * standardErrors[h]);
                upper[h] = point[h] + (z * standardErrors[h]);
            }

            intervals[level] = (lower, upper);
        }

        return intervals;
    }

    /// <summary>Multiplies the point forecasts and every bound by the seasonal factor of its step.</summary>
    public static Forecast Reseasonalise(Forecast forecast, double[] factors)
    {
        var intervals = new Dictionary<int, (double[] Lower, double[] Upper)>();
        foreach (var (level, (lower, upper)) in forecast.Intervals)
        {
            intervals[level] = (Multiply(lower, factors), Multiply(upper, factors));
        }

        return forecast with { Point = Multiply(forecast.Point, factors), Intervals = intervals };
    }

    /// <summary>Whether every point and bound is finite.</summary>
    public static bool IsFinite(Forecast forecast) =>
        forecast.Point.All(double.IsFinite)
        && forecast.Intervals.Values.All(bounds => bounds.Lower.All(double.IsFinite) && bounds.Upper.All(double.IsFinite));

    private static double[] Multiply(double[] values, double[] factors)
    {
        var result = new double[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            result[i] = values[i] * factors[i];
        }

        return result;
    }
}
