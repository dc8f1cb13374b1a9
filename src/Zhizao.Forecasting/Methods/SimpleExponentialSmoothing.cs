namespace Zhizao.Forecasting.Methods;

/// <summary>A fitted simple exponential smoothing model.</summary>
/// <param name="Alpha">Smoothing parameter, in [0.0001, 0.9999].</param>
/// <param name="InitialLevel">Level before the first observation.</param>
/// <param name="FinalLevel">Level after the last observation: the point forecast for every step.</param>
/// <param name="SumSquaredErrors">Sum of squared one-step in-sample errors.</param>
/// <param name="Sigma">Standard deviation of the one-step errors, sqrt(SSE / (n − 3)) as R's <c>ets</c> (SSE / n when n ≤ 3).</param>
internal sealed record SesFit(double Alpha, double InitialLevel, double FinalLevel, double SumSquaredErrors, double Sigma);

/// <summary>
/// Simple exponential smoothing, l_t = α·y_t + (1 − α)·l_{t−1}, fitted by least squares on the one-step errors.
/// For a given α the errors are linear in the initial level, so the best initial level has a closed form; α itself is found
/// by a 50-point grid over [0.0001, 0.9999] (the SSE need not be unimodal) refined by golden-section search around the best
/// grid point. This minimises the same criterion as R's <c>ets(model = "ANN")</c> without a general-purpose optimiser.
/// </summary>
internal static class SimpleExponentialSmoothing
{
    private const double MinAlpha = 1e-4;
    private const double MaxAlpha = 0.9999;
    private const int GridPoints = 50;

    /// <summary>Fits α and the initial level to <paramref name="values"/> (at least two values).</summary>
    public static SesFit Fit(double[] values)
    {
        var step = (MaxAlpha - MinAlpha) / (GridPoints - 1);
        var best = 0;
        var bestSse = double.PositiveInfinity;
        for (var i = 0; i < GridPoints; i++)
        {
            var sse = ProfileSse(values, MinAlpha + (i * step));
            if (sse < bestSse)
            {
                bestSse = sse;
                best = i;
            }
        }

        var alpha = GoldenSection(
            values,
            MinAlpha + (Math.Max(best - 1, 0) * step),
            MinAlpha + (Math.Min(best + 1, GridPoints - 1) * step));
        var candidate = ProfileSse(values, alpha) <= bestSse ? alpha : MinAlpha + (best * step);
        return FitWithAlpha(values, candidate);
    }

    /// <summary>Fits only the initial level, for a fixed <paramref name="alpha"/>.</summary>
    public static SesFit FitWithAlpha(double[] values, double alpha) => Run(values, alpha, BestInitialLevel(values, alpha));

    /// <summary>Runs the recursion from given parameters.</summary>
    public static SesFit Run(double[] values, double alpha, double initialLevel)
    {
        var level = initialLevel;
        var sse = 0.0;
        foreach (var y in values)
        {
            var error = y - level;
            sse += error * error;
            level += alpha * error;
        }

        var n = values.Length;
        var sigma = Math.Sqrt(sse / (n > 3 ? n - 3 : n));
        return new SesFit(alpha, initialLevel, level, sse, sigma);
    }

    private static double ProfileSse(double[] values, double alpha) =>
        Run(values, alpha, BestInitialLevel(values, alpha)).SumSquaredErrors;

    /// <summary>
    /// e_t = a_t − c_t·l₀ where a_t is the error when l₀ = 0 and c_t = (1 − α)^t, so SSE is least at l₀ = Σa·c / Σc².
    /// </summary>
    private static double BestInitialLevel(double[] values, double alpha)
    {
        var level = 0.0;
        var weight = 1.0;
        var numerator = 0.0;
        var denominator = 0.0;
        foreach (var y in values)
        {
            var error = y - level;
            numerator += error * weight;
            denominator += weight * weight;
            level += alpha * error;
            weight *= 1 - alpha;
        }

        return numerator / denominator;
    }

    private static double GoldenSection(double[] values, double low, double high)
    {
        var ratio = (Math.Sqrt(5) - 1) / 2;
        var x1 = high - (ratio * (high - low));
        var x2 = low + (ratio * (high - low));
        var f1 = ProfileSse(values, x1);
        var f2 = ProfileSse(values, x2);
        for (var i = 0; i < 40 && high - low > 1e-7; i++)
        {
            if (f1 < f2)
            {
                high = x2;
                x2 = x1;
                f2 = f1;
                x1 = high - (ratio * (high - low));
                f1 = ProfileSse(values, x1);
            }
            else
            {
                low = x1;
                x1 = x2;
                f1 = f2;
                x2 = low + (ratio * (high - low));
                f2 = ProfileSse(values, x2);
            }
        }

        return (low + high) / 2;
    }
}
