namespace Zhizao.Forecasting.Seasonality;

/// <summary>
/// Multiplicative classical decomposition as R's <c>decompose(type = "multiplicative")</c>: a centred moving average of
/// order m (2×m when m is even) for the trend, the mean of y/trend per season position for the indices, normalised to
/// mean 1.
/// </summary>
public static class ClassicalDecomposition
{
    /// <summary>
    /// Seasonal indices for positions 0..m−1, where position p covers observations t with t mod m = p (t counted from the
    /// first value). Needs at least 2m values, all strictly positive.
    /// </summary>
    public static double[] MultiplicativeIndices(IReadOnlyList<double> values, int period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 2);
        var n = values.Count;
        if (n < 2 * period)
        {
            throw new ArgumentException($"Decomposition at period {period} needs at least {2 * period} values; the series has {n}.", nameof(values));
        }

        for (var t = 0; t < n; t++)
        {
            if (!(values[t] > 0))
            {
                throw new ArgumentException($"Multiplicative decomposition needs positive values; value {t} is {values[t]}.", nameof(values));
            }
        }

        var trend = CentredMovingAverage(values, period);
        var sums = new double[period];
        var counts = new int[period];
        for (var t = 0; t < n; t++)
        {
            if (!double.IsNaN(trend[t]))
            {
                sums[t % period] += values[t] / trend[t];
                counts[t % period]++;
            }
        }

        var indices = new double[period];
        var total = 0.0;
        for (var p = 0; p < period; p++)
        {
            indices[p] = sums[p] / counts[p];
            total += indices[p];
        }

        var mean = total / period;
        for (var p = 0; p < period; p++)
        {
            indices[p] /= mean;
        }

        return indices;
    }

    /// <summary>Centred moving average of order m (2×m for even m); NaN where the window does not fit.</summary>
    public static double[] CentredMovingAverage(IReadOnlyList<double> values, int period)
    {
        var n = values.Count;
        var half = period / 2;
        var trend = new double[n];
        Array.Fill(trend, double.NaN);
        for (var t = half; t < n - half; t++)
        {
            var sum = 0.0;
            if (period % 2 == 0)
            {
                sum += 0.5 * (values[t - half] + values[t + half]);
                for (var j = -half + 1; j < half; j++)
                {
                    sum += values[t + j];
                }
            }
            else
            {
                for (var j = -half; j <= half; j++)
                {
                    sum += values[t + j];
                }
            }

            trend[t] = sum / period;
        }

        return trend;
    }
}
