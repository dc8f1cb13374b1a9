namespace Zhizao.Forecasting.Methods;

/// <summary>A fitted (dynamic) optimised Theta model.</summary>
/// <param name="Alpha">SES smoothing α.</param>
/// <param name="Theta">Theta coefficient θ ≥ 1 (θ = 1 is SES, θ = 2 the standard Theta method).</param>
/// <param name="InitialLevel">ℓ₀.</param>
/// <param name="FinalLevel">ℓ_n.</param>
/// <param name="Intercept">A_n of the least-squares line A + B·t, t = 1 … n.</param>
/// <param name="Slope">B_n.</param>
/// <param name="MeanSquaredError">Mean squared in-sample one-step error.</param>
/// <param name="Length">n.</param>
internal sealed record OptimisedThetaFit(
    double Alpha, double Theta, double InitialLevel, double FinalLevel, double Intercept, double Slope, double MeanSquaredError, int Length);

/// <summary>
/// The optimised Theta models of Fiorucci et al. (2016) as R's <c>forecTheta::otm</c> and <c>dotm</c>, in state-space form:
/// Y_t = μ_t + ε_t, μ_t = ℓ_{t−1} + (1 − 1/θ)·[(1 − α)^{t−1}·A + (1 − (1 − α)^t)/α·B], ℓ_t = α·Y_t + (1 − α)·ℓ_{t−1}, with
/// A, B the least-squares line of the whole history (OTM) or, in the dynamic model (DOTM), of Y_1 … Y_{t−1}, updated each
/// step. The forecast is ℓ_n + (1 − 1/θ)·[(1 − α)^n·A_n + (h − 1 + (1 − (1 − α)^{n+1})/α)·B_n]; with θ = 2 it is the
/// standard Theta method up to terms in (1 − α)^n.
/// α, θ and ℓ₀ minimise the in-sample mean squared one-step error. Because the level recursion does not depend on θ or
/// the errors, the errors are linear in ℓ₀ and w = 1 − 1/θ: for each α both have a closed form (2 × 2 least squares, w
/// clamped to [0, 0.999], i.e. 1 ≤ θ ≤ 1000), and α is found by a grid over [0.0001, 0.9999] refined by golden section.
/// </summary>
internal static class OptimisedThetaModel
{
    private const double MinAlpha = 1e-4;
    private const double MaxAlpha = 0.9999;
    private const double MaxWeight = 0.999;
    private const int GridPoints = 50;

    /// <summary>Fits α, θ (unless <paramref name="fixedTheta"/> is given) and ℓ₀ to <paramref name="y"/> (at least 3 values).</summary>
    public static OptimisedThetaFit Fit(double[] y, bool dynamic, double? fixedTheta = null)
    {
        var (intercepts, slopes) = Lines(y, dynamic);
        double? fixedWeight = fixedTheta is { } theta ? 1 - (1 / theta) : null;
        var step = (MaxAlpha - MinAlpha) / (GridPoints - 1);
        var best = 0;
        var bestSse = double.PositiveInfinity;
        for (var i = 0; i < GridPoints; i++)
        {
            var sse = Profile(y, intercepts, slopes, MinAlpha + (i * step), fixedWeight).Sse;
            if (sse < bestSse)
            {
                bestSse = sse;
                best = i;
            }
        }

        var alpha = MinAlpha + (best * step);
        var low = Math.Max(MinAlpha, alpha - step);
        var high = Math.Min(MaxAlpha, alpha + step);
        var ratio = (Math.Sqrt(5) - 1) / 2;
        for (var i = 0; i < 40 && high - low > 1e-7; i++)
        {
            var x1 = high - (ratio * (high - low));
            var x2 = low + (ratio * (high - low));
            if (Profile(y, intercepts, slopes, x1, fixedWeight).Sse < Profile(y, intercepts, slopes, x2, fixedWeight).Sse)
            {
                high = x2;
            }
            else
            {
                low = x1;
            }
        }

        var refined = (low + high) / 2;
        if (Profile(y, intercepts, slopes, refined, fixedWeight).Sse < bestSse)
        {
            alpha = refined;
        }

        var (sseAtBest, level0, weight) = Profile(y, intercepts, slopes, alpha, fixedWeight);
        var finalLevel = level0;
        foreach (var value in y)
        {
            finalLevel = (alpha * value) + ((1 - alpha) * finalLevel);
        }

        var n = y.Length;
        return new OptimisedThetaFit(alpha, 1 / (1 - weight), level0, finalLevel, intercepts[n], slopes[n], Math.Max(0, sseAtBest) / n, n);
    }

    /// <summary>Point forecasts for steps 1 … <paramref name="horizon"/>.</summary>
    public static double[] Point(OptimisedThetaFit fit, int horizon)
    {
        var weight = 1 - (1 / fit.Theta);
        var decay = Math.Pow(1 - fit.Alpha, fit.Length);
        var offset = (1 - (decay * (1 - fit.Alpha))) / fit.Alpha;
        var point = new double[horizon];
        for (var h = 1; h <= horizon; h++)
        {
            point[h - 1] = fit.FinalLevel + (weight * ((decay * fit.Intercept) + ((h - 1 + offset) * fit.Slope)));
        }

        return point;
    }

    /// <summary>
    /// SSE and the best (ℓ₀, w) at α. With ℓ₀ = 0 the errors are r_t; ℓ₀ adds −(1 − α)^{t−1}·ℓ₀ and w adds −w·D_t, where
    /// D_t is the bracket of μ_t, so the SSE is a quadratic in (ℓ₀, w) solved by its normal equations.
    /// </summary>
    private static (double Sse, double Level0, double Weight) Profile(double[] y, double[] intercepts, double[] slopes, double alpha, double? fixedWeight)
    {
        double rr = 0, cc = 0, dd = 0, rc = 0, rd = 0, cd = 0;
        var level = 0.0;
        var decay = 1.0;
        for (var t = 0; t < y.Length; t++)
        {
            // decay = (1 − α)^t here (t counted from 0), so 1 − (1 − α)^{t+1} = 1 − decay·(1 − α).
            var d = (decay * intercepts[t]) + ((1 - (decay * (1 - alpha))) / alpha * slopes[t]);
            var r = y[t] - level;
            rr += r * r;
            cc += decay * decay;
            dd += d * d;
            rc += r * decay;
            rd += r * d;
            cd += decay * d;
            level = (alpha * y[t]) + ((1 - alpha) * level);
            decay *= 1 - alpha;
        }

        double level0, weight;
        var determinant = (cc * dd) - (cd * cd);
        if (fixedWeight is { } fixedW)
        {
            weight = fixedW;
            level0 = (rc - (weight * cd)) / cc;
        }
        else
        {
            weight = determinant > 1e-12 * cc * dd ? ((cc * rd) - (cd * rc)) / determinant : 0;
            weight = Math.Clamp(weight, 0, MaxWeight);
            level0 = (rc - (weight * cd)) / cc;
        }

        var sse = rr - (2 * level0 * rc) - (2 * weight * rd) + (level0 * level0 * cc) + (2 * level0 * weight * cd) + (weight * weight * dd);
        return (sse, level0, weight);
    }

    /// <summary>
    /// Intercepts and slopes of the least-squares lines the model uses at each step t = 0 … n (index t: the line known
    /// before observation t + 1; index n: the final line). Static: the whole-history line everywhere. Dynamic: the line of the
    /// first t values (A = Y_1, B = 0 for one value; 0 for none).
    /// </summary>
    private static (double[] Intercepts, double[] Slopes) Lines(double[] y, bool dynamic)
    {
        var n = y.Length;
        var intercepts = new double[n + 1];
        var slopes = new double[n + 1];
        double st = 0, sy = 0, stt = 0, sty = 0;
        for (var k = 1; k <= n; k++)
        {
            var t = (double)k;
            st += t;
            sy += y[k - 1];
            stt += t * t;
            sty += t * y[k - 1];
            var denominator = (k * stt) - (st * st);
            slopes[k] = k > 1 && denominator > 0 ? ((k * sty) - (st * sy)) / denominator : 0;
            intercepts[k] = (sy - (slopes[k] * st)) / k;
        }

        if (!dynamic)
        {
            Array.Fill(intercepts, intercepts[n]);
            Array.Fill(slopes, slopes[n]);
        }

        return (intercepts, slopes);
    }
}
