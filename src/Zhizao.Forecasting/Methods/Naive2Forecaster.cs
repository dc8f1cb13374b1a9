namespace Zhizao.Forecasting.Methods;

/// <summary>
/// Naive2, the M4 benchmark every entry is ranked against: the naive forecast of the seasonally adjusted series
/// (multiplicative classical decomposition, applied when the 90 % autocorrelation test finds seasonality), reseasonalised.
/// Intervals are the naive intervals of the adjusted series, multiplied by the seasonal index of each step.
/// </summary>
public sealed class Naive2Forecaster : IForecaster
{
    /// <inheritdoc />
    public string Name => "naive2";

    /// <inheritdoc />
    public Forecast Forecast(SeriesInput series, int horizon, IReadOnlyList<int> levels)
    {
        var values = ForecastRequest.Validate(series, horizon, levels);
        var adjustment = SeasonalAdjustment.Apply(values, series.SeasonalPeriod);
        return adjustment.Restore(NaiveForecaster.Compute(Name, adjustment.Adjusted, horizon, levels));
    }
}
