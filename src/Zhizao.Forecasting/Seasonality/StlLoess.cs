namespace Zhizao.Forecasting.Seasonality;

/// <summary>
/// The local regressions STL is built from (Cleveland et al. 1990, section 2): a tricube-weighted fit of degree 0 or 1 over
/// the <c>span</c> nearest points, evaluated at every <c>jump</c>-th position and linearly interpolated in between.
/// Positions are the indices 0..n−1 of the values.
/// </summary>
internal static class StlLoess
{
    /// <summary>
    /// The loess estimate at position <paramref name="x"/> from <paramref name="y"/>[<paramref name="left"/>..<paramref name="right"/>]
    /// (inclusive). Returns false when every neighbourhood weight is zero (the caller then keeps the raw value).
    /// </summary>
    /// <param name="y">Values, at positions 0..n−1.</param>
    /// <param name="span">Number of points in the neighbourhood (may exceed n, which widens the bandwidth).</param>
    /// <param name="degree">0 (local mean) or 1 (local line).</param>
    /// <param name="x">Where to estimate (may lie outside 0..n−1, for extrapolation).</param>
    /// <param name="left">First index of the neighbourhood.</param>
    /// <param name="right">Last index of the neighbourhood.</param>
    /// <param name="robustness">Robustness weights, or empty for none.</param>
    /// <param name="weights">Scratch space of at least n values.</param>
    /// <param name="estimate">The estimate.</param>
    public static bool Estimate(
        ReadOnlySpan<double> y,
        int span,
        int degree,
        double x,
        int left,
        int right,
        ReadOnlySpan<double> robustness,
        Span<double> weights,
        out double estimate)
    {
        var n = y.Length;
        var range = n - 1.0;
        var h = Math.Max(x - left, right - x);
        if (span > n)
        {
            // Integer division on purpose: a span beyond the series widens the bandwidth by whole points, as in the paper's code.
            h += (span - n) / 2;
        }

        var upper = 0.999 * h;
        var lower = 0.001 * h;
        var total = 0.0;
        for (var j = left; j <= right; j++)
        {
            var w = 0.0;
            var r = Math.Abs(j - x);
            if (r <= upper)
            {
                if (r <= lower)
                {
                    w = 1;
                }
                else
                {
                    var q = r / h;
                    var c = 1 - (q * q * q);
                    w = c * c * c;
                }

                if (!robustness.IsEmpty)
                {
                    w *= robustness[j];
                }
            }

            weights[j] = w;
            total += w;
        }

        if (total <= 0)
        {
            estimate = 0;
            return false;
        }

        for (var j = left; j <= right; j++)
        {
            weights[j] /= total;
        }

        if (h > 0 && degree > 0)
        {
            var centre = 0.0;
            for (var j = left; j <= right; j++)
            {
                centre += weights[j] * j;
            }

            var spread = 0.0;
            for (var j = left; j <= right; j++)
            {
                spread += weights[j] * (j - centre) * (j - centre);
            }

            // A neighbourhood too narrow to fix a slope keeps the local mean.
            if (Math.Sqrt(spread) > 0.001 * range)
            {
                var slope = (x - centre) / spread;
                for (var j = left; j <= right; j++)
                {
                    weights[j] *= (slope * (j - centre)) + 1;
                }
            }
        }

        var sum = 0.0;
        for (var j = left; j <= right; j++)
        {
            sum += weights[j] * y[j];
        }

        estimate = sum;
        return true;
    }

    /// <summary>
    /// Smooths <paramref name="y"/> into <paramref name="smoothed"/> (same length): loess with <paramref name="span"/> nearest
    /// points at every <paramref name="jump"/>-th position and at the last one, linear interpolation in between.
    /// </summary>
    public static void Smooth(
        ReadOnlySpan<double> y,
        int span,
        int degree,
        int jump,
        ReadOnlySpan<double> robustness,
        Span<double> smoothed,
        Span<double> weights)
    {
        var n = y.Length;
        if (n < 2)
        {
            smoothed[0] = y[0];
            return;
        }

        var step = Math.Min(jump, n - 1);
        var left = 0;
        var right = n - 1;
        var half = (span + 1) / 2;
        for (var i = 0; i < n; i += step)
        {
            if (span < n)
            {
                // The neighbourhood is the span nearest points: centred, or pinned against either end.
                if (i + 1 < half)
                {
                    left = 0;
                    right = span - 1;
                }
                else if (i + 1 >= n - half + 1)
                {
                    left = n - span;
                    right = n - 1;
                }
                else
                {
                    left = i - half + 1;
                    right = span + i - half;
                }
            }

            smoothed[i] = Estimate(y, span, degree, i, left, right, robustness, weights, out var value) ? value : y[i];
        }

        if (step == 1)
        {
            return;
        }

        for (var i = 0; i + step < n; i += step)
        {
            var delta = (smoothed[i + step] - smoothed[i]) / step;
            for (var j = i + 1; j < i + step; j++)
            {
                smoothed[j] = smoothed[i] + (delta * (j - i));
            }
        }

        var last = (n - 1) / step * step;
        if (last != n - 1)
        {
            smoothed[n - 1] = Estimate(y, span, degree, n - 1, left, right, robustness, weights, out var value) ? value : y[n - 1];
            var delta = (smoothed[n - 1] - smoothed[last]) / (n - 1 - last);
            for (var j = last + 1; j < n - 1; j++)
            {
                smoothed[j] = smoothed[last] + (delta * (j - last));
            }
        }
    }

    /// <summary>Moving average of <paramref name="length"/> consecutive values: output has x.Length − length + 1 values.</summary>
    public static void MovingAverage(ReadOnlySpan<double> x, int length, Span<double> average)
    {
        var count = x.Length - length + 1;
        var sum = 0.0;
        for (var i = 0; i < length; i++)
        {
            sum += x[i];
        }

        average[0] = sum / length;
        for (var i = 1; i < count; i++)
        {
            sum += x[i + length - 1] - x[i - 1];
            average[i] = sum / length;
        }
    }

    /// <summary>
    /// Leverage of the loess smoother of <paramref name="count"/> equally weighted points: its trace Σ_j w_jj (the degrees
    /// of freedom it spends) and Σ_i w_i² of the fit at the last point (the variance of that fit per unit noise variance).
    /// </summary>
    public static (double Trace, double LastPointVariance) Leverage(int count, int span, int degree)
    {
        var weights = new double[count];
        var dummy = new double[count];
        var trace = 0.0;
        var lastVariance = 0.0;
        var half = (span + 1) / 2;
        for (var i = 0; i < count; i++)
        {
            var (left, right) = span >= count ? (0, count - 1)
                : i + 1 < half ? (0, span - 1)
                : i + 1 >= count - half + 1 ? (count - span, count - 1)
                : (i - half + 1, span + i - half);
            if (!Estimate(dummy, span, degree, i, left, right, ReadOnlySpan<double>.Empty, weights, out _))
            {
                continue;
            }

            trace += weights[i];
            if (i == count - 1)
            {
                for (var j = left; j <= right; j++)
                {
                    lastVariance += weights[j] * weights[j];
                }
            }
        }

        return (trace, lastVariance);
    }
}
