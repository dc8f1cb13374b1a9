using MathNet.Numerics.LinearAlgebra;

namespace Zhizao.Forecasting.Methods.Arima;

/// <summary>
/// The two objective functions of ARIMA estimation, on the differenced and centred series xₜ of a stationary
/// ARMA(p, q) model φ(B)xₜ = θ(B)eₜ (seasonal factors already expanded into φ and θ):
/// <list type="bullet">
/// <item>conditional sum of squares, as R's <c>ARIMA_CSS</c>: eₜ = xₜ − Σφᵢ·xₜ₋ᵢ − Σθⱼ·eₜ₋ⱼ from t = p on, earlier
/// residuals taken as zero;</item>
/// <item>the exact Gaussian likelihood by the innovations algorithm on Ansley's transformed process (Brockwell and Davis,
/// <i>Time Series: Theory and Methods</i>, §5.3 and §8.7), which needs only the first max(p, q) autocovariances and
/// whose coefficients settle to θ once the one-step variance ratio reaches 1, after which each step costs O(p + q).</item>
/// </list>
/// One instance holds the buffers for series of one length; it is not thread-safe.
/// </summary>
internal sealed class ArimaLikelihood
{
    private const double ConvergedVariance = 1e-9;
    private readonly int _length;
    private double[] _rows = [];
    private readonly double[] _variances;

    public ArimaLikelihood(int length)
    {
        _length = length;
        _variances = new double[length];
    }

    /// <summary>
    /// Writes the conditional residuals eₜ, t = p..n−1, to <paramref name="residuals"/> (length n − p) and returns their sum
    /// of squares (+∞ when the recursion overflows).
    /// </summary>
    public static double ConditionalResiduals(ReadOnlySpan<double> x, ReadOnlySpan<double> phi, ReadOnlySpan<double> theta, Span<double> residuals)
    {
        var p = phi.Length;
        var q = theta.Length;
        var sum = 0.0;
        for (var t = p; t < x.Length; t++)
        {
            var e = x[t];
            for (var i = 0; i < p; i++)
            {
                e -= phi[i] * x[t - 1 - i];
            }

            var k = t - p;
            var top = Math.Min(q, k);
            for (var j = 0; j < top; j++)
            {
                e -= theta[j] * residuals[k - 1 - j];
            }

            residuals[k] = e;
            sum += e * e;
        }

        return double.IsFinite(sum) ? sum : double.PositiveInfinity;
    }

    /// <summary>
    /// Runs the innovations algorithm: writes the one-step prediction errors xₜ − x̂ₜ to <paramref name="innovations"/> and
    /// their standardised form (xₜ − x̂ₜ)/√rₜ to <paramref name="standardised"/>, where σ²·rₜ is the error variance.
    /// Returns Σ log rₜ, or NaN when the model is not a valid stationary process (a non-positive variance).
    /// </summary>
    public double Innovations(ReadOnlySpan<double> x, double[] phi, double[] theta, Span<double> innovations, Span<double> standardised)
    {
        var n = x.Length;
        var p = phi.Length;
        var q = theta.Length;
        var m = Math.Max(p, q);
        if (m == 0)
        {
            x.CopyTo(innovations);
            x.CopyTo(standardised);
            return 0;
        }

        var gamma = Autocovariances(phi, theta, m);
        if (gamma is null)
        {
            return double.NaN;
        }

        var b = CrossCovariances(phi, theta);
        var c = new double[q + 1];
        for (var h = 0; h <= q; h++)
        {
            c[h] = MaAutocovariance(theta, h);
        }

        var columns = Math.Max(m - 1, q) + 1;
        if (_rows.Length < n * columns)
        {
            _rows = new double[_length * columns];
        }

        var rows = _rows.AsSpan(0, n * columns);
        var v = _variances;
        v[0] = gamma[0];
        var frozen = -1;
        for (var row = 1; row < n; row++)
        {
            if (frozen >= 0)
            {
                rows.Slice(frozen * columns, columns).CopyTo(rows.Slice(row * columns, columns));
                v[row] = v[frozen];
                continue;
            }

            var first = row >= m ? Math.Max(0, row - q) : 0;
            var current = rows.Slice(row * columns, columns);
            current.Clear();
            for (var k = first; k < row; k++)
            {
                var s = Kappa(row, k, m, gamma, b, c);
                var earlier = rows.Slice(k * columns, columns);
                for (var j = first; j < k; j++)
                {
                    s -= earlier[k - j] * current[row - j] * v[j];
                }

                current[row - k] = s / v[k];
            }

            var variance = Kappa(row, row, m, gamma, b, c);
            for (var j = first; j < row; j++)
            {
                variance -= current[row - j] * current[row - j] * v[j];
            }

            if (!(variance > 0))
            {
                return double.NaN;
            }

            v[row] = variance;
            if (row >= m + q && Math.Abs(variance - 1) < ConvergedVariance)
            {
                frozen = row;
            }
        }

        var sumLog = 0.0;
        for (var t = 0; t < n; t++)
        {
            var prediction = 0.0;
            var coefficients = rows.Slice(t * columns, columns);
            if (t >= m)
            {
                for (var i = 0; i < p; i++)
                {
                    prediction += phi[i] * x[t - 1 - i];
                }

                for (var j = 1; j <= q; j++)
                {
                    prediction += coefficients[j] * innovations[t - j];
                }
            }
            else
            {
                for (var j = 1; j <= t; j++)
                {
                    prediction += coefficients[j] * innovations[t - j];
                }
            }

            innovations[t] = x[t] - prediction;
            standardised[t] = innovations[t] / Math.Sqrt(v[t]);
            sumLog += Math.Log(v[t]);
        }

        return sumLog;
    }

    /// <summary>
    /// Autocovariances γ(0..count−1) of the ARMA process with unit innovation variance, from the linear system
    /// γ(k) − Σφⱼ·γ(|k − j|) = Σ_{j≥k} θⱼ·ψⱼ₋ₖ for k = 0..p, then the recursion. Null when the system is singular.
    /// </summary>
    internal static double[]? Autocovariances(double[] phi, double[] theta, int count)
    {
        var p = phi.Length;
        var b = CrossCovariances(phi, theta);
        var gamma = new double[Math.Max(count, p + 1)];
        if (p == 0)
        {
            for (var h = 0; h < gamma.Length; h++)
            {
                gamma[h] = MaAutocovariance(theta, h);
            }

            return gamma;
        }

        var a = Matrix<double>.Build.Dense(p + 1, p + 1);
        var rhs = Vector<double>.Build.Dense(p + 1);
        for (var k = 0; k <= p; k++)
        {
            a[k, k] += 1;
            for (var j = 1; j <= p; j++)
            {
                a[k, Math.Abs(k - j)] -= phi[j - 1];
            }

            rhs[k] = k < b.Length ? b[k] : 0;
        }

        var solution = a.Solve(rhs);
        for (var k = 0; k <= p; k++)
        {
            gamma[k] = solution[k];
        }

        for (var k = p + 1; k < gamma.Length; k++)
        {
            var value = k < b.Length ? b[k] : 0;
            for (var j = 1; j <= p; j++)
            {
                value += phi[j - 1] * gamma[k - j];
            }

            gamma[k] = value;
        }

        return gamma.All(double.IsFinite) && gamma[0] > 0 ? gamma : null;
    }

    /// <summary>bₕ = Σ_{j=h}^{q} θⱼ·ψⱼ₋ₕ (θ₀ = 1) for h = 0..q: the covariance of the MA side with the process h steps back.</summary>
    private static double[] CrossCovariances(double[] phi, double[] theta)
    {
        var q = theta.Length;
        var psi = ArimaPolynomials.PsiWeights(phi, theta, q + 1);
        var b = new double[q + 1];
        for (var h = 0; h <= q; h++)
        {
            var sum = 0.0;
            for (var j = h; j <= q; j++)
            {
                sum += (j == 0 ? 1 : theta[j - 1]) * psi[j - h];
            }

            b[h] = sum;
        }

        return b;
    }

    private static double MaAutocovariance(double[] theta, int h)
    {
        var q = theta.Length;
        if (h > q)
        {
            return 0;
        }

        var sum = 0.0;
        for (var r = 0; r + h <= q; r++)
        {
            sum += (r == 0 ? 1 : theta[r - 1]) * (r + h == 0 ? 1 : theta[r + h - 1]);
        }

        return sum;
    }

    /// <summary>Ansley's covariance κ(i, j) of the transformed process, 0-based indices with i ≥ j.</summary>
    /// <param name="i">Row (0-based).</param>
    /// <param name="j">Column (0-based), at most <paramref name="i"/>.</param>
    /// <param name="m">max(p, q).</param>
    /// <param name="gamma">Autocovariances γ(0..m−1).</param>
    /// <param name="b">Cross covariances bₕ, h = 0..q.</param>
    /// <param name="c">MA autocovariances Σθᵣθᵣ₊ₕ, h = 0..q.</param>
    private static double Kappa(int i, int j, int m, double[] gamma, double[] b, double[] c)
    {
        var h = i - j;
        if (i < m)
        {
            return gamma[h];
        }

        if (h >= c.Length)
        {
            return 0;
        }

        return j < m ? b[h] : c[h];
    }
}
