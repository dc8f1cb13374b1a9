namespace Zhizao.Forecasting.Methods.Arima;

/// <summary>Point forecasts and their standard errors, one per step ahead.</summary>
/// <param name="Point">Point forecasts.</param>
/// <param name="StandardErrors">Forecast standard errors σ·√(Σ_{j&lt;h} ψⱼ²).</param>
public sealed record ArimaPrediction(double[] Point, double[] StandardErrors);

/// <summary>
/// A fitted ARIMA(p,d,q)(P,D,Q)m model, in R's sign conventions: (1 − Σφᵢ·Bⁱ)(1 − ΣΦᵢ·B^{mi})(wₜ − c) =
/// (1 + Σθⱼ·Bʲ)(1 + ΣΘⱼ·B^{mj})eₜ with wₜ = (1 − B)^d(1 − B^m)^D yₜ. The constant c is the mean of w: R's intercept when
/// d + D = 0 and its drift (times m when D = 1) when d + D = 1. Immutable and thread-safe.
/// </summary>
public sealed class ArimaModel
{
    private readonly double[] _history;
    private readonly double[] _differenced;
    private readonly double[] _innovations;
    private readonly double[] _phi;
    private readonly double[] _theta;

    internal ArimaModel(double[] history, double[] differenced, ArimaFit fit, string? note = null)
    {
        Note = note;
        _history = history;
        _differenced = differenced;
        _innovations = fit.Innovations;
        Order = fit.Order;
        HasConstant = fit.HasConstant;
        var c = fit.Coefficients;
        Ar = c.Ar;
        Ma = c.Ma;
        SeasonalAr = c.SeasonalAr;
        SeasonalMa = c.SeasonalMa;
        Constant = c.Constant;
        Sigma2 = fit.Sigma2;
        LogLikelihood = fit.LogLikelihood;
        Aic = fit.Aic;
        Aicc = fit.Aicc;
        Bic = fit.Bic;
        ExactLikelihood = fit.Exact;
        _phi = ArimaPolynomials.ExpandAr(c.Ar, c.SeasonalAr, Order.Period);
        _theta = ArimaPolynomials.ExpandMa(c.Ma, c.SeasonalMa, Order.Period);
    }

    /// <summary>The orders.</summary>
    public ArimaOrder Order { get; }

    /// <summary>Whether the model has a constant (mean or drift).</summary>
    public bool HasConstant { get; }

    /// <summary>Non-seasonal AR coefficients φ₁..φₚ.</summary>
    public IReadOnlyList<double> Ar { get; }

    /// <summary>Non-seasonal MA coefficients θ₁..θ_q.</summary>
    public IReadOnlyList<double> Ma { get; }

    /// <summary>Seasonal AR coefficients Φ₁..Φ_P.</summary>
    public IReadOnlyList<double> SeasonalAr { get; }

    /// <summary>Seasonal MA coefficients Θ₁..Θ_Q.</summary>
    public IReadOnlyList<double> SeasonalMa { get; }

    /// <summary>Mean of the differenced series (0 without a constant).</summary>
    public double Constant { get; }

    /// <summary>Innovation variance: sum of squared (standardised) residuals / (n* − k + 1), as forecast's <c>Arima</c>.</summary>
    public double Sigma2 { get; }

    /// <summary>Exact Gaussian log-likelihood (NaN when the model was estimated by CSS only).</summary>
    public double LogLikelihood { get; }

    /// <summary>AIC (for a CSS-only fit, auto.arima's approximation of it).</summary>
    public double Aic { get; }

    /// <summary>AICc = AIC + 2k(k + 1)/(n* − k − 1), k counting σ².</summary>
    public double Aicc { get; }

    /// <summary>BIC = AIC + k(log n* − 2).</summary>
    public double Bic { get; }

    /// <summary>Whether the coefficients maximise the exact likelihood (false: conditional sum of squares).</summary>
    public bool ExactLikelihood { get; }

    /// <summary>How the model deviates from a regular auto.arima fit (a degenerate series, CSS estimates kept), or null.</summary>
    public string? Note { get; }

    /// <summary>R's label, e.g. "ARIMA(0,1,1)(0,1,1)[24]" or "ARIMA(1,1,0) with drift".</summary>
    public override string ToString()
    {
        var suffix = !HasConstant ? string.Empty : Order.LostToDifferencing == 0 ? " with non-zero mean" : " with drift";
        return Order + suffix;
    }

    /// <summary>ψ₀..ψ_{count−1} of the integrated model's MA(∞) form (differencing included).</summary>
    public double[] PsiWeights(int count) =>
        ArimaPolynomials.PsiWeights(MultiplyAr(_phi, ArimaPolynomials.Differencing(Order.Differences, Order.SeasonalDifferences, Order.Period)), _theta, count);

    /// <summary>Forecasts <paramref name="horizon"/> steps with standard errors σ·√(Σ_{j&lt;h} ψⱼ²).</summary>
    public ArimaPrediction Forecast(int horizon)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(horizon, 1);
        var n = _differenced.Length;
        var x = new double[n + horizon];
        var e = new double[n + horizon];
        for (var t = 0; t < n; t++)
        {
            x[t] = _differenced[t] - Constant;
            e[t] = _innovations[t];
        }

        for (var t = n; t < n + horizon; t++)
        {
            var value = 0.0;
            for (var i = 0; i < _phi.Length && t - 1 - i >= 0; i++)
            {
                value += _phi[i] * x[t - 1 - i];
            }

            for (var j = 0; j < _theta.Length && t - 1 - j >= 0; j++)
            {
                value += _theta[j] * e[t - 1 - j];
            }

            x[t] = value;
        }

        var delta = ArimaPolynomials.Differencing(Order.Differences, Order.SeasonalDifferences, Order.Period);
        var length = _history.Length;
        var y = new double[length + horizon];
        _history.CopyTo(y, 0);
        for (var h = 0; h < horizon; h++)
        {
            var t = length + h;
            var value = x[n + h] + Constant;
            for (var k = 0; k < delta.Length; k++)
            {
                value += delta[k] * y[t - 1 - k];
            }

            y[t] = value;
        }

        var psi = PsiWeights(horizon);
        var standardErrors = new double[horizon];
        var cumulative = 0.0;
        var sigma2 = Math.Max(Sigma2, 0);
        for (var h = 0; h < horizon; h++)
        {
            cumulative += psi[h] * psi[h];
            standardErrors[h] = Math.Sqrt(sigma2 * cumulative);
        }

        return new ArimaPrediction(y[length..], standardErrors);
    }

    /// <summary>Product of two AR-convention polynomials (1 − Σaᵢ·Bⁱ)(1 − Σbⱼ·Bʲ), in the same convention.</summary>
    private static double[] MultiplyAr(double[] a, double[] b)
    {
        var result = new double[a.Length + b.Length];
        for (var i = 0; i < a.Length; i++)
        {
            result[i] += a[i];
        }

        for (var j = 0; j < b.Length; j++)
        {
            result[j] += b[j];
            for (var i = 0; i < a.Length; i++)
            {
                result[i + j + 1] -= a[i] * b[j];
            }
        }

        return result;
    }
}
