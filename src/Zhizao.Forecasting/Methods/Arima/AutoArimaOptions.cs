namespace Zhizao.Forecasting.Methods.Arima;

/// <summary>Choices of <see cref="AutoArima"/>; the defaults are those of R's <c>forecast::auto.arima</c>.</summary>
public sealed record AutoArimaOptions
{
    /// <summary>Maximum non-seasonal AR order (max.p).</summary>
    public int MaxAr { get; init; } = 5;

    /// <summary>Maximum non-seasonal MA order (max.q).</summary>
    public int MaxMa { get; init; } = 5;

    /// <summary>Maximum seasonal AR order (max.P).</summary>
    public int MaxSeasonalAr { get; init; } = 2;

    /// <summary>Maximum seasonal MA order (max.Q).</summary>
    public int MaxSeasonalMa { get; init; } = 2;

    /// <summary>Maximum non-seasonal differences (max.d).</summary>
    public int MaxDifferences { get; init; } = 2;

    /// <summary>Maximum seasonal differences (max.D).</summary>
    public int MaxSeasonalDifferences { get; init; } = 1;

    /// <summary>Starting non-seasonal AR order (start.p).</summary>
    public int StartAr { get; init; } = 2;

    /// <summary>Starting non-seasonal MA order (start.q).</summary>
    public int StartMa { get; init; } = 2;

    /// <summary>Starting seasonal AR order (start.P).</summary>
    public int StartSeasonalAr { get; init; } = 1;

    /// <summary>Starting seasonal MA order (start.Q).</summary>
    public int StartSeasonalMa { get; init; } = 1;

    /// <summary>Criterion ranking the candidates (AIC is used regardless for three values or fewer, as R).</summary>
    public InformationCriterion Criterion { get; init; } = InformationCriterion.Aicc;

    /// <summary>
    /// Search with conditional-sum-of-squares fits and an approximated criterion, then refit the best candidates by exact
    /// likelihood (R's <c>approximation</c>). Null: as R, when the series is longer than 150 or the period exceeds 12.
    /// </summary>
    public bool? Approximation { get; init; }

    /// <summary>Most models the stepwise search fits (nmodels).</summary>
    public int MaxModels { get; init; } = 94;

    /// <summary>Consider a drift when d + D = 1.</summary>
    public bool AllowDrift { get; init; } = true;

    /// <summary>Consider a non-zero mean when d + D = 0.</summary>
    public bool AllowMean { get; init; } = true;

    /// <summary>Level of the KPSS tests that choose d.</summary>
    public double KpssAlpha { get; init; } = 0.05;

    /// <summary>Seasonal strength above which a seasonal difference is taken (nsdiffs' "seas" test).</summary>
    public double SeasonalStrengthThreshold { get; init; } = 0.64;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid choice.</summary>
    public void Validate()
    {
        Check(MaxAr >= 0 && MaxMa >= 0 && MaxSeasonalAr >= 0 && MaxSeasonalMa >= 0, "maximum orders must be non-negative");
        Check(MaxDifferences is >= 0 and <= 2, "MaxDifferences must lie in 0..2");
        Check(MaxSeasonalDifferences is >= 0 and <= 1, "MaxSeasonalDifferences must be 0 or 1");
        Check(StartAr >= 0 && StartMa >= 0 && StartSeasonalAr >= 0 && StartSeasonalMa >= 0, "starting orders must be non-negative");
        Check(MaxModels >= 1, "MaxModels must be at least 1");
        Check(KpssAlpha is >= 0.01 and <= 0.1, "KpssAlpha must lie in [0.01, 0.1] (the range of the KPSS table)");
        Check(SeasonalStrengthThreshold is > 0 and < 1, "SeasonalStrengthThreshold must lie strictly between 0 and 1");
    }

    private static void Check(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException($"Invalid auto-ARIMA options: {message}.");
        }
    }
}
