namespace Zhizao.Forecasting.Evaluation;

/// <summary>
/// The M4 competition's accuracy measures, written as the competition's R code computes them
/// (https://github.com/Mcompetitions/M4-methods, <c>Evaluation and Ranks.R</c>).
/// </summary>
public static class Metrics
{
    /// <summary>Symmetric MAPE in percent: mean of 200·|y − ŷ| / (|y| + |ŷ|). A step where both are zero counts as 0.</summary>
    public static double Smape(IReadOnlyList<double> actual, IReadOnlyList<double> forecast)
    {
        RequireSameLength(actual, forecast, nameof(forecast));
        var sum = 0.0;
        for (var i = 0; i < actual.Count; i++)
        {
            var denominator = Math.Abs(actual[i]) + Math.Abs(forecast[i]);
            // 0/0 would be NaN; a perfect forecast of a zero is no error.
            sum += denominator == 0 ? 0 : 200 * Math.Abs(actual[i] - forecast[i]) / denominator;
        }

        return sum / actual.Count;
    }

    /// <summary>
    /// Mean absolute scaled error: the forecast's mean absolute error divided by the in-sample mean absolute
    /// seasonal difference at lag <paramref name="m"/>. As in M4's code, when the in-sample has no more than
    /// <paramref name="m"/> values the lag falls back to 1.
    /// </summary>
    public static double Mase(IReadOnlyList<double> insample, IReadOnlyList<double> actual, IReadOnlyList<double> forecast, int m)
    {
        RequireSameLength(actual, forecast, nameof(forecast));
        var mae = 0.0;
        for (var i = 0; i < actual.Count; i++)
        {
            mae += Math.Abs(actual[i] - forecast[i]);
        }

        return mae / actual.Count / Scale(insample, m);
    }

    /// <summary>Overall weighted average relative to Naive2: ½ (sMAPE / sMAPE_Naive2 + MASE / MASE_Naive2).</summary>
    public static double Owa(double smape, double mase, double smapeNaive2, double maseNaive2) =>
        0.5 * ((smape / smapeNaive2) + (mase / maseNaive2));

    /// <summary>
    /// Mean scaled interval score of a (1 − <paramref name="alpha"/>) interval, as M4 defines it:
    /// mean(U − L + 2/α·(L − y)·1[y &lt; L] + 2/α·(y − U)·1[y &gt; U]) divided by the MASE scale.
    /// </summary>
    public static double Msis(
        IReadOnlyList<double> insample,
        IReadOnlyList<double> actual,
        IReadOnlyList<double> lower,
        IReadOnlyList<double> upper,
        int m,
        double alpha = 0.05)
    {
        RequireSameLength(actual, lower, nameof(lower));
        RequireSameLength(actual, upper, nameof(upper));
        if (alpha is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "alpha must lie strictly between 0 and 1.");
        }

        var sum = 0.0;
        for (var i = 0; i < actual.Count; i++)
        {
            var y = actual[i];
            sum += upper[i] - lower[i];
            if (y < lower[i])
            {
                sum += 2 / alpha * (lower[i] - y);
            }
            else if (y > upper[i])
            {
                sum += 2 / alpha * (y - upper[i]);
            }
        }

        return sum / actual.Count / Scale(insample, m);
    }

    /// <summary>Share of actual values inside [lower, upper], between 0 and 1.</summary>
    public static double Coverage(IReadOnlyList<double> actual, IReadOnlyList<double> lower, IReadOnlyList<double> upper)
    {
        RequireSameLength(actual, lower, nameof(lower));
        RequireSameLength(actual, upper, nameof(upper));
        var inside = 0;
        for (var i = 0; i < actual.Count; i++)
        {
            if (actual[i] >= lower[i] && actual[i] <= upper[i])
            {
                inside++;
            }
        }

        return (double)inside / actual.Count;
    }

    /// <summary>The MASE/MSIS denominator: mean |y_t − y_{t−m}| over the in-sample (lag 1 when it has ≤ m values).</summary>
    public static double Scale(IReadOnlyList<double> insample, int m)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(m, 1);
        if (insample.Count < 2)
        {
            throw new ArgumentException("The in-sample needs at least two values to scale the error.", nameof(insample));
        }

        var lag = insample.Count <= m ? 1 : m;
        var sum = 0.0;
        for (var t = lag; t < insample.Count; t++)
        {
            sum += Math.Abs(insample[t] - insample[t - lag]);
        }

        return sum / (insample.Count - lag);
    }

    private static void RequireSameLength(IReadOnlyList<double> actual, IReadOnlyList<double> other, string name)
    {
        if (actual.Count == 0)
        {
            throw new ArgumentException("There are no actual values to score.", nameof(actual));
        }

        if (other.Count != actual.Count)
        {
            throw new ArgumentException($"{name} has {other.Count} values but there are {actual.Count} actual values.", name);
        }
    }
}
