using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace Zhizao.Forecasting.Methods;

/// <summary>The trend of a non-seasonal exponential smoothing model with additive errors.</summary>
public enum MstlTrendKind
{
    /// <summary>No trend (simple exponential smoothing, ETS(A,N,N)).</summary>
    None,

    /// <summary>Additive trend (Holt's linear method, ETS(A,A,N)).</summary>
    Additive,

    /// <summary>Damped additive trend (ETS(A,Ad,N)).</summary>
    Damped,
}

/// <summary>A fitted non-seasonal additive-error exponential smoothing model.</summary>
/// <param name="Kind">Its trend.</param>
/// <param name="Alpha">Level smoothing.</param>
/// <param name="Beta">Trend smoothing (0 without trend).</param>
/// <param name="Phi">Damping (1 for an undamped trend, 0 without trend).</param>
/// <param name="Level">Level after the last observation.</param>
/// <param name="Slope">Slope after the last observation.</param>
/// <param name="SumSquaredErrors">Sum of squared one-step errors.</param>
/// <param name="Length">Number of observations fitted.</param>
/// <param name="InitialLevel">Level before the first observation.</param>
/// <param name="InitialSlope">Slope before the first observation.</param>
internal sealed record MstlTrendFit(
    MstlTrendKind Kind,
    double Alpha,
    double Beta,
    double Phi,
    double Level,
    double Slope,
    double SumSquaredErrors,
    int Length,
    double InitialLevel,
    double InitialSlope)
{
    /// <summary>Estimated parameters: smoothing, damping and initial states.</summary>
    public int ParameterCount => Kind switch { MstlTrendKind.None => 2, MstlTrendKind.Additive => 4, _ => 5 };

    /// <summary>AICc of the Gaussian likelihood, counting σ as a parameter (as R's <c>ets</c>).</summary>
    public double Aicc
    {
        get
        {
            var k = ParameterCount + 1;
            var n = Length;
            var logLikelihood = -0.5 * n * (Math.Log(2 * Math.PI * Math.Max(SumSquaredErrors / n, 1e-300)) + 1);
            return (-2 * logLikelihood) + (2 * k) + (n - k - 1 > 0 ? 2.0 * k * (k + 1) / (n - k - 1) : double.PositiveInfinity);
        }
    }

    /// <summary>One-step error variance, SSE / (n − parameters).</summary>
    public double Variance => SumSquaredErrors / Math.Max(1, Length - ParameterCount);

    /// <summary>Point forecast h steps ahead: level + (φ + … + φ^h)·slope.</summary>
    public double Point(int h) => Level + (DampedSum(h) * Slope);

    /// <summary>Forecast variance factor 1 + Σ_{j&lt;h} (α + β·(φ + … + φ^j))² (Hyndman et al. 2008, class 1).</summary>
    public double VarianceFactor(int h)
    {
        var factor = 1.0;
        for (var j = 1; j < h; j++)
        {
            var c = Alpha + (Beta * DampedSum(j));
            factor += c * c;
        }

        return factor;
    }

    /// <summary>
    /// In-sample h-step errors for h = 1..<paramref name="horizon"/>: from every origin t, y[t + h] minus the forecast made
    /// from the state after y[t], replaying the fitted recursion from the initial state.
    /// </summary>
    public double[][] StepErrors(double[] values, int horizon)
    {
        var n = values.Length;
        var errors = new double[horizon][];
        for (var h = 1; h <= horizon; h++)
        {
            errors[h - 1] = new double[Math.Max(0, n - h)];
        }

        double level = InitialLevel, slope = InitialSlope;
        for (var t = 0; t < n; t++)
        {
            var e = values[t] - (level + (Phi * slope));
            level += (Phi * slope) + (Alpha * e);
            slope = (Phi * slope) + (Beta * e);
            for (var h = 1; h <= horizon && t + h < n; h++)
            {
                errors[h - 1][t] = values[t + h] - (level + (DampedSum(h) * slope));
            }
        }

        return errors;
    }

    private double DampedSum(int h)
    {
        if (Kind == MstlTrendKind.None)
        {
            return 0;
        }

        if (Phi >= 1)
        {
            return h;
        }

        return Phi * (1 - Math.Pow(Phi, h)) / (1 - Phi);
    }
}

/// <summary>
/// Fits the non-seasonal additive-error exponential smoothing models by least squares. For fixed smoothing and damping
/// parameters the one-step errors are linear in the initial level and slope, so those have a closed form (two-column least
/// squares); α, β ≤ α and φ ∈ [0.8, 0.98] (R's <c>ets</c> bounds) are searched by Nelder–Mead on a logistic scale.
/// </summary>
internal static class MstlTrendSmoothing
{
    private const double MinSmoothing = 1e-4;
    private const double MaxSmoothing = 0.9999;
    private const double MinPhi = 0.8;
    private const double MaxPhi = 0.98;

    /// <summary>Fits the model with trend <paramref name="kind"/> to <paramref name="values"/> (at least 4 values for a trend).</summary>
    public static MstlTrendFit Fit(double[] values, MstlTrendKind kind)
    {
        if (kind == MstlTrendKind.None)
        {
            var ses = SimpleExponentialSmoothing.Fit(values);
            return new MstlTrendFit(kind, ses.Alpha, 0, 0, ses.FinalLevel, 0, ses.SumSquaredErrors, values.Length, ses.InitialLevel, 0);
        }

        var damped = kind == MstlTrendKind.Damped;
        var start = damped ? Vector<double>.Build.Dense([Logit(0.5), Logit(0.1), Logit(0.5)]) : Vector<double>.Build.Dense([Logit(0.5), Logit(0.1)]);
        var objective = ObjectiveFunction.Value(u => Run(values, Parameters(u, damped)).SumSquaredErrors);
        var best = start;
        try
        {
            var result = new NelderMeadSimplex(1e-9, 2000).FindMinimum(objective, start, Vector<double>.Build.Dense(start.Count, 1.0));
            best = result.MinimizingPoint;
        }
        catch (MaximumIterationsException)
        {
            // Keep the starting point: a poorly converged search is still a valid (if worse) fit, and AICc will judge it.
        }

        return Run(values, Parameters(best, damped));
    }

    /// <summary>The model among <paramref name="kinds"/> with the least AICc.</summary>
    public static MstlTrendFit Select(double[] values, IReadOnlyList<MstlTrendKind> kinds)
    {
        MstlTrendFit? best = null;
        foreach (var kind in kinds)
        {
            if (kind != MstlTrendKind.None && values.Length < 4)
            {
                continue;
            }

            var fit = Fit(values, kind);
            if (double.IsFinite(fit.Aicc) && (best is null || fit.Aicc < best.Aicc))
            {
                best = fit;
            }
        }

        return best ?? Fit(values, MstlTrendKind.None);
    }

    private static (MstlTrendKind Kind, double Alpha, double Beta, double Phi) Parameters(Vector<double> u, bool damped)
    {
        var alpha = MinSmoothing + ((MaxSmoothing - MinSmoothing) * Logistic(u[0]));
        var beta = MinSmoothing + ((alpha - MinSmoothing) * Logistic(u[1]));
        var phi = damped ? MinPhi + ((MaxPhi - MinPhi) * Logistic(u[2])) : 1.0;
        return (damped ? MstlTrendKind.Damped : MstlTrendKind.Additive, alpha, beta, phi);
    }

    /// <summary>
    /// Runs the recursion l' = l + φb + αe, b' = φb + βe with e = y − (l + φb) three times at once: driven by the values
    /// from a zero state (errors a_t), and undriven from a unit level and a unit slope (predictions p_t, q_t); the errors
    /// from initial state (l₀, b₀) are a_t − l₀p_t − b₀q_t, least squares in (l₀, b₀).
    /// </summary>
    private static MstlTrendFit Run(double[] values, (MstlTrendKind Kind, double Alpha, double Beta, double Phi) m)
    {
        var (alpha, beta, phi) = (m.Alpha, m.Beta, m.Phi);
        double l = 0, b = 0, l1 = 1, b1 = 0, l2 = 0, b2 = 1;
        double spp = 0, spq = 0, sqq = 0, sap = 0, saq = 0;
        foreach (var y in values)
        {
            var e = y - (l + (phi * b));
            var p = l1 + (phi * b1);
            var q = l2 + (phi * b2);
            spp += p * p;
            spq += p * q;
            sqq += q * q;
            sap += e * p;
            saq += e * q;
            l += (phi * b) + (alpha * e);
            b = (phi * b) + (beta * e);
            l1 += (phi * b1) - (alpha * p);
            b1 = (phi * b1) - (beta * p);
            l2 += (phi * b2) - (alpha * q);
            b2 = (phi * b2) - (beta * q);
        }

        var determinant = (spp * sqq) - (spq * spq);
        double level0, slope0;
        if (Math.Abs(determinant) > 1e-12 * Math.Max(1, spp * sqq))
        {
            level0 = ((sap * sqq) - (saq * spq)) / determinant;
            slope0 = ((saq * spp) - (sap * spq)) / determinant;
        }
        else
        {
            level0 = spp > 0 ? sap / spp : 0;
            slope0 = 0;
        }

        // Replay from the best initial state for the final state and the exact SSE.
        double level = level0, slope = slope0, sse = 0;
        foreach (var y in values)
        {
            var e = y - (level + (phi * slope));
            sse += e * e;
            level += (phi * slope) + (alpha * e);
            slope = (phi * slope) + (beta * e);
        }

        return new MstlTrendFit(m.Kind, alpha, beta, phi, level, slope, double.IsFinite(sse) ? sse : double.PositiveInfinity, values.Length, level0, slope0);
    }

    private static double Logistic(double u) => 1 / (1 + Math.Exp(-u));

    private static double Logit(double p) => Math.Log(p / (1 - p));
}
