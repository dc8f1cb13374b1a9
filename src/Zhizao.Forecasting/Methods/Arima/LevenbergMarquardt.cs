namespace Zhizao.Forecasting.Methods.Arima;

/// <summary>Residuals of a least-squares problem at <c>parameters</c>; returns their sum of squares (+∞ when undefined).</summary>
internal delegate double ResidualFunction(ReadOnlySpan<double> parameters, Span<double> residuals);

/// <summary>
/// Levenberg–Marquardt least squares with a forward-difference Jacobian and Marquardt's diagonal scaling. Both ARIMA
/// objectives are sums of squares (the exact likelihood after scaling the standardised innovations by (Π rₜ)^{1/2n}),
/// so this converges in a handful of Jacobians where a general quasi-Newton method (R's BFGS) needs many more
/// function evaluations; the normal equations are at most 15 × 15 and are solved by a hand-written Cholesky.
/// </summary>
internal static class LevenbergMarquardt
{

    private const double RelativeTolerance = 1e-8;

    /// <summary>Minimises the sum of squares from <paramref name="parameters"/> (updated in place) and returns it.</summary>
    public static double Minimise(ResidualFunction function, Span<double> parameters, int residualCount, int maxIterations = 100)
    {
        var k = parameters.Length;
        var residuals = new double[residualCount];
        var sse = function(parameters, residuals);
        if (k == 0 || !double.IsFinite(sse))
        {
            return sse;
        }

        var jacobian = new double[k * residualCount];
        var trialResiduals = new double[residualCount];
        var normal = new double[k * k];
        var system = new double[k * k];
        var gradient = new double[k];
        var step = new double[k];
        var trial = new double[k];
        var lambda = 1e-3;
        for (var iteration = 0; iteration < maxIterations; iteration++)
        {
            if (!Jacobian(function, parameters, residuals, jacobian))
            {
                return sse;
            }

            for (var i = 0; i < k; i++)
            {
                var column = jacobian.AsSpan(i * residualCount, residualCount);
                gradient[i] = Dot(column, residuals);
                for (var j = 0; j <= i; j++)
                {
                    normal[(i * k) + j] = normal[(j * k) + i] = Dot(column, jacobian.AsSpan(j * residualCount, residualCount));
                }
            }

            var accepted = false;
            while (!accepted && lambda < 1e10)
            {
                normal.CopyTo(system, 0);
                for (var i = 0; i < k; i++)
                {
                    system[(i * k) + i] += (lambda * normal[(i * k) + i]) + 1e-12;
                    step[i] = -gradient[i];
                }

                if (!CholeskySolve(system, step, k))
                {
                    lambda *= 10;
                    continue;
                }

                for (var i = 0; i < k; i++)
                {
                    trial[i] = parameters[i] + step[i];
                }

                var trialSse = function(trial, trialResiduals);
                if (trialSse < sse)
                {
                    accepted = true;
                    var improvement = (sse - trialSse) / Math.Max(sse, double.Epsilon);
                    sse = trialSse;
                    trial.CopyTo(parameters);
                    trialResiduals.CopyTo(residuals, 0);
                    lambda = Math.Max(lambda / 10, 1e-12);
                    if (improvement < RelativeTolerance)
                    {
                        return sse;
                    }
                }
                else
                {
                    lambda *= 10;
                }
            }

            if (!accepted)
            {
                return sse;
            }
        }

        return sse;
    }

    private static bool Jacobian(ResidualFunction function, Span<double> parameters, double[] residuals, double[] jacobian)
    {
        var n = residuals.Length;
        for (var i = 0; i < parameters.Length; i++)
        {
            var original = parameters[i];
            var h = 1e-6 * (1 + Math.Abs(original));
            parameters[i] = original + h;
            var column = jacobian.AsSpan(i * n, n);
            var value = function(parameters, column);
            if (!double.IsFinite(value))
            {
                h = -h;
                parameters[i] = original + h;
                value = function(parameters, column);
            }

            parameters[i] = original;
            if (!double.IsFinite(value))
            {
                return false;
            }

            for (var t = 0; t < n; t++)
            {
                column[t] = (column[t] - residuals[t]) / h;
            }
        }

        return true;
    }

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var sum = 0.0;
        for (var t = 0; t < a.Length; t++)
        {
            sum += a[t] * b[t];
        }

        return sum;
    }

    /// <summary>Solves the symmetric positive definite system in place (a is overwritten); false when not positive definite.</summary>
    private static bool CholeskySolve(double[] a, double[] b, int k)
    {
        for (var j = 0; j < k; j++)
        {
            var diagonal = a[(j * k) + j];
            for (var s = 0; s < j; s++)
            {
                diagonal -= a[(j * k) + s] * a[(j * k) + s];
            }

            if (!(diagonal > 0))
            {
                return false;
            }

            diagonal = Math.Sqrt(diagonal);
            a[(j * k) + j] = diagonal;
            for (var i = j + 1; i < k; i++)
            {
                var value = a[(i * k) + j];
                for (var s = 0; s < j; s++)
                {
                    value -= a[(i * k) + s] * a[(j * k) + s];
                }

                a[(i * k) + j] = value / diagonal;
            }
        }

        for (var i = 0; i < k; i++)
        {
            var value = b[i];
            for (var s = 0; s < i; s++)
            {
                value -= a[(i * k) + s] * b[s];
            }

            b[i] = value / a[(i * k) + i];
        }

        for (var i = k - 1; i >= 0; i--)
        {
            var value = b[i];
            for (var s = i + 1; s < k; s++)
            {
                value -= a[(s * k) + i] * b[s];
            }

            b[i] = value / a[(i * k) + i];
        }

        return true;
    }
}
