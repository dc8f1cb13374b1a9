using Zhizao.Forecasting.Seasonality;

namespace Zhizao.Forecasting.Methods;

/// <summary>
/// The M4 benchmarks' seasonal adjustment, shared by Naive2 and Theta: when the seasonality test finds seasonality, divide by
/// the multiplicative classical-decomposition indices, forecast, then multiply the forecast by the indices continued from
/// the end of the history.
/// </summary>
internal sealed class SeasonalAdjustment
{
    private SeasonalAdjustment(double[] adjusted, double[]? indices, int historyLength, string? note)
    {
        Adjusted = adjusted;
        Indices = indices;
        HistoryLength = historyLength;
        Note = note;
    }

    /// <summary>The series divided by its seasonal indices (the series itself when not adjusted).</summary>
    public double[] Adjusted { get; }

    /// <summary>Seasonal indices by position, or null when the series was not adjusted.</summary>
    public double[]? Indices { get; }

    /// <summary>Why a seasonal series was not adjusted, or null.</summary>
    public string? Note { get; }

    private int HistoryLength { get; }

    /// <summary>Tests and, where seasonal, adjusts <paramref name="values"/> at <paramref name="period"/>.</summary>
    public static SeasonalAdjustment Apply(double[] values, int period)
    {
        if (!SeasonalityTest.IsSeasonal(values, period))
        {
            return new SeasonalAdjustment(values, null, values.Length, null);
        }

        if (values.Any(v => v <= 0))
        {
            // Multiplicative indices are undefined with zero or negative values; forecasting unadjusted keeps the output finite.
            return new SeasonalAdjustment(values, null, values.Length, "seasonal but not strictly positive: forecast without seasonal adjustment");
        }

        var indices = ClassicalDecomposition.MultiplicativeIndices(values, period);
        var adjusted = new double[values.Length];
        for (var t = 0; t < values.Length; t++)
        {
            adjusted[t] = values[t] / indices[t % period];
        }

        return new SeasonalAdjustment(adjusted, indices, values.Length, null);
    }

    /// <summary>Puts the seasonality back into a forecast of the adjusted series (no change when not adjusted).</summary>
    public Forecast Restore(Forecast forecast)
    {
        var withNote = Note is null ? forecast : forecast with { Note = Note };
        if (Indices is null)
        {
            return withNote;
        }

        var factors = new double[forecast.Point.Length];
        for (var h = 0; h < factors.Length; h++)
        {
            factors[h] = Indices[(HistoryLength + h) % Indices.Length];
        }

        return PredictionIntervals.Reseasonalise(withNote, factors);
    }
}
