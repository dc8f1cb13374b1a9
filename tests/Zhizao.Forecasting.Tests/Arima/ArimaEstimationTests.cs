using MathNet.Numerics.LinearAlgebra;
using Zhizao.Forecasting.Methods.Arima;

namespace Zhizao.Forecasting.Tests.Arima;

public sealed class ArimaEstimationTests
{
    [Fact]
    public void Kpss_statistic_matches_a_hand_computation()
    {
        // e = −2, −1, 0, 1, 2; partial sums −2, −3, −3, −2, 0 → ΣS²/n² = 26/25. Σe²/n = 2; lag-1 products sum to 4.
        double[] values = [1, 2, 3, 4, 5];

        Assert.Equal(1.04 / 2, UnitRootTests.KpssStatistic(values, 0), 12);
        Assert.Equal(1.04 / ((10 + (2 * 0.5 * 4)) / 5.0), UnitRootTests.KpssStatistic(values, 1), 12);
        Assert.Equal(0.05, UnitRootTests.KpssPValue(0.463), 12);
        Assert.Equal(3, UnitRootTests.KpssLags(300));
    }

    [Fact]
    public void Exact_likelihood_equals_the_dense_gaussian_likelihood()
    {
        var x = ArimaTestData.Normal(60, 5);
        var phi = ArimaPolynomials.ExpandAr([0.5, -0.2], [0.3], 4);
        var theta = ArimaPolynomials.ExpandMa([0.4], [-0.7], 4);
        var innovations = new double[x.Length];
        var standardised = new double[x.Length];

        var sumLog = new ArimaLikelihood(x.Length).Innovations(x, phi, theta, innovations, standardised);

        var (quadratic, logDeterminant) = DenseGaussian(x, phi, theta);
        Assert.Equal(logDeterminant, sumLog, 8);
        Assert.Equal(quadratic, standardised.Sum(e => e * e), 8);
    }

    [Fact]
    public void Ar1_fitted_to_simulated_data_recovers_phi()
    {
        var x = ArimaTestData.Ar1(0.7, 2000, 11);

        var fit = ArimaEstimator.Fit(x, new ArimaOrder(1, 0, 0, 0, 0, 0, 1), constant: true, exact: true, 0, InformationCriterion.Aicc);

        Assert.NotNull(fit);
        Assert.InRange(fit.Coefficients.Ar[0], 0.65, 0.75);
        Assert.InRange(fit.Sigma2, 0.9, 1.1);
    }

    [Fact]
    public void Aicc_of_a_fitted_model_matches_a_hand_computation()
    {
        var x = ArimaTestData.Ar1(0.5, 80, 4).Select(v => v + 10).ToArray();

        var fit = ArimaEstimator.Fit(x, new ArimaOrder(1, 0, 0, 0, 0, 0, 1), constant: true, exact: true, 0, InformationCriterion.Aicc)!;

        // Concentrated Gaussian log-likelihood from the dense covariance of the fitted AR(1): n·log(2π·Q/n) + log|Γ| + n.
        var n = x.Length;
        var centred = x.Select(v => v - fit.Coefficients.Constant).ToArray();
        var (quadratic, logDeterminant) = DenseGaussian(centred, fit.Coefficients.Ar, []);
        var logLikelihood = -0.5 * ((n * Math.Log(2 * Math.PI * quadratic / n)) + logDeterminant + n);
        const int k = 3; // φ, mean, σ²
        var aicc = (-2 * logLikelihood) + (2 * k) + (2.0 * k * (k + 1) / (n - k - 1));
        Assert.Equal(logLikelihood, fit.LogLikelihood, 6);
        Assert.Equal(aicc, fit.Aicc, 6);
        Assert.Equal(fit.Aicc, fit.InformationCriterion);
    }

    [Fact]
    public void Conditional_residuals_follow_the_recursion_by_hand()
    {
        // φ = 0.5, θ = 0.2 on 1, 2, 0, 3: e1 = 2 − 0.5 = 1.5, e2 = 0 − 1 − 0.3 = −1.3, e3 = 3 − 0 + 0.26 = 3.26.
        var residuals = new double[3];

        var sse = ArimaLikelihood.ConditionalResiduals([1, 2, 0, 3], [0.5], [0.2], residuals);

        Assert.Equal([1.5, -1.3, 3.26], residuals.Select(r => Math.Round(r, 12)));
        Assert.Equal((1.5 * 1.5) + (1.3 * 1.3) + (3.26 * 3.26), sse, 12);
    }

    [Fact]
    public void Polynomial_helpers_expand_transform_and_invert_as_r()
    {
        // (1 − 0.5B)(1 − 0.3B²) = 1 − 0.5B − 0.3B² + 0.15B³ ; (1 + 0.4B)(1 − 0.7B²) = 1 + 0.4B − 0.7B² − 0.28B³.
        Assert.Equal([0.5, 0.3, -0.15], ArimaPolynomials.ExpandAr([0.5], [0.3], 2).Select(v => Math.Round(v, 12)));
        Assert.Equal([0.4, -0.7, -0.28], ArimaPolynomials.ExpandMa([0.4], [-0.7], 2).Select(v => Math.Round(v, 12)));
        Assert.Equal([2.0, -1.0], ArimaPolynomials.Differencing(1, 1, 1).Select(v => Math.Round(v, 12)));
        Assert.Equal(0.5, ArimaPolynomials.InvertMa([2.0])[0], 12);

        double[] ar = [0.6, 0.2];
        var raw = new double[2];
        var back = new double[2];
        ArimaPolynomials.ArToPartialAutocorrelations(ar, raw);
        ArimaPolynomials.PartialAutocorrelationsToAr(raw, back);
        Assert.Equal(ar[0], back[0], 10);
        Assert.Equal(ar[1], back[1], 10);
        Assert.Equal(2, ArimaPolynomials.MinimumRootModulus([0.5], -1), 12);
    }

    private static (double Quadratic, double LogDeterminant) DenseGaussian(double[] x, double[] phi, double[] theta)
    {
        var psi = ArimaPolynomials.PsiWeights(phi, theta, 4000);
        var n = x.Length;
        var covariance = Matrix<double>.Build.Dense(n, n, (i, j) =>
        {
            var h = Math.Abs(i - j);
            var sum = 0.0;
            for (var k = 0; k + h < psi.Length; k++)
            {
                sum += psi[k] * psi[k + h];
            }

            return sum;
        });
        var vector = Vector<double>.Build.DenseOfArray(x);
        return (vector.DotProduct(covariance.Solve(vector)), covariance.Cholesky().DeterminantLn);
    }
}
