namespace Zhizao.Forecasting.Methods;

/// <summary>
/// Simple exponential smoothing as the M4 "SES" benchmark runs it: seasonally adjust as Naive2 (a no-op for period 1 or
/// when the test finds no seasonality), fit SES (see <see cref="SimpleExponentialSmoothing"/>), forecast flat at the last
/// level with intervals σ·sqrt(1 + (h − 1)·α²), and reseasonalise. Falls back to naive below three values.
/// </summary>
public sealed class SesForecaster : IForecaster
{
    private const int MinimumLength = 3;

    /// <inheritdoc />
    public string Name => "ses";

    /// <inheritdoc />
    public Forecast Forecast(SeriesInput series, int horizon, IReadOnlyList<int> levels)
    {
        var values = ForecastRequest.Validate(series, horizon, levels);
        if (values.Length < MinimumLength)
        {
            return NaiveForecaster.Fallback(Name, values, horizon, levels, $"{values.Length} values, at least {MinimumLength} needed");
        }

        var adjustment = SeasonalAdjustment.Apply(values, series.SeasonalPeriod);
        var fit = SimpleExponentialSmoothing.Fit(adjustment.Adjusted);
        return adjustment.Restore(FromFit(Name, fit, horizon, levels, _ => 0));
    }

    /// <summary>A forecast from a fitted SES model plus a per-step drift (Theta adds its trend term here).</summary>
    internal static Forecast FromFit(string method, SesFit fit, int horizon, IReadOnlyList<int> levels, Func<int, double> drift)
    {
        var point = new double[horizon];
        var standardErrors = new double[horizon];
        var alphaSquared = fit.Alpha * fit.Alpha;
        for (var h = 1; h <= horizon; h++)
        {
            point[h - 1] = fit.FinalLevel + drift(h);
            standardErrors[h - 1] = fit.Sigma * Math.Sqrt(1 + ((h - 1) * alphaSquared));
        }

        return new Forecast(method, point, PredictionIntervals.Normal(point, standardErrors, levels));
    }
}
