namespace Zhizao.Forecasting.Methods.Ets;

/// <summary>
/// A fitted ETS model. The log-likelihood is the Gaussian one with σ² at its maximum-likelihood value SSE/n:
/// log L = −½·n·(log(2π·SSE/n) + 1) − Σ log|f_t| (the last term only for multiplicative errors, where the errors are
/// relative). R's <c>ets</c> reports n·log(SSE) + 2Σ log|f| instead, which differs by a constant for a given series, so both
/// choose the same model.
/// </summary>
/// <param name="Spec">Model form.</param>
/// <param name="Period">Seasonal period the model was fitted with (1 without season).</param>
/// <param name="Parameters">Smoothing parameters (β = 0 without trend, γ = 0 without season, φ = 1 unless damped).</param>
/// <param name="InitialState">State before the first observation, layout as <see cref="EtsRecursion"/>.</param>
/// <param name="FinalState">State after the last observation.</param>
/// <param name="SumSquares">Sum of squared (relative, for multiplicative errors) one-step errors.</param>
/// <param name="SumLogForecast">Σ log|f_t| (multiplicative errors; 0 otherwise).</param>
/// <param name="Length">Number of observations fitted.</param>
/// <param name="FreeParameters">Estimated parameters: smoothing parameters and free initial states (without σ).</param>
internal sealed record EtsFit(
    EtsSpec Spec,
    int Period,
    EtsParameters Parameters,
    double[] InitialState,
    double[] FinalState,
    double SumSquares,
    double SumLogForecast,
    int Length,
    int FreeParameters)
{
    /// <summary>Maximised Gaussian log-likelihood.</summary>
    public double LogLikelihood =>
        (-0.5 * Length * (Math.Log(2 * Math.PI * Math.Max(SumSquares, double.Epsilon) / Length) + 1)) - SumLogForecast;

    /// <summary>Parameters counted by the information criteria: the free ones plus σ.</summary>
    public int CountedParameters => FreeParameters + 1;

    /// <summary>AICc = −2 log L + 2k + 2k(k + 1)/(n − k − 1); +∞ when n ≤ k + 1.</summary>
    public double Aicc
    {
        get
        {
            var k = CountedParameters;
            return Length - k - 1 <= 0
                ? double.PositiveInfinity
                : (-2 * LogLikelihood) + (2 * k) + (2.0 * k * (k + 1) / (Length - k - 1));
        }
    }

    /// <summary>Variance of the one-step (relative) errors, SSE/(n − free parameters) as R's <c>ets</c>.</summary>
    public double Sigma2 => SumSquares / Math.Max(1, Length - FreeParameters);
}
