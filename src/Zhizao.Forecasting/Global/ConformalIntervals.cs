namespace Zhizao.Forecasting.Global;

/// <summary>
/// Split-conformal prediction intervals from out-of-sample errors. Each calibration error is scaled by its series' scale
/// (so one set of quantiles serves series of any size); for step h the bounds are the empirical α/2 and 1 − α/2
/// quantiles of the scaled errors of steps h − w … h + w, with w the smallest half-width that gathers
/// <see cref="MinimumErrors"/> errors (all steps when fewer exist). The interval of a series is then
/// point + quantile × its scale: asymmetric where the errors are.
/// </summary>
internal sealed class ConformalIntervals
{
    /// <summary>Errors pooled per step before widening the window of steps.</summary>
    public const int MinimumErrors = 200;

    private readonly List<double>[] _byStep;

    public ConformalIntervals(int horizon)
    {
        _byStep = new List<double>[horizon];
        for (var h = 0; h < horizon; h++)
        {
            _byStep[h] = [];
        }
    }

    /// <summary>Adds the scaled error (actual − forecast) / scale of step <paramref name="step"/> (0-based).</summary>
    public void Add(int step, double scaledError)
    {
        if (double.IsFinite(scaledError))
        {
            _byStep[step].Add(scaledError);
        }
    }

    /// <summary>Number of errors gathered.</summary>
    public int Count => _byStep.Sum(e => e.Count);

    /// <summary>Lower and upper scaled quantiles per step for a coverage <paramref name="level"/> in percent; zeros without errors.</summary>
    public (double[] Lower, double[] Upper) Quantiles(int level)
    {
        var horizon = _byStep.Length;
        var lower = new double[horizon];
        var upper = new double[horizon];
        var alpha = 1 - (level / 100.0);
        var pooled = new List<double>();
        for (var h = 0; h < horizon; h++)
        {
            pooled.Clear();
            for (var w = 0; w < horizon; w++)
            {
                pooled.Clear();
                for (var j = Math.Max(0, h - w); j <= Math.Min(horizon - 1, h + w); j++)
                {
                    pooled.AddRange(_byStep[j]);
                }

                if (pooled.Count >= MinimumErrors)
                {
                    break;
                }
            }

            if (pooled.Count == 0)
            {
                continue;
            }

            pooled.Sort();
            lower[h] = Quantile(pooled, alpha / 2);
            upper[h] = Quantile(pooled, 1 - (alpha / 2));
        }

        return (lower, upper);
    }

    /// <summary>Linear-interpolated quantile of sorted values (R type 7).</summary>
    internal static double Quantile(List<double> sorted, double p)
    {
        var position = p * (sorted.Count - 1);
        var low = (int)Math.Floor(position);
        var high = Math.Min(sorted.Count - 1, low + 1);
        return sorted[low] + ((position - low) * (sorted[high] - sorted[low]));
    }
}
