namespace Zhizao.Forecasting.Methods;

/// <summary>
/// Naive forecast: every step repeats the last value. Intervals are σ√h, with σ the root mean square of the in-sample
/// one-step changes (as R's <c>naive</c>). Also the fallback of every other method when the history is too short for it.
/// </summary>
public sealed class NaiveForecaster : IForecaster
{
    /// <inheritdoc />
    public string Name => "naive";

    /// <inheritdoc />
    public Forecast Forecast(SeriesInput series, int horizon, IReadOnlyList<int> levels) =>
        Compute(Name, ForecastRequest.Validate(series, horizon, levels), horizon, levels);

    /// <summary>The naive forecast of already validated values, labelled as <paramref name="method"/>.</summary>
    internal static Forecast Compute(string method, double[] values, int horizon, IReadOnlyList<int> levels)
    {
        var sigma = RootMeanSquareChange(values, 1);
        var point = new double[horizon];
        var standardErrors = new double[horizon];
        for (var h = 0; h < horizon; h++)
        {
            point[h] = values[^1];
            standardErrors[h] = sigma * Math.Sqrt(h + 1);
        }

        return new Forecast(method, point, PredictionIntervals.Normal(point, standardErrors, levels));
    }

    /// <summary>The naive forecast standing in for <paramref name="method"/>, with the reason in the note.</summary>
    internal static Forecast Fallback(string method, double[] values, int horizon, IReadOnlyList<int> levels, string reason) =>
        Compute("naive", values, horizon, levels) with { Note = $"{method} fell back to naive: {reason}" };

    /// <summary>sqrt(mean((y_t − y_{t−lag})²)) over the history; 0 when it has no such pair.</summary>
    internal static double RootMeanSquareChange(double[] values, int lag)
    {
        if (values.Length <= lag)
        {
            return 0;
        }

        var sum = 0.0;
        for (var t = lag; t < values.Length; t++)
        {
            var change = values[t] - values[t - lag];
            sum += change * change;
        }

        return Math.Sqrt(sum / (values.Length - lag));
    }
}
