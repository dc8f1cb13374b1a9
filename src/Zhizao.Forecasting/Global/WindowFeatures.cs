namespace Zhizao.Forecasting.Global;

/// <summary>
/// The features of the global model for one forecast origin and step, all relative to a level so that series of any size
/// share one model: the value is y / s with s the mean absolute value of the last <see cref="ScaleWindow"/> values.
/// Per row (origin t = index of the last known value, step h): the step h and its phase in the season; the last
/// <see cref="Recent"/> values; the values at the target's own phase in the last <see cref="SeasonalLags"/> seasons
/// (for hourly data the same hour on the previous days); the values at the target's phase one and two long cycles back
/// (a week for hourly data, 52 weeks for daily data); means of the last season and the last seven seasons; the share of
/// zeros (intermittency) and log(1 + s) for the level itself. Values before the start of the history are NaN, which
/// LightGBM treats as missing.
/// </summary>
internal sealed class WindowFeatures
{
    public WindowFeatures(int period, int scaleSeasons = 7, int longLags = 2)
    {
        LongLags = longLags;
        Period = Math.Max(1, period);
        Recent = Period >= 2 ? Math.Clamp(Period, 14, 48) : 14;
        SeasonalLags = Period >= 2 ? 7 : 0;
        LongPeriods = Period switch
        {
            24 => [24 * 7],
            7 => [364],
            _ => [],
        };
        ScaleWindow = Period >= 2 ? Math.Min(scaleSeasons * Period, 400) : 28;
        Count = 2 + Recent + SeasonalLags + (LongLags * LongPeriods.Length) + 4;
    }

    /// <summary>The seasonal period (1 when none).</summary>
    public int Period { get; }

    /// <summary>How many of the latest values are features.</summary>
    public int Recent { get; }

    /// <summary>How many same-phase values of previous seasons are features.</summary>
    public int SeasonalLags { get; }

    /// <summary>Same-phase values per longer cycle.</summary>
    public int LongLags { get; }

    /// <summary>Longer cycles whose same-phase values are features (<see cref="LongLags"/> lags each).</summary>
    public int[] LongPeriods { get; }

    /// <summary>How many latest values define the level s.</summary>
    public int ScaleWindow { get; }

    /// <summary>Features per row.</summary>
    public int Count { get; }

    /// <summary>The level of <paramref name="values"/> up to and including index <paramref name="origin"/>: never zero.</summary>
    public double Scale(double[] values, int origin)
    {
        var from = Math.Max(0, origin - ScaleWindow + 1);
        var sum = 0.0;
        for (var t = from; t <= origin; t++)
        {
            sum += Math.Abs(values[t]);
        }

        var scale = sum / (origin - from + 1);
        if (scale > 0)
        {
            return scale;
        }

        // A window of zeros: the level of the whole known history, else 1 (every feature is then 0 or NaN).
        sum = 0;
        for (var t = 0; t <= origin; t++)
        {
            sum += Math.Abs(values[t]);
        }

        return sum > 0 ? sum / (origin + 1) : 1;
    }

    /// <summary>Writes the features of (origin, step) into <paramref name="row"/> (length <see cref="Count"/>).</summary>
    public void Fill(double[] values, int origin, int step, double scale, Span<float> row)
    {
        var k = 0;
        row[k++] = step;
        row[k++] = (step - 1) % Period;
        for (var i = 0; i < Recent; i++)
        {
            row[k++] = At(values, origin - i, scale);
        }

        var target = origin + step;
        if (SeasonalLags > 0)
        {
            // The latest known value at the target's phase, then the ones a season before it.
            var first = target - (((step + Period - 1) / Period) * Period);
            for (var j = 0; j < SeasonalLags; j++)
            {
                row[k++] = At(values, first - (j * Period), scale);
            }
        }

        foreach (var cycle in LongPeriods)
        {
            var back = ((step + cycle - 1) / cycle) * cycle;
            for (var j = 0; j < LongLags; j++)
            {
                row[k++] = At(values, target - back - (j * cycle), scale);
            }
        }

        row[k++] = (float)(Mean(values, origin, Period >= 2 ? Period : 7) / scale);
        row[k++] = (float)(Mean(values, origin, Period >= 2 ? 7 * Period : 28) / scale);
        row[k++] = ZeroShare(values, origin, ScaleWindow);
        row[k] = (float)Math.Log(1 + scale);
    }

    private static float At(double[] values, int index, double scale) =>
        index >= 0 ? (float)(values[index] / scale) : float.NaN;

    private static double Mean(double[] values, int origin, int window)
    {
        var from = Math.Max(0, origin - window + 1);
        var sum = 0.0;
        for (var t = from; t <= origin; t++)
        {
            sum += values[t];
        }

        return sum / (origin - from + 1);
    }

    private static float ZeroShare(double[] values, int origin, int window)
    {
        var from = Math.Max(0, origin - window + 1);
        var zeros = 0;
        for (var t = from; t <= origin; t++)
        {
            if (values[t] == 0)
            {
                zeros++;
            }
        }

        return (float)zeros / (origin - from + 1);
    }
}
