namespace Zhizao.Forecasting.Methods;

/// <summary>
/// Croston (1972) for intermittent demand: non-zero demand sizes z and inter-demand intervals p are smoothed with the
/// same constant α at each demand, and the forecast z/p is flat over the horizon. Initialisation, the grid of the
/// optimised variant and the empirical intervals are described on <see cref="IntermittentDemand"/>. Demand must be
/// finite and non-negative; an all-zero series gets a zero forecast with a note.
/// </summary>
public sealed class CrostonForecaster : IForecaster
{
    private readonly double[] alphas;

    /// <summary>Croston with a fixed smoothing constant (default 0.1), named "croston".</summary>
    public CrostonForecaster(double alpha = IntermittentDemand.DefaultAlpha)
        : this("croston", [IntermittentDemand.CheckAlpha(alpha, nameof(alpha))])
    {
    }

    private CrostonForecaster(string name, double[] alphas)
    {
        Name = name;
        this.alphas = alphas;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>Croston with α chosen per series by in-sample one-step MSE over a grid, named "croston-opt".</summary>
    public static CrostonForecaster Optimised() => new("croston-opt", IntermittentDemand.Grid);

    /// <inheritdoc />
    public Forecast Forecast(SeriesInput series, int horizon, IReadOnlyList<int> levels) =>
        IntermittentDemand.Run(Name, series, horizon, levels, alphas, static (values, first, alpha) => IntermittentDemand.Croston(values, first, alpha, 1));
}
