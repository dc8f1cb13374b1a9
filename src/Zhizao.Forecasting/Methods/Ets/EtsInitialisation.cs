using Zhizao.Forecasting.Seasonality;

namespace Zhizao.Forecasting.Methods.Ets;

/// <summary>
/// Starting values of the ETS states, as R's <c>initstate</c>: seasonal states from a classical decomposition of the first
/// three seasons (all of the history when it holds fewer, at least two), the level (and trend) from the mean (least-squares
/// line) of the first max(10, 2m) seasonally adjusted values.
/// </summary>
internal static class EtsInitialisation
{
    /// <summary>Multiplicative seasonal starting indices are kept at or above this (R's floor).</summary>
    private const double MinimumIndex = 1e-2;

    /// <summary>The initial state [level, trend, s_0 … s_{m−1}] (see <see cref="EtsRecursion"/> for the layout).</summary>
    public static double[] Heuristic(double[] values, EtsSpec spec, int period)
    {
        var m = spec.HasSeason ? period : 1;
        var state = new double[spec.HasSeason ? 2 + m : 2];
        var adjusted = values;
        if (spec.HasSeason)
        {
            var figure = SeasonalFigure(values, spec.Season, m);
            for (var k = 1; k < m; k++)
            {
                state[2 + k] = figure[k];
            }

            adjusted = new double[values.Length];
            for (var t = 0; t < values.Length; t++)
            {
                adjusted[t] = spec.Season == EtsSeason.Additive
                    ? values[t] - figure[t % m]
                    : values[t] / Math.Max(figure[t % m], MinimumIndex);
            }

            if (spec.Season == EtsSeason.Multiplicative)
            {
                var sum = 0.0;
                for (var k = 1; k < m; k++)
                {
                    state[2 + k] = Math.Max(state[2 + k], MinimumIndex);
                    sum += state[2 + k];
                }

                if (sum > m)
                {
                    for (var k = 1; k < m; k++)
                    {
                        state[2 + k] /= sum + MinimumIndex;
                    }
                }
            }

            Normalise(state.AsSpan(2), spec.Season);
        }

        var count = Math.Min(Math.Max(10, 2 * m), adjusted.Length);
        if (!spec.HasTrend)
        {
            state[0] = adjusted.AsSpan(0, count).ToArray().Average();
            return state;
        }

        // Least-squares line through (1, a_1) … (count, a_count): the level is its value at time 0.
        var meanT = (count + 1) / 2.0;
        var meanY = 0.0;
        for (var t = 0; t < count; t++)
        {
            meanY += adjusted[t];
        }

        meanY /= count;
        double numerator = 0, denominator = 0;
        for (var t = 0; t < count; t++)
        {
            numerator += (t + 1 - meanT) * (adjusted[t] - meanY);
            denominator += (t + 1 - meanT) * (t + 1 - meanT);
        }

        var slope = denominator > 0 ? numerator / denominator : 0;
        var level = meanY - (slope * meanT);
        if (Math.Abs(level + slope) < 1e-8)
        {
            // R perturbs so a multiplicative-error model does not start from a zero forecast.
            level *= 1 + 1e-3;
            slope *= 1 - 1e-3;
        }

        state[0] = level;
        state[1] = slope;
        return state;
    }

    /// <summary>Sets s_0 so the seasonal states sum to 0 (additive) or m (multiplicative), as R does during estimation.</summary>
    public static void Normalise(Span<double> seasons, EtsSeason season)
    {
        var sum = 0.0;
        for (var k = 1; k < seasons.Length; k++)
        {
            sum += seasons[k];
        }

        seasons[0] = (season == EtsSeason.Multiplicative ? seasons.Length : 0) - sum;
    }

    /// <summary>Classical decomposition indices by position (t mod m) of the first min(n, 3m) values.</summary>
    private static double[] SeasonalFigure(double[] values, EtsSeason season, int m)
    {
        var window = values.AsSpan(0, Math.Min(values.Length, 3 * m)).ToArray();
        if (season == EtsSeason.Multiplicative)
        {
            return ClassicalDecomposition.MultiplicativeIndices(window, m);
        }

        var trend = ClassicalDecomposition.CentredMovingAverage(window, m);
        var sums = new double[m];
        var counts = new int[m];
        for (var t = 0; t < window.Length; t++)
        {
            if (!double.IsNaN(trend[t]))
            {
                sums[t % m] += window[t] - trend[t];
                counts[t % m]++;
            }
        }

        var figure = new double[m];
        for (var p = 0; p < m; p++)
        {
            figure[p] = counts[p] > 0 ? sums[p] / counts[p] : 0;
        }

        var mean = figure.Average();
        for (var p = 0; p < m; p++)
        {
            figure[p] -= mean;
        }

        return figure;
    }
}
