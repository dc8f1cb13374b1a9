namespace Zhizao.Forecasting.Seasonality;

/// <summary>An STL decomposition: values = seasonal + trend + remainder.</summary>
/// <param name="Seasonal">The seasonal component.</param>
/// <param name="Trend">The trend component.</param>
/// <param name="Remainder">values − seasonal − trend.</param>
/// <param name="RobustnessWeights">The final bisquare weights (all 1 without robustness iterations).</param>
public sealed record StlResult(double[] Seasonal, double[] Trend, double[] Remainder, double[] RobustnessWeights);

/// <summary>
/// Seasonal-trend decomposition by loess (Cleveland, Cleveland, McRae &amp; Terpenning 1990). The inner loop detrends,
/// smooths each cycle-subseries by loess (extended one period at both ends), removes from it a low-pass filter (moving
/// averages of m, m and 3 then loess) so the seasonal keeps no trend, deseasonalises and smooths the trend by loess. The
/// outer loop re-runs it with bisquare robustness weights 1 − (r / 6·median|r|)², squared, so outliers bend neither
/// component. With a periodic seasonal window the seasonal is finally replaced by its per-phase mean, as R's <c>stl</c>.
/// </summary>
public static class Stl
{
    /// <summary>Decomposes <paramref name="values"/> (at least two periods) at <paramref name="period"/> (at least 2).</summary>
    public static StlResult Decompose(IReadOnlyList<double> values, int period, StlOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 2);
        var n = values.Count;
        if (n <= 2 * period)
        {
            throw new ArgumentException($"STL at period {period} needs more than {2 * period} values; the series has {n}.", nameof(values));
        }

        var y = values.ToArray();
        var p = (options ?? new StlOptions()).Resolve(period, n);
        var seasonal = new double[n];
        var trend = new double[n];
        var robustness = new double[n];
        var work = new StlWorkspace(n, period);
        var useRobustness = false;
        for (var k = 0; ; k++)
        {
            InnerLoop(y, period, p, useRobustness ? robustness : ReadOnlySpan<double>.Empty, seasonal, trend, work);
            if (k >= p.Outer)
            {
                break;
            }

            RobustnessWeights(y, seasonal, trend, robustness);
            useRobustness = true;
        }

        if (!useRobustness)
        {
            Array.Fill(robustness, 1.0);
        }

        if (p.Periodic)
        {
            PhaseMeans(seasonal, period);
        }

        var remainder = new double[n];
        for (var t = 0; t < n; t++)
        {
            remainder[t] = y[t] - seasonal[t] - trend[t];
        }

        return new StlResult(seasonal, trend, remainder, robustness);
    }

    private static void InnerLoop(double[] y, int period, StlParameters p, ReadOnlySpan<double> robustness, double[] seasonal, double[] trend, StlWorkspace work)
    {
        var n = y.Length;
        for (var pass = 0; pass < p.Inner; pass++)
        {
            // Step 1: detrend.
            for (var t = 0; t < n; t++)
            {
                work.Detrended[t] = y[t] - trend[t];
            }

            // Step 2: cycle-subseries smoothing, one period beyond each end (length n + 2m).
            CycleSubseries(work.Detrended, period, p, robustness, work);

            // Step 3: low-pass filter of the cycle-subseries: moving averages m, m, 3, then loess.
            StlLoess.MovingAverage(work.Cycle, period, work.Average1);
            StlLoess.MovingAverage(work.Average1.AsSpan(0, n + period + 1), period, work.Average2);
            StlLoess.MovingAverage(work.Average2.AsSpan(0, n + 2), 3, work.Average1);
            StlLoess.Smooth(work.Average1.AsSpan(0, n), p.LowPassSpan, p.LowPassDegree, p.LowPassJump, ReadOnlySpan<double>.Empty, work.LowPass, work.Weights);

            // Step 4: detrend the smoothed cycle-subseries; steps 5–6: deseasonalise and smooth the trend.
            for (var t = 0; t < n; t++)
            {
                seasonal[t] = work.Cycle[period + t] - work.LowPass[t];
                work.Detrended[t] = y[t] - seasonal[t];
            }

            StlLoess.Smooth(work.Detrended, p.TrendSpan, p.TrendDegree, p.TrendJump, robustness, trend, work.Weights);
        }
    }

    /// <summary>Loess of each phase's values, evaluated at each of them and extrapolated one cycle before and after.</summary>
    private static void CycleSubseries(double[] detrended, int period, StlParameters p, ReadOnlySpan<double> robustness, StlWorkspace work)
    {
        var n = detrended.Length;
        for (var phase = 0; phase < period; phase++)
        {
            var count = ((n - phase - 1) / period) + 1;
            var sub = work.Subseries.AsSpan(0, count);
            var subWeights = robustness.IsEmpty ? Span<double>.Empty : work.SubRobustness.AsSpan(0, count);
            for (var i = 0; i < count; i++)
            {
                sub[i] = detrended[(i * period) + phase];
                if (!subWeights.IsEmpty)
                {
                    subWeights[i] = robustness[(i * period) + phase];
                }
            }

            var smoothed = work.SubSmoothed.AsSpan(1, count);
            StlLoess.Smooth(sub, p.SeasonalSpan, p.SeasonalDegree, p.SeasonalJump, subWeights, smoothed, work.Weights);

            var right = Math.Min(p.SeasonalSpan, count) - 1;
            work.SubSmoothed[0] = StlLoess.Estimate(sub, p.SeasonalSpan, p.SeasonalDegree, -1, 0, right, subWeights, work.Weights, out var before)
                ? before
                : smoothed[0];
            var left = Math.Max(0, count - p.SeasonalSpan);
            work.SubSmoothed[count + 1] = StlLoess.Estimate(sub, p.SeasonalSpan, p.SeasonalDegree, count, left, count - 1, subWeights, work.Weights, out var after)
                ? after
                : smoothed[count - 1];

            for (var i = 0; i < count + 2; i++)
            {
                work.Cycle[(i * period) + phase] = work.SubSmoothed[i];
            }
        }
    }

    /// <summary>Bisquare weights of the remainders, scaled by six times their median absolute value.</summary>
    private static void RobustnessWeights(double[] y, double[] seasonal, double[] trend, double[] weights)
    {
        var n = y.Length;
        var absolute = new double[n];
        for (var t = 0; t < n; t++)
        {
            absolute[t] = Math.Abs(y[t] - seasonal[t] - trend[t]);
        }

        var sorted = (double[])absolute.Clone();
        Array.Sort(sorted);
        var scale = 6 * (sorted[(n - 1) / 2] + sorted[n / 2]) / 2;
        for (var t = 0; t < n; t++)
        {
            var r = absolute[t];
            if (r <= 0.001 * scale)
            {
                weights[t] = 1;
            }
            else if (r <= 0.999 * scale)
            {
                var u = r / scale;
                var c = 1 - (u * u);
                weights[t] = c * c;
            }
            else
            {
                weights[t] = 0;
            }
        }
    }

    private static void PhaseMeans(double[] seasonal, int period)
    {
        for (var phase = 0; phase < period; phase++)
        {
            var sum = 0.0;
            var count = 0;
            for (var t = phase; t < seasonal.Length; t += period)
            {
                sum += seasonal[t];
                count++;
            }

            for (var t = phase; t < seasonal.Length; t += period)
            {
                seasonal[t] = sum / count;
            }
        }
    }

    /// <summary>Buffers reused by every pass of one decomposition.</summary>
    private sealed class StlWorkspace(int n, int period)
    {
        public double[] Detrended { get; } = new double[n];

        public double[] Cycle { get; } = new double[n + (2 * period)];

        public double[] Average1 { get; } = new double[n + (2 * period)];

        public double[] Average2 { get; } = new double[n + (2 * period)];

        public double[] LowPass { get; } = new double[n];

        public double[] Weights { get; } = new double[Math.Max(n, (n / period) + 3)];

        public double[] Subseries { get; } = new double[(n / period) + 3];

        public double[] SubRobustness { get; } = new double[(n / period) + 3];

        public double[] SubSmoothed { get; } = new double[(n / period) + 3];
    }
}
