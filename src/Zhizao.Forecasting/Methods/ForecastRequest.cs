namespace Zhizao.Forecasting.Methods;

/// <summary>Argument checks shared by every method, so each one rejects bad input with the same precise messages.</summary>
internal static class ForecastRequest
{
    /// <summary>Checks the request and returns the history as an array.</summary>
    public static double[] Validate(SeriesInput series, int horizon, IReadOnlyList<int> levels)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(levels);
        ArgumentOutOfRangeException.ThrowIfLessThan(horizon, 1);
        if (series.SeasonalPeriod < 1)
        {
            throw new ArgumentException($"Series '{series.Id}': seasonal period must be at least 1, not {series.SeasonalPeriod}.", nameof(series));
        }

        if (series.Values.Count == 0)
        {
            throw new ArgumentException($"Series '{series.Id}' has no values to forecast from.", nameof(series));
        }

        foreach (var level in levels)
        {
            if (level is <= 0 or >= 100)
            {
                throw new ArgumentException($"Interval level {level} must lie strictly between 0 and 100 (percent).", nameof(levels));
            }
        }

        var values = new double[series.Values.Count];
        for (var t = 0; t < values.Length; t++)
        {
            var value = series.Values[t];
            if (!double.IsFinite(value))
            {
                throw new ArgumentException($"Series '{series.Id}': value at index {t} is {value}; every value must be finite.", nameof(series));
            }

            values[t] = value;
        }

        return values;
    }
}
