namespace Zhizao.Forecasting.Methods;

/// <summary>
/// Seasonal naive forecast: step h repeats the value one season before, i.e. the last season over and over. Intervals are
/// σ√(⌊(h−1)/m⌋ + 1), with σ the root mean square of the in-sample seasonal differences (as R's <c>snaive</c>). Falls back
/// to naive when the series has no seasonal period or no more than one season of history.
/// </summary>
public sealed class SeasonalNaiveForecaster : IForecaster
{
    /// <inheritdoc />
    public string Name => "snaive";

    /// <inheritdoc />
    public Forecast Forecast(SeriesInput series, int horizon, IReadOnlyList<int> levels)
    {
        var values = ForecastRequest.Validate(series, horizon, levels);
        var m = series.SeasonalPeriod;
        if (m == 1)
        {
            return NaiveForecaster.Compute(Name, values, horizon, levels);
        }

        if (values.Length <= m)
        {
            return NaiveForecaster.Fallback(Name, values, horizon, levels, $"{values.Length} values, more than one season of {m} needed");
        }

        var sigma = NaiveForecaster.RootMeanSquareChange(values, m);
        var point = new double[horizon];
        var standardErrors = new double[horizon];
        for (var h = 0; h < horizon; h++)
        {
            point[h] = values[values.Length - m + (h % m)];
            standardErrors[h] = sigma * Math.Sqrt((h / m) + 1);
        }

        return new Forecast(Name, point, PredictionIntervals.Normal(point, standardErrors, levels));
    }
}
