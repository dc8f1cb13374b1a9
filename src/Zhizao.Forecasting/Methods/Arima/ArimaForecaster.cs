namespace Zhizao.Forecasting.Methods.Arima;

/// <summary>
/// Automatic ARIMA ("arima"): <see cref="AutoArima"/> selects and fits the model, forecasts and normal intervals come from
/// the ψ-weights of the integrated model. Falls back to naive (with a note) when no model can be estimated or the
/// forecast is not finite; a degenerate model (constant series) is reported in the note.
/// </summary>
public sealed class ArimaForecaster : IForecaster
{
    private readonly AutoArimaOptions _options;

    /// <summary>The forecaster with auto.arima's defaults.</summary>
    public ArimaForecaster()
        : this(new AutoArimaOptions())
    {
    }

    /// <summary>The forecaster with explicit choices.</summary>
    public ArimaForecaster(AutoArimaOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
    }

    /// <inheritdoc />
    public string Name => "arima";

    /// <inheritdoc />
    public Forecast Forecast(SeriesInput series, int horizon, IReadOnlyList<int> levels)
    {
        var values = ForecastRequest.Validate(series, horizon, levels);
        var model = AutoArima.Fit(values, series.SeasonalPeriod, _options);
        if (model is null)
        {
            return NaiveForecaster.Fallback(Name, values, horizon, levels, "no ARIMA model could be estimated");
        }

        var prediction = model.Forecast(horizon);
        var forecast = new Forecast(Name, prediction.Point, PredictionIntervals.Normal(prediction.Point, prediction.StandardErrors, levels), model.Note);
        return PredictionIntervals.IsFinite(forecast)
            ? forecast
            : NaiveForecaster.Fallback(Name, values, horizon, levels, $"{model} gave non-finite forecasts");
    }
}
