namespace Zhizao.Forecasting.Methods;

/// <summary>
/// Teunter–Syntetos–Babai (2011) for intermittent and obsolescent demand: the demand probability d is smoothed every
/// period with α_d (towards 1 on a demand, towards 0 otherwise), the size z only at demands with α_z, and the forecast
/// d·z is flat over the horizon. Unlike Croston it decays through long runs of zeros. Initialisation, the grid of the
/// optimised variant and the empirical intervals are described on <see cref="IntermittentDemand"/>. Demand must be
/// finite and non-negative; an all-zero series gets a zero forecast with a note.
/// </summary>
public sealed class TsbForecaster : IForecaster
{
    private readonly (double Probability, double Size)[] alphas;

    /// <summary>TSB with fixed smoothing constants (defaults α_d = α_z = 0.1), named "tsb".</summary>
    public TsbForecaster(double alphaProbability = IntermittentDemand.DefaultAlpha, double alphaSize = IntermittentDemand.DefaultAlpha)
        : this("tsb", [(IntermittentDemand.CheckAlpha(alphaProbability, nameof(alphaProbability)), IntermittentDemand.CheckAlpha(alphaSize, nameof(alphaSize)))])
    {
    }

    private TsbForecaster(string name, (double Probability, double Size)[] alphas)
    {
        Name = name;
        this.alphas = alphas;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>TSB with (α_d, α_z) chosen per series by in-sample one-step MSE over every pair of a grid, named "tsb-opt".</summary>
    public static TsbForecaster Optimised() =>
        new("tsb-opt", [.. IntermittentDemand.Grid.SelectMany(d => IntermittentDemand.Grid.Select(z => (d, z)))]);

    /// <inheritdoc />
    public Forecast Forecast(SeriesInput series, int horizon, IReadOnlyList<int> levels) =>
        IntermittentDemand.Run(Name, series, horizon, levels, alphas, static (values, first, alpha) => IntermittentDemand.Tsb(values, first, alpha.Probability, alpha.Size));
}
