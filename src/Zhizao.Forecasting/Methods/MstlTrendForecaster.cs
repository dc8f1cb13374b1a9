using MathNet.Numerics.Statistics;

namespace Zhizao.Forecasting.Methods;

/// <summary>
/// Non-seasonal exponential smoothing with additive errors, the trend chosen by AICc among the given kinds (by default none,
/// additive and damped: the additive-error part of R's <c>ets(model = "ZZN")</c>). The default model of the seasonally
/// adjusted series in <see cref="MstlForecaster"/>; it ignores the seasonal period. Intervals are normal with the model's
/// analytic variance σ²·(1 + Σ_{j&lt;h} (α + β·(φ + … + φ^j))²). Falls back to naive below four values or on a
/// non-finite fit.
/// </summary>
public sealed class MstlTrendForecaster : IForecaster
{
    private const int MinimumLength = 4;
    private readonly MstlTrendKind[] _kinds;

    /// <summary>Selects among no trend, additive trend and damped trend.</summary>
    public MstlTrendForecaster()
        : this(MstlTrendKind.None, MstlTrendKind.Additive, MstlTrendKind.Damped)
    {
    }

    /// <summary>Selects among <paramref name="kinds"/> (one kind fixes the model).</summary>
    public MstlTrendForecaster(params MstlTrendKind[] kinds)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        ArgumentOutOfRangeException.ThrowIfZero(kinds.Length);
        _kinds = [.. kinds];
    }

    /// <summary>
    /// Bounds from the empirical quantiles of the fitted model's in-sample h-step errors (every origin of the history)
    /// instead of the normal analytic ones; steps with fewer than <see cref="MinimumErrors"/> such errors stay analytic.
    /// </summary>
    public bool EmpiricalIntervals { get; init; }

    /// <summary>The fewest in-sample errors an empirical bound is taken from.</summary>
    public static int MinimumErrors => 30;

    /// <inheritdoc />
    public string Name => "trend-smoothing";

    /// <inheritdoc />
    public Forecast Forecast(SeriesInput series, int horizon, IReadOnlyList<int> levels)
    {
        var values = ForecastRequest.Validate(series, horizon, levels);
        if (values.Length < MinimumLength)
        {
            return NaiveForecaster.Fallback(Name, values, horizon, levels, $"{values.Length} values, at least {MinimumLength} needed");
        }

        var fit = MstlTrendSmoothing.Select(values, _kinds);
        var sigma = Math.Sqrt(fit.Variance);
        var point = new double[horizon];
        var standardErrors = new double[horizon];
        for (var h = 1; h <= horizon; h++)
        {
            point[h - 1] = fit.Point(h);
            standardErrors[h - 1] = sigma * Math.Sqrt(fit.VarianceFactor(h));
        }

        var intervals = PredictionIntervals.Normal(point, standardErrors, levels);
        if (EmpiricalIntervals)
        {
            UseEmpiricalBounds(fit.StepErrors(values, horizon), point, intervals);
        }

        var forecast = new Forecast(Name, point, intervals);
        return PredictionIntervals.IsFinite(forecast)
            ? forecast
            : NaiveForecaster.Fallback(Name, values, horizon, levels, "the fitted model gave non-finite values");
    }

    private static void UseEmpiricalBounds(double[][] stepErrors, double[] point, Dictionary<int, (double[] Lower, double[] Upper)> intervals)
    {
        for (var h = 0; h < point.Length; h++)
        {
            var errors = stepErrors[h];
            if (errors.Length < MinimumErrors)
            {
                continue;
            }

            Array.Sort(errors);
            foreach (var (level, (lower, upper)) in intervals)
            {
                var tail = (1 - (level / 100.0)) / 2;
                lower[h] = Math.Min(point[h], point[h] + SortedArrayStatistics.QuantileCustom(errors, tail, QuantileDefinition.R7));
                upper[h] = Math.Max(point[h], point[h] + SortedArrayStatistics.QuantileCustom(errors, 1 - tail, QuantileDefinition.R7));
            }
        }
    }
}
