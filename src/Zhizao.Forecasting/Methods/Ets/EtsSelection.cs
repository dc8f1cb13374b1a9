namespace Zhizao.Forecasting.Methods.Ets;

/// <summary>
/// Automatic ETS model choice as R's <c>ets</c>: fit every admissible candidate and keep the one with the least AICc.
/// A candidate is admissible when the data allow it: multiplicative error or season only for strictly positive data,
/// seasonal models only for 2 ≤ m ≤ <see cref="MaxSeasonalPeriod"/> with at least two seasons of history, and every model
/// only with more than (estimated parameters + 4) observations (R's rule for tiny data sets).
/// </summary>
internal static class EtsSelection
{
    /// <summary>R's <c>ets</c> refuses seasonal models above this period.</summary>
    public const int MaxSeasonalPeriod = 24;

    /// <summary>
    /// Optimiser settings of a full fit (smoothing parameters and initial states). The tolerance, 0.01 in −2·log L, is far
    /// below the AICc differences that decide the choice.
    /// </summary>
    public static readonly EtsOptimiserSettings FullSettings = new(Tolerance: 0.01, MaxEvaluationsPerParameter: 100);

    /// <summary>Optimiser settings of a fast fit (smoothing parameters only, heuristic initial states).</summary>
    public static readonly EtsOptimiserSettings FastSettings = new(Tolerance: 0.01, MaxEvaluationsPerParameter: 100, OptimiseInitialStates: false);

    /// <summary>Whether <paramref name="spec"/> can be fitted to <paramref name="values"/> at <paramref name="period"/>.</summary>
    public static bool IsAdmissible(EtsSpec spec, double[] values, int period, bool positive)
    {
        if (spec.NeedsPositiveData && !positive)
        {
            return false;
        }

        if (spec.HasSeason && (period < 2 || period > MaxSeasonalPeriod || values.Length < 2 * period))
        {
            return false;
        }

        return values.Length > EtsFitter.ParameterCount(spec, period) + 4;
    }

    /// <summary>The best admissible candidate by AICc, or null when none is admissible or fits.</summary>
    public static EtsFit? Select(double[] values, int period, IEnumerable<EtsSpec> candidates, EtsOptimiserSettings settings)
    {
        var positive = Array.TrueForAll(values, v => v > 0);
        EtsFit? best = null;
        foreach (var spec in candidates)
        {
            if (!IsAdmissible(spec, values, period, positive))
            {
                continue;
            }

            var fit = EtsFitter.Fit(values, spec, period, settings);
            if (fit is not null && double.IsFinite(fit.Aicc) && (best is null || fit.Aicc < best.Aicc))
            {
                best = fit;
            }
        }

        return best;
    }
}
