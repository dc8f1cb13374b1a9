namespace Zhizao.Forecasting.Methods.Arima;

/// <summary>
/// One order fitted to one differenced series: maps the optimiser's parameter vector [φ | θ | Φ | Θ | constant] to
/// coefficients and evaluates the two objectives as residual vectors. The constant is parameterised as
/// mean(w) + sd(w)·u so every parameter has unit scale. Holds buffers: one instance per fit, not thread-safe.
/// </summary>
internal sealed class ArimaProblem
{
    private readonly double[] _w;
    private readonly double[] _centred;
    private readonly double[] _innovations;
    private readonly ArimaLikelihood _likelihood;
    private readonly double _centre;
    private readonly double _scale;

    public ArimaProblem(double[] w, ArimaOrder order, bool constant)
    {
        _w = w;
        Order = order;
        HasConstant = constant;
        _centred = new double[w.Length];
        _innovations = new double[w.Length];
        _likelihood = new ArimaLikelihood(w.Length);
        _centre = constant ? w.Average() : 0;
        var variance = 0.0;
        foreach (var v in w)
        {
            variance += (v - _centre) * (v - _centre);
        }

        var sd = Math.Sqrt(variance / Math.Max(w.Length - 1, 1));
        _scale = sd > 0 ? sd : 1;
    }

    public ArimaOrder Order { get; }

    public bool HasConstant { get; }

    /// <summary>Length n* of the differenced series.</summary>
    public int Length => _w.Length;

    /// <summary>Number of estimated coefficients (ARMA coefficients plus the constant when present).</summary>
    public int ParameterCount => Order.Ar + Order.Ma + Order.SeasonalAr + Order.SeasonalMa + (HasConstant ? 1 : 0);

    /// <summary>Observations the conditional sum of squares conditions on: p + P·m.</summary>
    public int ConditioningCount => Order.Ar + (Order.SeasonalAr * Order.Period);

    /// <summary>Coefficients from a parameter vector; with <paramref name="transformed"/> the AR blocks are partial autocorrelations on the atanh scale.</summary>
    public ArimaCoefficients Coefficients(ReadOnlySpan<double> parameters, bool transformed)
    {
        var o = Order;
        var ar = parameters[..o.Ar].ToArray();
        var ma = parameters.Slice(o.Ar, o.Ma).ToArray();
        var sar = parameters.Slice(o.Ar + o.Ma, o.SeasonalAr).ToArray();
        var sma = parameters.Slice(o.Ar + o.Ma + o.SeasonalAr, o.SeasonalMa).ToArray();
        if (transformed)
        {
            ArimaPolynomials.PartialAutocorrelationsToAr(ar, ar);
            ArimaPolynomials.PartialAutocorrelationsToAr(sar, sar);
        }

        var constant = HasConstant ? _centre + (_scale * parameters[^1]) : 0;
        return new ArimaCoefficients(ar, ma, sar, sma, constant);
    }

    /// <summary>The transformed parameter vector of stationary coefficients (the exact fit's starting point).</summary>
    public double[] ToTransformed(ArimaCoefficients coefficients)
    {
        var o = Order;
        var parameters = new double[ParameterCount];
        ArimaPolynomials.ArToPartialAutocorrelations(coefficients.Ar, parameters.AsSpan(0, o.Ar));
        ArimaPolynomials.InvertMa(coefficients.Ma).CopyTo(parameters, o.Ar);
        ArimaPolynomials.ArToPartialAutocorrelations(coefficients.SeasonalAr, parameters.AsSpan(o.Ar + o.Ma, o.SeasonalAr));
        ArimaPolynomials.InvertMa(coefficients.SeasonalMa).CopyTo(parameters, o.Ar + o.Ma + o.SeasonalAr);
        if (HasConstant)
        {
            parameters[^1] = (coefficients.Constant - _centre) / _scale;
        }

        return parameters;
    }

    /// <summary>CSS residual function (untransformed parameters), residuals t = p + P·m .. n*−1.</summary>
    public double ConditionalResiduals(ReadOnlySpan<double> parameters, Span<double> residuals) =>
        EvaluateConditional(Coefficients(parameters, transformed: false), residuals);

    /// <summary>
    /// Exact-likelihood residual function (transformed parameters): the standardised innovations times (Π rₜ)^{1/2n}, whose
    /// sum of squares is S·(Π rₜ)^{1/n}, minimised where the concentrated likelihood n·log S + Σ log rₜ is.
    /// </summary>
    public double ExactResiduals(ReadOnlySpan<double> parameters, Span<double> residuals)
    {
        var sumLog = EvaluateExact(Coefficients(parameters, transformed: true), _innovations, residuals);
        if (double.IsNaN(sumLog))
        {
            return double.PositiveInfinity;
        }

        var factor = Math.Exp(sumLog / (2 * residuals.Length));
        var sum = 0.0;
        for (var t = 0; t < residuals.Length; t++)
        {
            residuals[t] *= factor;
            sum += residuals[t] * residuals[t];
        }

        return double.IsFinite(sum) ? sum : double.PositiveInfinity;
    }

    /// <summary>Conditional residuals of the given coefficients; returns their sum of squares.</summary>
    public double EvaluateConditional(ArimaCoefficients coefficients, Span<double> residuals)
    {
        var (phi, theta) = Centre(coefficients);
        return ArimaLikelihood.ConditionalResiduals(_centred, phi, theta, residuals);
    }

    /// <summary>Innovations of the given coefficients; returns Σ log rₜ (NaN when the model is invalid).</summary>
    public double EvaluateExact(ArimaCoefficients coefficients, Span<double> innovations, Span<double> standardised)
    {
        var (phi, theta) = Centre(coefficients);
        return _likelihood.Innovations(_centred, phi, theta, innovations, standardised);
    }

    private (double[] Phi, double[] Theta) Centre(ArimaCoefficients coefficients)
    {
        for (var t = 0; t < _w.Length; t++)
        {
            _centred[t] = _w[t] - coefficients.Constant;
        }

        return (ArimaPolynomials.ExpandAr(coefficients.Ar, coefficients.SeasonalAr, Order.Period),
            ArimaPolynomials.ExpandMa(coefficients.Ma, coefficients.SeasonalMa, Order.Period));
    }
}
