namespace Zhizao.Forecasting.Methods.Ets;

/// <summary>
/// Exponential smoothing in the ETS state-space framework (Hyndman et al. 2008), as R's <c>forecast::ets</c>: errors A/M,
/// trend N/A/Ad, season N/A/M, fitted by maximum likelihood (<see cref="EtsFitter"/>) and, in automatic mode, chosen by
/// AICc among the admissible candidates (<see cref="EtsSelection"/>). Point forecasts continue the recursion; intervals are
/// the analytic class-1/class-2 variances, and simulation with a fixed seed for multiplicative-season models
/// (<see cref="EtsPrediction"/>). <see cref="Forecast.Method"/> names the model used, e.g. "ets(MAdM)".
/// Seasonal periods above 24 are refused for seasonal models as R does; instead, when the M4 seasonality test finds
/// seasonality, the non-seasonal candidates are fitted to the classically seasonally adjusted series and the indices put
/// back (said in the note). Falls back to naive (with a note) when no candidate is admissible (about 7 values or fewer).
/// </summary>
public sealed class EtsForecaster : IForecaster
{
    private readonly EtsSpec[] _candidates;
    private readonly EtsOptimiserSettings _settings;

    /// <summary>Automatic ETS ("ets") over R's default candidate set <see cref="EtsSpec.FullCandidates"/>.</summary>
    public EtsForecaster()
        : this("ets", EtsSpec.FullCandidates)
    {
    }

    /// <summary>
    /// One fixed model, named "ets-" + the model (e.g. "ets-AAdN"). When the data do not admit it (multiplicative with
    /// non-positive values, seasonal without the period or history), the automatic choice among the admissible candidates
    /// of <see cref="EtsSpec.FullCandidates"/> is used instead and the note says so.
    /// </summary>
    public EtsForecaster(EtsSpec spec)
        : this("ets-" + spec, [spec])
    {
    }

    /// <summary>Automatic ETS named <paramref name="name"/> choosing among <paramref name="candidates"/>.</summary>
    /// <param name="name">Method name.</param>
    /// <param name="candidates">Candidate models (the admissible ones are fitted).</param>
    /// <param name="optimiseInitialStates">Optimise the initial states with the smoothing parameters, as R (default); when
    /// false they stay at R's heuristic starting values and only α, β, γ, φ are optimised (several times faster).</param>
    public EtsForecaster(string name, IReadOnlyList<EtsSpec> candidates, bool optimiseInitialStates = true)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(candidates);
        if (candidates.Count == 0)
        {
            throw new ArgumentException("At least one ETS candidate model is needed.", nameof(candidates));
        }

        Name = name;
        _candidates = [.. candidates];
        _settings = optimiseInitialStates ? EtsSelection.FullSettings : EtsSelection.FastSettings;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>The candidate models.</summary>
    public IReadOnlyList<EtsSpec> Candidates => _candidates;

    /// <summary>Automatic ETS over the reduced <see cref="EtsSpec.FastCandidates"/> ("ets-fast"), for bulk forecasting.</summary>
    public static EtsForecaster Fast() => new("ets-fast", EtsSpec.FastCandidates, optimiseInitialStates: false);

    /// <inheritdoc />
    public Forecast Forecast(SeriesInput series, int horizon, IReadOnlyList<int> levels)
    {
        var values = ForecastRequest.Validate(series, horizon, levels);
        var period = series.SeasonalPeriod;
        var notes = new List<string>();
        SeasonalAdjustment? adjustment = null;
        var fitted = values;
        if (period > EtsSelection.MaxSeasonalPeriod)
        {
            adjustment = SeasonalAdjustment.Apply(values, period);
            fitted = adjustment.Adjusted;
            notes.Add(adjustment.Indices is null
                ? $"seasonal period {period} > {EtsSelection.MaxSeasonalPeriod}: non-seasonal ETS (no seasonality adjusted)"
                : $"seasonal period {period} > {EtsSelection.MaxSeasonalPeriod}: non-seasonal ETS on the seasonally adjusted series");
            period = 1;
        }

        var fit = Fit(fitted, period, notes);
        if (fit is null)
        {
            return NaiveForecaster.Fallback(Name, values, horizon, levels, $"no ETS model is admissible for {values.Length} values");
        }

        var forecast = EtsPrediction.Predict($"ets({fit.Spec})", fit, horizon, levels);
        if (adjustment is not null)
        {
            forecast = adjustment.Restore(forecast);
        }

        if (!PredictionIntervals.IsFinite(forecast))
        {
            return NaiveForecaster.Fallback(Name, values, horizon, levels, $"ETS model {fit.Spec} gave non-finite forecasts");
        }

        return notes.Count == 0 ? forecast : forecast with { Note = string.Join("; ", notes) };
    }

    private EtsFit? Fit(double[] values, int period, List<string> notes)
    {
        var positive = Array.TrueForAll(values, v => v > 0);
        if (_candidates.Length == 1 && !EtsSelection.IsAdmissible(_candidates[0], values, period, positive))
        {
            notes.Add($"model {_candidates[0]} is not admissible for this series: chosen automatically instead");
            return EtsSelection.Select(values, period, EtsSpec.FullCandidates, _settings);
        }

        return EtsSelection.Select(values, period, _candidates, _settings);
    }
}
