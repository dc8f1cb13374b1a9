using System.Numerics;
using MathNet.Numerics;

namespace Zhizao.Forecasting.Methods.Arima;

/// <summary>
/// Lag-polynomial algebra for ARIMA models, in R's sign conventions: the AR side is 1 − Σφᵢ·Bⁱ and the MA side 1 + Σθⱼ·Bʲ,
/// each stored as its coefficients φ₁..φₚ (or θ₁..θ_q) without the leading 1.
/// </summary>
internal static class ArimaPolynomials
{
    /// <summary>Coefficients of (1 − Σφᵢ·Bⁱ)(1 − ΣΦⱼ·B^{mj}) in the same convention (so the product is 1 − Σcₖ·Bᵏ).</summary>
    public static double[] ExpandAr(ReadOnlySpan<double> ar, ReadOnlySpan<double> seasonalAr, int period) =>
        Expand(ar, seasonalAr, period, -1);

    /// <summary>Coefficients of (1 + Σθᵢ·Bⁱ)(1 + ΣΘⱼ·B^{mj}) in the same convention.</summary>
    public static double[] ExpandMa(ReadOnlySpan<double> ma, ReadOnlySpan<double> seasonalMa, int period) =>
        Expand(ma, seasonalMa, period, 1);

    /// <summary>
    /// The differencing operator (1 − B)^d(1 − B^m)^D written as an AR polynomial: coefficients c with the operator
    /// 1 − Σcₖ·Bᵏ, so an integrated series continues as yₜ = wₜ + Σcₖ·yₜ₋ₖ.
    /// </summary>
    public static double[] Differencing(int d, int seasonalD, int period)
    {
        double[] poly = [1];
        for (var i = 0; i < d; i++)
        {
            poly = MultiplyByOneMinusLag(poly, 1);
        }

        for (var i = 0; i < seasonalD; i++)
        {
            poly = MultiplyByOneMinusLag(poly, period);
        }

        var result = new double[poly.Length - 1];
        for (var k = 1; k < poly.Length; k++)
        {
            result[k - 1] = -poly[k];
        }

        return result;
    }

    /// <summary>
    /// ψ-weights ψ₀..ψ_{count−1} of the MA(∞) form of φ(B)yₜ = θ(B)eₜ, with φ in the AR convention (1 − Σφᵢ·Bⁱ) and θ in
    /// the MA convention: ψ₀ = 1, ψⱼ = θⱼ + Σᵢ φᵢ·ψⱼ₋ᵢ.
    /// </summary>
    public static double[] PsiWeights(ReadOnlySpan<double> phi, ReadOnlySpan<double> theta, int count)
    {
        var psi = new double[count];
        if (count == 0)
        {
            return psi;
        }

        psi[0] = 1;
        for (var j = 1; j < count; j++)
        {
            var value = j <= theta.Length ? theta[j - 1] : 0;
            var top = Math.Min(j, phi.Length);
            for (var i = 1; i <= top; i++)
            {
                value += phi[i - 1] * psi[j - i];
            }

            psi[j] = value;
        }

        return psi;
    }

    /// <summary>
    /// Smallest modulus among the roots of 1 + sign·Σcₖ·zᵏ (sign −1 for an AR polynomial, +1 for MA); +∞ when the
    /// polynomial is constant. A model is stationary (invertible) when this exceeds 1.
    /// </summary>
    public static double MinimumRootModulus(ReadOnlySpan<double> coefficients, int sign)
    {
        var degree = coefficients.Length;
        while (degree > 0 && Math.Abs(coefficients[degree - 1]) <= 1e-8)
        {
            degree--;
        }

        if (degree == 0)
        {
            return double.PositiveInfinity;
        }

        if (degree == 1)
        {
            return 1 / Math.Abs(coefficients[0]);
        }

        var poly = new double[degree + 1];
        poly[0] = 1;
        for (var k = 1; k <= degree; k++)
        {
            poly[k] = sign * coefficients[k - 1];
        }

        if (!poly.All(double.IsFinite))
        {
            return 0;
        }

        Complex[] roots;
        try
        {
            roots = FindRoots.Polynomial(poly);
        }
        catch (NonConvergenceException)
        {
            // R's myarima ranks a model whose roots cannot be found as +∞; a zero modulus does the same here.
            return 0;
        }

        var min = double.PositiveInfinity;
        foreach (var root in roots)
        {
            min = Math.Min(min, root.Magnitude);
        }

        return double.IsNaN(min) ? 0 : min;
    }

    /// <summary>
    /// R's <c>partrans</c>: maps unconstrained values to the coefficients of a stationary AR polynomial, through tanh to
    /// partial autocorrelations in (−1, 1) and the Durbin–Levinson recursion.
    /// </summary>
    public static void PartialAutocorrelationsToAr(ReadOnlySpan<double> raw, Span<double> ar)
    {
        var p = raw.Length;
        Span<double> work = stackalloc double[p];
        for (var j = 0; j < p; j++)
        {
            ar[j] = work[j] = Math.Tanh(raw[j]);
        }

        for (var j = 1; j < p; j++)
        {
            var a = ar[j];
            for (var k = 0; k < j; k++)
            {
                work[k] -= a * ar[j - k - 1];
            }

            work[..j].CopyTo(ar);
        }
    }

    /// <summary>R's <c>invpartrans</c>: the inverse of <see cref="PartialAutocorrelationsToAr"/> for a stationary AR polynomial.</summary>
    public static void ArToPartialAutocorrelations(ReadOnlySpan<double> ar, Span<double> raw)
    {
        var p = ar.Length;
        Span<double> work = stackalloc double[p];
        ar.CopyTo(raw);
        for (var j = p - 1; j > 0; j--)
        {
            var a = raw[j];
            for (var k = 0; k < j; k++)
            {
                work[k] = (raw[k] + (a * raw[j - k - 1])) / (1 - (a * a));
            }

            work[..j].CopyTo(raw);
        }

        for (var j = 0; j < p; j++)
        {
            // Keep the values finite at the boundary of the stationary region.
            raw[j] = Math.Atanh(Math.Clamp(raw[j], -0.9999999, 0.9999999));
        }
    }

    /// <summary>
    /// R's <c>maInvert</c>: reflects the roots of 1 + Σθⱼ·zʲ that lie inside the unit circle, giving the invertible MA
    /// polynomial with the same autocovariances.
    /// </summary>
    public static double[] InvertMa(ReadOnlySpan<double> ma)
    {
        var result = ma.ToArray();
        var q0 = ma.Length;
        while (q0 > 0 && ma[q0 - 1] == 0)
        {
            q0--;
        }

        if (q0 == 0)
        {
            return result;
        }

        var poly = new double[q0 + 1];
        poly[0] = 1;
        ma[..q0].CopyTo(poly.AsSpan(1));
        Complex[] roots;
        try
        {
            roots = poly.All(double.IsFinite) ? FindRoots.Polynomial(poly) : [];
        }
        catch (NonConvergenceException)
        {
            return result;
        }

        if (roots.All(r => r.Magnitude >= 1))
        {
            return result;
        }

        if (q0 == 1)
        {
            result[0] = 1 / ma[0];
            return result;
        }

        // Rebuild Π(1 − z/rₖ) from the reflected roots.
        var x = new Complex[] { Complex.One };
        foreach (var r in roots)
        {
            var root = r.Magnitude < 1 ? 1 / r : r;
            var next = new Complex[x.Length + 1];
            for (var i = 0; i < x.Length; i++)
            {
                next[i] += x[i];
                next[i + 1] -= x[i] / root;
            }

            x = next;
        }

        for (var j = 0; j < q0; j++)
        {
            result[j] = x[j + 1].Real;
        }

        return result;
    }

    private static double[] Expand(ReadOnlySpan<double> regular, ReadOnlySpan<double> seasonal, int period, int sign)
    {
        var result = new double[regular.Length + (seasonal.Length * period)];
        for (var i = 1; i <= regular.Length; i++)
        {
            result[i - 1] += regular[i - 1];
        }

        for (var j = 1; j <= seasonal.Length; j++)
        {
            result[(j * period) - 1] += seasonal[j - 1];
            for (var i = 1; i <= regular.Length; i++)
            {
                // (1 − a·Bⁱ)(1 − A·B^{mj}) stores −a·A at lag i + mj; (1 + a·Bⁱ)(1 + A·B^{mj}) stores +a·A.
                result[i + (j * period) - 1] += sign * regular[i - 1] * seasonal[j - 1];
            }
        }

        return result;
    }

    private static double[] MultiplyByOneMinusLag(double[] poly, int lag)
    {
        var result = new double[poly.Length + lag];
        for (var k = 0; k < poly.Length; k++)
        {
            result[k] += poly[k];
            result[k + lag] -= poly[k];
        }

        return result;
    }
}
