using System.Runtime.CompilerServices;

namespace Zhizao.Forecasting.Methods.Ets;

/// <summary>Smoothing parameters of an ETS model (β, γ and φ are ignored by models without the component).</summary>
/// <param name="Alpha">Level smoothing α.</param>
/// <param name="Beta">Trend smoothing β (R's β, not β* = β/α).</param>
/// <param name="Gamma">Seasonal smoothing γ.</param>
/// <param name="Phi">Damping φ (1 for an undamped trend).</param>
internal readonly record struct EtsParameters(double Alpha, double Beta, double Gamma, double Phi);

/// <summary>
/// The ETS state recursions in the error-correction form R's <c>etscalc</c> uses for every model: with q = l + φb the
/// level-and-trend forecast and s the seasonal state of the step, the forecast is f = q (+ s or × s), and
/// l ← q + α(p − q) with p = y (− s or / s), b ← φb + (β/α)(l_new − l − φb), s ← s + γ(y − q − s) (additive) or
/// s ← s + γ(y/q − s) (multiplicative). These updates are the same for additive and multiplicative errors; the error type
/// changes only the likelihood.
/// State layout: [level, trend, s_0 … s_{m−1}] where s_{t mod m} is the seasonal state used by observation t (0-based), so
/// after n observations step h of the forecast uses s_{(n + h − 1) mod m}.
/// </summary>
internal static class EtsRecursion
{
    /// <summary>Forecasts closer to zero than this make a multiplicative model invalid (as R's <c>etscalc</c>).</summary>
    private const double Tolerance = 1e-10;

    /// <summary>
    /// Runs the recursion over <paramref name="y"/>, updating <paramref name="state"/> in place to the final state.
    /// Returns false when a multiplicative model meets a forecast (or level) of about zero.
    /// </summary>
    /// <param name="y">Observations.</param>
    /// <param name="spec">Model form.</param>
    /// <param name="period">Seasonal period (ignored without season).</param>
    /// <param name="parameters">Smoothing parameters.</param>
    /// <param name="state">Initial state on entry, final state on return.</param>
    /// <param name="sumSquares">Σe² of the one-step errors (relative errors (y − f)/f for multiplicative errors).</param>
    /// <param name="sumLogForecast">Σ log|f| (multiplicative errors only; 0 otherwise).</param>
    public static bool Run(
        ReadOnlySpan<double> y, EtsSpec spec, int period, in EtsParameters parameters, Span<double> state, out double sumSquares, out double sumLogForecast)
    {
        var multiplicative = spec.Error == EtsError.Multiplicative;
        return spec.Season switch
        {
            EtsSeason.None => multiplicative
                ? Run<Relative, NoSeason>(y, spec, 1, parameters, state, out sumSquares, out sumLogForecast)
                : Run<Absolute, NoSeason>(y, spec, 1, parameters, state, out sumSquares, out sumLogForecast),
            EtsSeason.Additive => multiplicative
                ? Run<Relative, AdditiveSeason>(y, spec, period, parameters, state, out sumSquares, out sumLogForecast)
                : Run<Absolute, AdditiveSeason>(y, spec, period, parameters, state, out sumSquares, out sumLogForecast),
            _ => multiplicative
                ? Run<Relative, MultiplicativeSeason>(y, spec, period, parameters, state, out sumSquares, out sumLogForecast)
                : Run<Absolute, MultiplicativeSeason>(y, spec, period, parameters, state, out sumSquares, out sumLogForecast),
        };
    }

    /// <summary>One observation's update of level, trend and the step's seasonal state (shared with simulation).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Update(EtsSeason season, in EtsParameters parameters, double phi, double y, ref double level, ref double trend, ref double seasonal)
    {
        var phiTrend = phi * trend;
        var q = level + phiTrend;
        var p = season switch { EtsSeason.None => y, EtsSeason.Additive => y - seasonal, _ => y / seasonal };
        var newLevel = q + (parameters.Alpha * (p - q));
        trend = phiTrend + (parameters.Beta / parameters.Alpha * (newLevel - level - phiTrend));
        seasonal = season switch
        {
            EtsSeason.None => seasonal,
            EtsSeason.Additive => seasonal + (parameters.Gamma * (y - q - seasonal)),
            _ => seasonal + (parameters.Gamma * ((y / q) - seasonal)),
        };
        level = newLevel;
    }

    /// <summary>The one-step forecast from level, trend and seasonal state.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double OneStep(EtsSeason season, double phi, double level, double trend, double seasonal)
    {
        var q = level + (phi * trend);
        return season switch { EtsSeason.None => q, EtsSeason.Additive => q + seasonal, _ => q * seasonal };
    }

    /// <summary>φ as the recursion uses it: 0 without trend (the trend state stays 0), 1 undamped, φ damped.</summary>
    public static double EffectivePhi(EtsSpec spec, in EtsParameters parameters) =>
        spec.Trend switch { EtsTrend.None => 0, EtsTrend.Additive => 1, _ => parameters.Phi };

    // The hot loop, specialised by the JIT per error and season form so it has no per-step branches on the model type.
    private static bool Run<TError, TSeason>(
        ReadOnlySpan<double> y, EtsSpec spec, int period, in EtsParameters parameters, Span<double> state, out double sumSquares, out double sumLogForecast)
        where TError : struct, IErrorForm
        where TSeason : struct, ISeasonForm
    {
        // The level and trend updates expanded so each new state is a short sum of products of the old one (a shorter
        // dependency chain per step than the textbook form): l' = (1 − α)(l + φb) + α·p, b' = β(p − l) + φ(1 − β)b.
        var phi = EffectivePhi(spec, parameters);
        var alpha = parameters.Alpha;
        var beta = spec.HasTrend ? parameters.Beta : 0;
        var levelFromLevel = 1 - alpha;
        var levelFromTrend = (1 - alpha) * phi;
        var trendFromTrend = phi * (1 - beta);
        var gamma = parameters.Gamma;
        var level = state[0];
        var trend = spec.HasTrend ? state[1] : 0;
        Span<double> none = stackalloc double[1];
        var seasons = TSeason.IsSeasonal ? state.Slice(2, period) : none;
        double sse = 0, logSum = 0, product = 1;
        var j = 0;
        for (var t = 0; t < y.Length; t++)
        {
            var q = level + (phi * trend);
            var s = seasons[j];
            if (!TError.Accumulate(y[t], TSeason.Forecast(q, s), ref sse, ref product) || (TSeason.DividesByLevel && Math.Abs(q) < Tolerance))
            {
                sumSquares = double.PositiveInfinity;
                sumLogForecast = 0;
                return false;
            }

            if (TError.IsRelative && (product > 1e100 || product < 1e-100))
            {
                logSum += Math.Log(product);
                product = 1;
            }

            var p = TSeason.Deseasonalise(y[t], s);
            var newLevel = Math.FusedMultiplyAdd(levelFromLevel, level, Math.FusedMultiplyAdd(levelFromTrend, trend, alpha * p));
            trend = Math.FusedMultiplyAdd(trendFromTrend, trend, beta * (p - level));
            seasons[j] = TSeason.Update(y[t], q, s, gamma);
            level = newLevel;
            if (++j == seasons.Length)
            {
                j = 0;
            }
        }

        state[0] = level;
        if (spec.HasTrend)
        {
            state[1] = trend;
        }

        sumSquares = sse;
        sumLogForecast = TError.IsRelative ? logSum + Math.Log(product) : 0;
        return double.IsFinite(sse) && double.IsFinite(sumLogForecast);
    }

    private interface IErrorForm
    {
        static abstract bool IsRelative { get; }

        static abstract bool Accumulate(double y, double f, ref double sse, ref double product);
    }

    private interface ISeasonForm
    {
        static abstract bool IsSeasonal { get; }

        static abstract bool DividesByLevel { get; }

        static abstract double Forecast(double q, double s);

        static abstract double Deseasonalise(double y, double s);

        static abstract double Update(double y, double q, double s, double gamma);
    }

    private readonly struct Absolute : IErrorForm
    {
        public static bool IsRelative => false;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static bool Accumulate(double y, double f, ref double sse, ref double product)
        {
            var e = y - f;
            sse += e * e;
            return true;
        }
    }

    private readonly struct Relative : IErrorForm
    {
        public static bool IsRelative => true;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static bool Accumulate(double y, double f, ref double sse, ref double product)
        {
            var magnitude = Math.Abs(f);
            if (magnitude < Tolerance)
            {
                return false;
            }

            var e = (y - f) / f;
            sse += e * e;
            product *= magnitude;
            return true;
        }
    }

    private readonly struct NoSeason : ISeasonForm
    {
        public static bool IsSeasonal => false;

        public static bool DividesByLevel => false;

        public static double Forecast(double q, double s) => q;

        public static double Deseasonalise(double y, double s) => y;

        public static double Update(double y, double q, double s, double gamma) => s;
    }

    private readonly struct AdditiveSeason : ISeasonForm
    {
        public static bool IsSeasonal => true;

        public static bool DividesByLevel => false;

        public static double Forecast(double q, double s) => q + s;

        public static double Deseasonalise(double y, double s) => y - s;

        public static double Update(double y, double q, double s, double gamma) => s + (gamma * (y - q - s));
    }

    private readonly struct MultiplicativeSeason : ISeasonForm
    {
        public static bool IsSeasonal => true;

        public static bool DividesByLevel => true;

        public static double Forecast(double q, double s) => q * s;

        public static double Deseasonalise(double y, double s) => y / s;

        public static double Update(double y, double q, double s, double gamma) => s + (gamma * ((y / q) - s));
    }
}
