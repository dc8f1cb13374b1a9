namespace Zhizao.Forecasting;

/// <summary>A series to forecast: its history in time order, equally spaced, and its seasonal period (1 when none).</summary>
/// <param name="Id">Series id (e.g. an M4 id "H1" or an item code).</param>
/// <param name="Values">History, oldest first; finite numbers.</param>
/// <param name="SeasonalPeriod">Observations per season (24 for hourly data with a daily cycle; 1 when none).</param>
public sealed record SeriesInput(string Id, IReadOnlyList<double> Values, int SeasonalPeriod);

/// <summary>A forecast: point values and, for each requested coverage level, lower and upper bounds.</summary>
/// <param name="Method">The method that produced it (after any fallback).</param>
/// <param name="Point">Point forecasts, one per step ahead.</param>
/// <param name="Intervals">Bounds by coverage level in percent (e.g. 95).</param>
/// <param name="Note">A fallback or warning the caller should report, or null.</param>
public sealed record Forecast(string Method, double[] Point, IReadOnlyDictionary<int, (double[] Lower, double[] Upper)> Intervals, string? Note = null);

/// <summary>
/// One forecasting method. Implementations are stateless and thread-safe: the caller forecasts many series in parallel.
/// They never return NaN or infinite values; when the history does not support the method they fall back (and say so in
/// <see cref="Forecast.Note"/>) or throw <see cref="ArgumentException"/> with a precise message.
/// </summary>
public interface IForecaster
{
    /// <summary>Method name (e.g. "naive2", "ses", "theta").</summary>
    string Name { get; }

    /// <summary>Forecasts <paramref name="horizon"/> steps with intervals at <paramref name="levels"/> (percent, e.g. 80, 95).</summary>
    Forecast Forecast(SeriesInput series, int horizon, IReadOnlyList<int> levels);
}
