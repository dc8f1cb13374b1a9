namespace Zhizao.Forecasting.Methods.Arima;

/// <summary>The information criterion that ranks candidate models.</summary>
public enum InformationCriterion
{
    /// <summary>Akaike's criterion corrected for small samples (auto.arima's default).</summary>
    Aicc,

    /// <summary>Akaike's criterion.</summary>
    Aic,

    /// <summary>The Bayesian (Schwarz) criterion.</summary>
    Bic,
}

/// <summary>
/// Fits one ARIMA order to an already differenced series w, as R's <c>stats::arima</c> inside forecast's <c>myarima</c>:
/// conditional sum of squares from zero coefficients (the constant starts at mean(w)), then — unless only CSS is asked
/// for — the exact likelihood from the CSS estimates with the AR blocks kept stationary through R's partial-autocorrelation
/// transform and the MA blocks inverted to invertibility. The information criteria follow <c>myarima</c>: for CSS-only fits
/// AIC = offset + n*·log σ²_CSS + 2k (the approximation of auto.arima's search), and a model whose AR or MA polynomial has
/// a root within 1.01 of the unit circle is ranked +∞.
/// </summary>
internal static class ArimaEstimator
{
    private const double MinimumRoot = 1.01;

    /// <summary>The fit, or null when it fails (a non-stationary AR part from CSS before the exact fit, or too little data).</summary>
    public static ArimaFit? Fit(double[] w, ArimaOrder order, bool constant, bool exact, double offset, InformationCriterion criterion)
    {
        var problem = new ArimaProblem(w, order, constant);
        var n = w.Length;
        var conditioning = problem.ConditioningCount;
        if (n - conditioning < 1)
        {
            return null;
        }

        var css = new double[problem.ParameterCount];
        var cssSse = LevenbergMarquardt.Minimise(problem.ConditionalResiduals, css, n - conditioning);
        if (!double.IsFinite(cssSse))
        {
            return null;
        }

        if (!exact)
        {
            var cssCoefficients = problem.Coefficients(css, transformed: false);
            var cssResiduals = new double[n];
            var sse = problem.EvaluateConditional(cssCoefficients, cssResiduals.AsSpan(conditioning));
            var sigma2Css = Math.Max(sse / (n - conditioning), double.Epsilon);
            var aic = offset + (n * Math.Log(sigma2Css)) + (2 * (problem.ParameterCount + 1));
            return Summarise(problem, cssCoefficients, aic, double.NaN, sse, cssResiduals, exact: false, criterion);
        }

        var start = problem.Coefficients(css, transformed: false);
        if (ArimaPolynomials.MinimumRootModulus(start.Ar, -1) <= 1 || ArimaPolynomials.MinimumRootModulus(start.SeasonalAr, -1) <= 1)
        {
            return null;
        }

        var raw = problem.ToTransformed(start);
        var value = LevenbergMarquardt.Minimise(problem.ExactResiduals, raw, n);
        if (!double.IsFinite(value))
        {
            return null;
        }

        var coefficients = problem.Coefficients(raw, transformed: true).WithInvertedMa();
        var innovations = new double[n];
        var standardised = new double[n];
        var sumLog = problem.EvaluateExact(coefficients, innovations, standardised);
        if (double.IsNaN(sumLog))
        {
            return null;
        }

        var s = 0.0;
        foreach (var e in standardised)
        {
            s += e * e;
        }

        var logLikelihood = -0.5 * ((n * Math.Log(2 * Math.PI * Math.Max(s / n, double.Epsilon))) + sumLog + n);
        var exactAic = (-2 * logLikelihood) + (2 * (problem.ParameterCount + 1));
        return Summarise(problem, coefficients, exactAic, logLikelihood, s, innovations, exact: true, criterion);
    }

    /// <summary>−2·log-likelihood of white noise (no constant) on w, for auto.arima's CSS offset.</summary>
    public static double WhiteNoiseDeviance(double[] w)
    {
        var sum = 0.0;
        foreach (var v in w)
        {
            sum += v * v;
        }

        var sigma2 = Math.Max(sum / w.Length, double.Epsilon);
        return w.Length * (Math.Log(2 * Math.PI * sigma2) + 1);
    }

    private static ArimaFit Summarise(
        ArimaProblem problem, ArimaCoefficients coefficients, double aic, double logLikelihood, double sumOfSquares,
        double[] innovations, bool exact, InformationCriterion criterion)
    {
        var n = problem.Length;
        var parameters = problem.ParameterCount + 1;
        var aicc = n - parameters - 1 > 0 ? aic + (2.0 * parameters * (parameters + 1) / (n - parameters - 1)) : double.PositiveInfinity;
        var bic = aic + (parameters * (Math.Log(n) - 2));
        var ic = criterion switch
        {
            InformationCriterion.Aic => aic,
            InformationCriterion.Bic => bic,
            _ => aicc,
        };
        var phi = ArimaPolynomials.ExpandAr(coefficients.Ar, coefficients.SeasonalAr, problem.Order.Period);
        var theta = ArimaPolynomials.ExpandMa(coefficients.Ma, coefficients.SeasonalMa, problem.Order.Period);
        var minimumRoot = Math.Min(ArimaPolynomials.MinimumRootModulus(phi, -1), ArimaPolynomials.MinimumRootModulus(theta, 1));
        if (!(minimumRoot >= MinimumRoot) || !double.IsFinite(ic))
        {
            ic = double.PositiveInfinity;
        }

        // myarima's unbiased residual variance.
        var sigma2 = sumOfSquares / Math.Max(n - parameters + 1, 1);
        return new ArimaFit(problem.Order, problem.HasConstant, coefficients, sigma2, logLikelihood, aic, aicc, bic, ic, exact, innovations);
    }
}

/// <summary>One fitted order: coefficients, variance, criteria, and the innovations of the centred differenced series.</summary>
internal sealed record ArimaFit(
    ArimaOrder Order,
    bool HasConstant,
    ArimaCoefficients Coefficients,
    double Sigma2,
    double LogLikelihood,
    double Aic,
    double Aicc,
    double Bic,
    double InformationCriterion,
    bool Exact,
    double[] Innovations);

/// <summary>The coefficient blocks of a model and its constant (the mean of the differenced series).</summary>
internal sealed record ArimaCoefficients(double[] Ar, double[] Ma, double[] SeasonalAr, double[] SeasonalMa, double Constant)
{
    /// <summary>The same model with each MA block made invertible (same autocovariances, same exact likelihood).</summary>
    public ArimaCoefficients WithInvertedMa() =>
        this with { Ma = ArimaPolynomials.InvertMa(Ma), SeasonalMa = ArimaPolynomials.InvertMa(SeasonalMa) };
}
