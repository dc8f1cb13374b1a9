namespace Zhizao.Forecasting.Methods;

/// <summary>
/// The optimised Theta method (Fiorucci et al. 2016; R's <c>forecTheta::otm</c>, "otm") and its dynamic variant whose
/// trend line is re-estimated at every step (<c>dotm</c>, "dotm"), see <see cref="OptimisedThetaModel"/>. As the M4 Theta
/// benchmark, the series is first seasonally adjusted (<see cref="SeasonalAdjustment"/>) and the forecast reseasonalised.
/// Intervals are normal with σ² the in-sample mean squared one-step error and the SES-with-drift (ARIMA(0,1,1) with drift)
/// growth √(1 + (h − 1)·α²), reseasonalised. Falls back to naive below three values or when the fit is not finite.
/// </summary>
public sealed class OptimisedThetaForecaster : IForecaster
{
    private const int MinimumLength = 3;
    private readonly bool _dynamic;

    /// <summary>The forecaster: the static model ("otm") or the dynamic one ("dotm").</summary>
    public OptimisedThetaForecaster(bool dynamic = false)
    {
        _dynamic = dynamic;
    }

    /// <inheritdoc />
    public string Name => _dynamic ? "dotm" : "otm";

    /// <inheritdoc />
    public Forecast Forecast(SeriesInput series, int horizon, IReadOnlyList<int> levels)
    {
        var values = ForecastRequest.Validate(series, horizon, levels);
        if (values.Length < MinimumLength)
        {
            return NaiveForecaster.Fallback(Name, values, horizon, levels, $"{values.Length} values, at least {MinimumLength} needed");
        }

        var adjustment = SeasonalAdjustment.Apply(values, series.SeasonalPeriod);
        var fit = OptimisedThetaModel.Fit(adjustment.Adjusted, _dynamic);
        var point = OptimisedThetaModel.Point(fit, horizon);
        var sigma = Math.Sqrt(fit.MeanSquaredError);
        var standardErrors = new double[horizon];
        for (var h = 1; h <= horizon; h++)
        {
            standardErrors[h - 1] = sigma * Math.Sqrt(1 + ((h - 1) * fit.Alpha * fit.Alpha));
        }

        var forecast = adjustment.Restore(new Forecast(Name, point, PredictionIntervals.Normal(point, standardErrors, levels)));
        return PredictionIntervals.IsFinite(forecast)
            ? forecast
            : NaiveForecaster.Fallback(Name, values, horizon, levels, "the fitted model gave non-finite values");
    }
}
