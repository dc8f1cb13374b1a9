namespace Zhizao.Forecasting.Methods;

/// <summary>
/// The standard Theta method as the M4 benchmark runs it (Hyndman's <c>thetaf</c>): seasonally adjust as Naive2, fit simple
/// exponential smoothing, add half the least-squares trend slope b as the drift b/2·(h − 1 + (1 − (1 − α)^n)/α), and
/// reseasonalise. Intervals are the SES intervals, reseasonalised. Falls back to naive below three values.
/// </summary>
public sealed class ThetaForecaster : IForecaster
{
    private const int MinimumLength = 3;

    /// <inheritdoc />
    public string Name => "theta";

    /// <inheritdoc />
    public Forecast Forecast(SeriesInput series, int horizon, IReadOnlyList<int> levels)
    {
        var values = ForecastRequest.Validate(series, horizon, levels);
        if (values.Length < MinimumLength)
        {
            return NaiveForecaster.Fallback(Name, values, horizon, levels, $"{values.Length} values, at least {MinimumLength} needed");
        }

        var adjustment = SeasonalAdjustment.Apply(values, series.SeasonalPeriod);
        var adjusted = adjustment.Adjusted;
        var fit = SimpleExponentialSmoothing.Fit(adjusted);
        var halfSlope = TrendSlope(adjusted) / 2;
        // thetaf keeps α away from zero so the drift term stays finite.
        var alpha = Math.Max(1e-10, fit.Alpha);
        var n = adjusted.Length;
        var offset = (1 - Math.Pow(1 - alpha, n)) / alpha;
        var forecast = adjustment.Restore(SesForecaster.FromFit(Name, fit, horizon, levels, h => halfSlope * (h - 1 + offset)));
        return PredictionIntervals.IsFinite(forecast)
            ? forecast
            : NaiveForecaster.Fallback(Name, values, horizon, levels, "the fitted model gave non-finite values");
    }

    /// <summary>Least-squares slope of the values against time 0..n−1.</summary>
    internal static double TrendSlope(double[] values)
    {
        var n = values.Length;
        var meanT = (n - 1) / 2.0;
        var meanY = values.Average();
        var numerator = 0.0;
        var denominator = 0.0;
        for (var t = 0; t < n; t++)
        {
            numerator += (t - meanT) * (values[t] - meanY);
            denominator += (t - meanT) * (t - meanT);
        }

        return numerator / denominator;
    }
}
