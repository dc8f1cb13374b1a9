namespace Zhizao.Forecasting.Methods;

/// <summary>
/// The Syntetos–Boylan approximation (2005): Croston's recursion with the bias-corrected forecast (1 − α/2)·z/p, flat
/// over the horizon. Initialisation, the grid of the optimised variant and the empirical intervals are described on
/// <see cref="IntermittentDemand"/>. Demand must be finite and non-negative; an all-zero series gets a zero forecast
/// with a note.
/// </summary>
public sealed class SbaForecaster : IForecaster
{
    private readonly double[] alphas;

    /// <summary>SBA with a fixed smoothing constant (default 0.1), named "sba".</summary>
    public SbaForecaster(double alpha = IntermittentDemand.DefaultAlpha)
        : this("sba", [IntermittentDemand.CheckAlpha(alpha, nameof(alpha))])
    {
    }

    private SbaForecaster(string name, double[] alphas)
    {
        Name = name;
        this.alphas = alphas;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>SBA with α chosen per series by in-sample one-step MSE over a grid, named "sba-opt".</summary>
    public static SbaForecaster Optimised() => new("sba-opt", IntermittentDemand.Grid);

    /// <inheritdoc />
    public Forecast Forecast(SeriesInput series, int horizon, IReadOnlyList<int> levels) =>
        IntermittentDemand.Run(Name, series, horizon, levels, alphas, static (values, first, alpha) => IntermittentDemand.Croston(values, first, alpha, 1 - (alpha / 2)));
}
