namespace Zhizao.Forecasting.Methods.Ets;

/// <summary>
/// Maximum-likelihood estimation of one ETS model as R's <c>ets</c>: the smoothing parameters and the initial states (level,
/// trend, m − 1 seasonal states; the last is fixed by normalisation) are optimised together by Nelder–Mead on
/// n·log(SSE) + 2·Σ log|f| (equivalent to least squares for additive errors), within R's "usual" bounds:
/// 10⁻⁴ ≤ α ≤ 0.9999, 10⁻⁴ ≤ β ≤ α, 10⁻⁴ ≤ γ ≤ 1 − α, 0.8 ≤ φ ≤ 0.98. Starting values are R's: α = 10⁻⁴ + 0.2·(range)/m,
/// β = 10⁻⁴ + 0.1·(α − 10⁻⁴), γ = 10⁻⁴ + 0.05·(1 − α − 10⁻⁴), φ = 0.978, states from <see cref="EtsInitialisation"/>.
/// </summary>
internal static class EtsFitter
{
    private const double Lower = 1e-4;
    private const double Upper = 0.9999;
    private const double PhiLower = 0.8;
    private const double PhiUpper = 0.98;

    /// <summary>Fits <paramref name="spec"/>; null when no valid starting point or fit exists.</summary>
    /// <param name="values">History.</param>
    /// <param name="spec">Model form.</param>
    /// <param name="period">Data frequency m (used by seasonal models and, as R, in the starting α).</param>
    /// <param name="settings">Optimiser settings.</param>
    public static EtsFit? Fit(double[] values, EtsSpec spec, int period, EtsOptimiserSettings settings)
    {
        var m = spec.HasSeason ? period : 1;
        var initial = EtsInitialisation.Heuristic(values, spec, period);
        var layout = new Layout(spec, m, settings.OptimiseInitialStates);
        var x = new double[layout.Dimension];
        var steps = new double[layout.Dimension];
        var alpha = Lower + (0.2 * (Upper - Lower) / period);
        x[0] = alpha;
        steps[0] = 0.1;
        if (spec.HasTrend)
        {
            x[layout.Beta] = Lower + (0.1 * (alpha - Lower));
            steps[layout.Beta] = 0.01;
        }

        if (spec.HasSeason)
        {
            x[layout.Gamma] = Lower + (0.05 * (1 - alpha - Lower));
            steps[layout.Gamma] = 0.05;
        }

        if (spec.Trend == EtsTrend.Damped)
        {
            x[layout.Phi] = PhiLower + (0.99 * (PhiUpper - PhiLower));
            steps[layout.Phi] = -0.05;
        }

        var state = new double[initial.Length];
        var objective = new Objective(p => Criterion(values, spec, m, layout, initial, p, state));
        if (!layout.OptimiseStates)
        {
            return Finish(values, spec, m, layout, initial, x, steps, settings, objective, state);
        }

        var scale = ScaleOf(values);
        x[layout.Level] = initial[0];
        steps[layout.Level] = 0.1 * Math.Max(Math.Abs(initial[0]), scale);
        if (spec.HasTrend)
        {
            x[layout.Level + 1] = initial[1];
            steps[layout.Level + 1] = 0.1 * Math.Max(Math.Abs(initial[1]), 0.01 * scale);
        }

        for (var k = 1; k < m; k++)
        {
            var index = layout.FirstSeason + k - 1;
            x[index] = initial[2 + k];
            steps[index] = spec.Season == EtsSeason.Multiplicative ? 0.05 * initial[2 + k] : 0.1 * Math.Max(Math.Abs(initial[2 + k]), 0.1 * scale);
        }

        return Finish(values, spec, m, layout, initial, x, steps, settings, objective, state);
    }

    /// <summary>Number of estimated parameters (smoothing and initial states) of <paramref name="spec"/> at period m.</summary>
    public static int ParameterCount(EtsSpec spec, int period) => new Layout(spec, spec.HasSeason ? period : 1, optimiseStates: true).Dimension;

    private static EtsFit? Finish(
        double[] values, EtsSpec spec, int m, Layout layout, double[] initial, double[] x, double[] steps, EtsOptimiserSettings settings, Objective objective, double[] state)
    {
        if (!double.IsFinite(objective(x)))
        {
            return null;
        }

        NelderMead.Minimise(objective, x, steps, settings.Tolerance, settings.MaxEvaluationsPerParameter * layout.Dimension);
        var parameters = Decode(spec, layout, x);
        if (parameters is null)
        {
            return null;
        }

        var start = new double[initial.Length];
        LoadState(layout, initial, x, start);
        start.CopyTo(state, 0);
        if (!EtsRecursion.Run(values, spec, m, parameters.Value, state, out var sse, out var logSum))
        {
            return null;
        }

        return new EtsFit(spec, m, parameters.Value, start, state, sse, logSum, values.Length, ParameterCount(spec, m));
    }

    private static double Criterion(double[] values, EtsSpec spec, int m, Layout layout, double[] initial, ReadOnlySpan<double> x, double[] state)
    {
        var parameters = Decode(spec, layout, x);
        if (parameters is null || !LoadState(layout, initial, x, state))
        {
            return double.PositiveInfinity;
        }

        if (!EtsRecursion.Run(values, spec, m, parameters.Value, state, out var sse, out var logSum))
        {
            return double.PositiveInfinity;
        }

        var value = (values.Length * Math.Log(Math.Max(sse, double.Epsilon))) + (2 * logSum);
        return double.IsFinite(value) ? value : double.PositiveInfinity;
    }

    /// <summary>The smoothing parameters at <paramref name="x"/>, or null outside the usual bounds.</summary>
    private static EtsParameters? Decode(EtsSpec spec, Layout layout, ReadOnlySpan<double> x)
    {
        var alpha = x[0];
        if (alpha is < Lower or > Upper)
        {
            return null;
        }

        double beta = 0, gamma = 0, phi = 1;
        if (spec.HasTrend)
        {
            beta = x[layout.Beta];
            if (beta < Lower || beta > alpha)
            {
                return null;
            }
        }

        if (spec.HasSeason)
        {
            gamma = x[layout.Gamma];
            if (gamma < Lower || gamma > 1 - alpha)
            {
                return null;
            }
        }

        if (spec.Trend == EtsTrend.Damped)
        {
            phi = x[layout.Phi];
            if (phi is < PhiLower or > PhiUpper)
            {
                return null;
            }
        }

        return new EtsParameters(alpha, beta, gamma, phi);
    }

    /// <summary>Writes the initial state at <paramref name="x"/>; false when multiplicative seasonal states are not positive.</summary>
    private static bool LoadState(Layout layout, double[] initial, ReadOnlySpan<double> x, Span<double> state)
    {
        if (!layout.OptimiseStates)
        {
            initial.CopyTo(state);
            return true;
        }

        state[0] = x[layout.Level];
        if (layout.Spec.HasTrend)
        {
            state[1] = x[layout.Level + 1];
        }

        if (!layout.Spec.HasSeason)
        {
            return true;
        }

        var seasons = state[2..];
        x.Slice(layout.FirstSeason, layout.M - 1).CopyTo(seasons[1..]);
        EtsInitialisation.Normalise(seasons, layout.Spec.Season);
        if (layout.Spec.Season == EtsSeason.Multiplicative)
        {
            foreach (var s in seasons)
            {
                if (!(s > 0))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static double ScaleOf(double[] values)
    {
        var sum = 0.0;
        foreach (var v in values)
        {
            sum += Math.Abs(v);
        }

        var mean = sum / values.Length;
        return mean > 0 ? mean : 1;
    }

    /// <summary>Positions in the optimiser's vector: α, [β], [γ], [φ], level, [trend], [s_1 … s_{m−1}].</summary>
    private sealed class Layout
    {
        public Layout(EtsSpec spec, int m, bool optimiseStates)
        {
            Spec = spec;
            M = m;
            OptimiseStates = optimiseStates;
            var next = 1;
            Beta = spec.HasTrend ? next++ : -1;
            Gamma = spec.HasSeason ? next++ : -1;
            Phi = spec.Trend == EtsTrend.Damped ? next++ : -1;
            Level = next;
            FirstSeason = next + (spec.HasTrend ? 2 : 1);
            Dimension = optimiseStates ? FirstSeason + (spec.HasSeason ? m - 1 : 0) : next;
        }

        public bool OptimiseStates { get; }

        public EtsSpec Spec { get; }

        public int M { get; }

        public int Beta { get; }

        public int Gamma { get; }

        public int Phi { get; }

        public int Level { get; }

        public int FirstSeason { get; }

        public int Dimension { get; }
    }
}

/// <summary>Nelder–Mead settings of the ETS fit.</summary>
/// <param name="Tolerance">Absolute tolerance on the spread of the simplex values of −2·log-likelihood.</param>
/// <param name="MaxEvaluationsPerParameter">Evaluation budget per optimised parameter.</param>
/// <param name="OptimiseInitialStates">Optimise the initial states with the smoothing parameters (R's behaviour); when
/// false they stay at the <see cref="EtsInitialisation"/> heuristic and only α, β, γ, φ are optimised.</param>
internal sealed record EtsOptimiserSettings(double Tolerance, int MaxEvaluationsPerParameter, bool OptimiseInitialStates = true);
