namespace Zhizao.Anomaly.Machine;

/// <summary>
/// Classifies what an anomaly looks like on one signal from its recent window (oldest first) against its training baseline:
/// <list type="bullet">
/// <item>stuck sensor — the last rows are frozen (spread and steps below 5 % of normal);</item>
/// <item>noise burst — the mean absolute step (each capped at 3× normal) grew 1.35× while the level stayed within 1.5 σ;</item>
/// <item>spike — the excursion (≥ 3 σ) has returned within 2 σ;</item>
/// <item>trend or level shift — the level stays away: a straight line fits the window better than the best single step → trend, otherwise level shift.</item>
/// </list>
/// </summary>
internal static class AnomalyKindClassifier
{
    private const int StuckRows = 10;

    /// <summary>
    /// Growth of the mean absolute step (each step capped at <see cref="StepCap"/> normal mean steps) that marks a noise burst:
    /// a 40-row mean of normal steps varies by about 13 %, so 1.35 is about 2.7 of its standard deviations; a 5× noise variance
    /// raises it 1.4–2× once the burst fills the recent rows (the caps take some of the rise).
    /// </summary>
    private const double NoiseStepRatio = 1.35;

    /// <summary>One jump counts at most this many normal mean steps, so a level shift or spike is not mistaken for noise.</summary>
    private const double StepCap = 3;

    public static AnomalyKind Classify(ReadOnlySpan<double> window, SignalBaseline baseline)
    {
        var sigma = Math.Max(baseline.StandardDeviation, 1e-12);
        var step = Math.Max(baseline.MedianStep, 1e-12);
        var tail = window[^Math.Min(StuckRows, window.Length)..];
        var (tailMin, tailMax) = Range(tail);
        if (tailMax - tailMin <= 1e-9 * Math.Max(1.0, Math.Abs(baseline.Mean))
            || (StandardDeviation(tail) < 0.05 * sigma && MedianStep(tail) < 0.05 * step))
            return AnomalyKind.StuckSensor;

        var recent = window[^Math.Min(window.Length, Math.Max(5, window.Length / 3))..];
        var recentDeviation = Math.Abs(Median(recent) - baseline.Mean) / sigma;
        var meanStep = Math.Max(baseline.MeanStep, 1e-12);
        if (CappedMeanStep(recent, StepCap * meanStep) > NoiseStepRatio * meanStep && recentDeviation < 1.5)
            return AnomalyKind.NoiseBurst;

        var lastDeviation = Math.Abs(window[^1] - baseline.Mean) / sigma;
        if (recentDeviation < 2 && lastDeviation < 2)
            return AnomalyKind.Spike;

        return LinearFitError(window) < BestStepFitError(window) ? AnomalyKind.Trend : AnomalyKind.LevelShift;
    }

    private static (double Min, double Max) Range(ReadOnlySpan<double> values)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (var v in values)
        {
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }
        return (min, max);
    }

    private static double StandardDeviation(ReadOnlySpan<double> values)
    {
        var mean = 0.0;
        foreach (var v in values)
            mean += v;
        mean /= values.Length;
        var squares = 0.0;
        foreach (var v in values)
            squares += (v - mean) * (v - mean);
        return Math.Sqrt(squares / Math.Max(1, values.Length - 1));
    }

    /// <summary>Median absolute step between consecutive values: one excursion moves it little, sustained noise a lot.</summary>
    private static double MedianStep(ReadOnlySpan<double> values)
    {
        if (values.Length < 2)
            return 0;
        Span<double> steps = values.Length <= 512 ? stackalloc double[values.Length - 1] : new double[values.Length - 1];
        for (var i = 1; i < values.Length; i++)
            steps[i - 1] = Math.Abs(values[i] - values[i - 1]);
        return Median(steps);
    }

    /// <summary>Mean absolute step between consecutive values, each step capped: sustained noise moves it, one excursion little.</summary>
    private static double CappedMeanStep(ReadOnlySpan<double> values, double cap)
    {
        if (values.Length < 2)
            return 0;
        var sum = 0.0;
        for (var i = 1; i < values.Length; i++)
            sum += Math.Min(Math.Abs(values[i] - values[i - 1]), cap);
        return sum / (values.Length - 1);
    }

    internal static double Median(ReadOnlySpan<double> values)
    {
        var copy = values.ToArray();
        Array.Sort(copy);
        return copy.Length % 2 == 1 ? copy[copy.Length / 2] : 0.5 * (copy[(copy.Length / 2) - 1] + copy[copy.Length / 2]);
    }

    /// <summary>Residual sum of squares of the least-squares line through the window.</summary>
    private static double LinearFitError(ReadOnlySpan<double> values)
    {
        var n = values.Length;
        double meanX = (n - 1) / 2.0, meanY = 0;
        foreach (var v in values)
            meanY += v;
        meanY /= n;
        double sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < n; i++)
        {
            sxy += (i - meanX) * (values[i] - meanY);
            sxx += (i - meanX) * (i - meanX);
            syy += (values[i] - meanY) * (values[i] - meanY);
        }
        return syy - (sxx > 0 ? sxy * sxy / sxx : 0);
    }

    /// <summary>Smallest residual sum of squares of a two-level fit (one step anywhere, at least 3 rows each side).</summary>
    private static double BestStepFitError(ReadOnlySpan<double> values)
    {
        var n = values.Length;
        double total = 0, totalSquares = 0;
        foreach (var v in values)
        {
            total += v;
            totalSquares += v * v;
        }
        var best = totalSquares - (total * total / n);
        double left = 0;
        for (var k = 1; k < n; k++)
        {
            left += values[k - 1];
            if (k < 3 || n - k < 3)
                continue;
            var right = total - left;
            var sse = totalSquares - (left * left / k) - (right * right / (n - k));
            best = Math.Min(best, sse);
        }
        return best;
    }
}
