namespace Zhizao.Forecasting.Methods.Ets;

/// <summary>
/// Point forecasts and prediction intervals of a fitted ETS model (Hyndman et al. 2008, ch. 6). Points continue the state
/// recursion without errors. Intervals are normal with the exact forecast variance for class 1 (additive error, no
/// multiplicative season: σ²(1 + Σ_{j&lt;h} c_j²), c_j = α + β·Φ_j + γ·[j mod m = 0] with Φ_j = j, or φ + … + φ^j when
/// damped) and class 2 (multiplicative error, no multiplicative season: (1 + σ²)θ_h − μ_h², θ_h = μ_h² + σ²·Σ_{j&lt;h} c_j²·θ_{h−j}).
/// Models with multiplicative season (class 3, which has no closed form) take their bounds from the quantiles of
/// <see cref="SimulationPaths"/> simulated future paths with a fixed seed, so the same input gives the same output.
/// </summary>
internal static class EtsPrediction
{
    /// <summary>Simulated paths for class-3 intervals.</summary>
    public const int SimulationPaths = 1000;

    private const int Seed = 20080601;

    /// <summary>Forecasts <paramref name="horizon"/> steps with intervals at <paramref name="levels"/>.</summary>
    public static Forecast Predict(string method, EtsFit fit, int horizon, IReadOnlyList<int> levels)
    {
        var point = PointForecast(fit, horizon);
        if (fit.Spec.Season == EtsSeason.Multiplicative)
        {
            return new Forecast(method, point, SimulatedIntervals(fit, point, horizon, levels));
        }

        var c = Coefficients(fit, horizon);
        var sigma2 = fit.Sigma2;
        var standardErrors = new double[horizon];
        if (fit.Spec.Error == EtsError.Additive)
        {
            var sum = 0.0;
            for (var h = 0; h < horizon; h++)
            {
                standardErrors[h] = Math.Sqrt(sigma2 * (1 + sum));
                sum += c[h + 1] * c[h + 1];
            }
        }
        else
        {
            var theta = new double[horizon];
            for (var h = 0; h < horizon; h++)
            {
                var sum = 0.0;
                for (var j = 1; j <= h; j++)
                {
                    sum += c[j] * c[j] * theta[h - j];
                }

                theta[h] = (point[h] * point[h]) + (sigma2 * sum);
                standardErrors[h] = Math.Sqrt(Math.Max(0, ((1 + sigma2) * theta[h]) - (point[h] * point[h])));
            }
        }

        return new Forecast(method, point, PredictionIntervals.Normal(point, standardErrors, levels));
    }

    /// <summary>The recursion continued without errors: (l + Φ_h·b) combined with s_{(n + h − 1) mod m}.</summary>
    public static double[] PointForecast(EtsFit fit, int horizon)
    {
        var state = fit.FinalState;
        var phi = EtsRecursion.EffectivePhi(fit.Spec, fit.Parameters);
        var level = state[0];
        var trend = fit.Spec.HasTrend ? state[1] : 0;
        var point = new double[horizon];
        var cumulative = 0.0;
        var power = 1.0;
        for (var h = 0; h < horizon; h++)
        {
            power *= phi;
            cumulative += power;
            var q = level + (cumulative * trend);
            var s = fit.Spec.HasSeason ? state[2 + ((fit.Length + h) % fit.Period)] : 0;
            point[h] = fit.Spec.Season switch { EtsSeason.None => q, EtsSeason.Additive => q + s, _ => q * s };
        }

        return point;
    }

    /// <summary>c_1 … c_horizon (index 0 unused) of the class 1 and 2 variance formulas.</summary>
    private static double[] Coefficients(EtsFit fit, int horizon)
    {
        var p = fit.Parameters;
        var phi = EtsRecursion.EffectivePhi(fit.Spec, p);
        var c = new double[horizon + 1];
        var cumulative = 0.0;
        var power = 1.0;
        for (var j = 1; j <= horizon; j++)
        {
            power *= phi;
            cumulative += power;
            c[j] = p.Alpha + (p.Beta * cumulative) + (fit.Spec.HasSeason && j % fit.Period == 0 ? p.Gamma : 0);
        }

        return c;
    }

    private static Dictionary<int, (double[] Lower, double[] Upper)> SimulatedIntervals(EtsFit fit, double[] point, int horizon, IReadOnlyList<int> levels)
    {
        var spec = fit.Spec;
        var phi = EtsRecursion.EffectivePhi(spec, fit.Parameters);
        var sigma = Math.Sqrt(fit.Sigma2);
        var random = new Random(Seed);
        var paths = new double[horizon * SimulationPaths];
        var seasons = new double[fit.Period];
        for (var path = 0; path < SimulationPaths; path++)
        {
            var level = fit.FinalState[0];
            var trend = spec.HasTrend ? fit.FinalState[1] : 0;
            fit.FinalState.AsSpan(2, fit.Period).CopyTo(seasons);
            for (var h = 0; h < horizon; h++)
            {
                ref var seasonal = ref seasons[(fit.Length + h) % fit.Period];
                var f = EtsRecursion.OneStep(spec.Season, phi, level, trend, seasonal);
                var error = sigma * StandardNormal(random);
                var y = spec.Error == EtsError.Additive ? f + error : f * (1 + error);
                paths[(h * SimulationPaths) + path] = y;
                EtsRecursion.Update(spec.Season, fit.Parameters, phi, y, ref level, ref trend, ref seasonal);
            }
        }

        var intervals = new Dictionary<int, (double[] Lower, double[] Upper)>();
        foreach (var level in levels)
        {
            intervals[level] = (new double[horizon], new double[horizon]);
        }

        for (var h = 0; h < horizon; h++)
        {
            var column = paths.AsSpan(h * SimulationPaths, SimulationPaths);
            column.Sort();
            foreach (var level in levels)
            {
                var tail = (1 - (level / 100.0)) / 2;
                var (lower, upper) = intervals[level];
                // Bounds never cross the point forecast, which the simulation's skew could otherwise put outside them.
                lower[h] = Math.Min(Quantile(column, tail), point[h]);
                upper[h] = Math.Max(Quantile(column, 1 - tail), point[h]);
            }
        }

        return intervals;
    }

    /// <summary>Quantile of sorted values with linear interpolation (R's type 7).</summary>
    private static double Quantile(ReadOnlySpan<double> sorted, double probability)
    {
        var position = probability * (sorted.Length - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + ((position - below) * (sorted[above] - sorted[below]));
    }

    private static double StandardNormal(Random random)
    {
        // Box–Muller; 1 − NextDouble() lies in (0, 1] so the logarithm is finite.
        var u1 = 1 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
