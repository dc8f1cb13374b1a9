using Zhizao.Forecasting.Evaluation;

namespace Zhizao.Forecasting.Ensemble;

/// <summary>How <see cref="BacktestEnsemble"/> turns each candidate's back-test error on a series into weights.</summary>
public enum CombinationRule
{
    /// <summary>The candidate with the lowest back-test MASE gets everything.</summary>
    SelectBest,

    /// <summary>The <see cref="EnsembleOptions.Top"/> best candidates get equal weights.</summary>
    TopEqual,

    /// <summary>The <see cref="EnsembleOptions.Top"/> best candidates get weights proportional to 1 / MASE.</summary>
    TopInverseError,
}

/// <summary>How <see cref="BacktestEnsemble"/> makes the combination's prediction intervals.</summary>
public enum EnsembleIntervals
{
    /// <summary>The weighted mean of the candidates' bounds (quantile averaging).</summary>
    AverageBounds,

    /// <summary>
    /// Split-conformal: quantiles, per step, of the combination's own back-test errors scaled by each series' seasonal MAE.
    /// The errors of each fold are combined with weights chosen on the other folds (cross-fitting), since weights chosen on
    /// a fold make its errors look smaller than the future's.
    /// </summary>
    Conformal,
}

/// <summary>Settings of <see cref="BacktestEnsemble"/>.</summary>
/// <param name="Backtest">Rolling origins used to score the candidates.</param>
/// <param name="Rule">How scores become weights.</param>
/// <param name="Top">Candidates kept per series by the top-k rules.</param>
/// <param name="Intervals">How the intervals are made.</param>
/// <param name="SeriesFoldBudget">Back-test work allowed per run, in series × folds: a large batch is back-tested on fewer
/// origins (never fewer than one), so the cost grows with the batch instead of multiplying with it.</param>
public sealed record EnsembleOptions(BacktestOptions Backtest, CombinationRule Rule = CombinationRule.TopInverseError, int Top = 2,
    EnsembleIntervals Intervals = EnsembleIntervals.AverageBounds, int SeriesFoldBudget = 20_000)
{
    /// <summary>The folds used for a batch of <paramref name="seriesCount"/> series.</summary>
    public int FoldsFor(int seriesCount) => Math.Clamp(SeriesFoldBudget / Math.Max(1, seriesCount), 1, Backtest.Folds);
}

/// <summary>A candidate of <see cref="BacktestEnsemble"/> and the series it is tried on (all when <paramref name="AppliesTo"/> is null).</summary>
public sealed record EnsembleCandidate(IBatchForecaster Forecaster, Func<SeriesInput, bool>? AppliesTo = null);

/// <summary>One series' combination: the weight of each candidate (summing to 1) and the back-test MASE of each candidate tried on it (NaN when not scored).</summary>
public sealed record EnsembleWeights(string Id, IReadOnlyDictionary<string, double> Weights, IReadOnlyDictionary<string, double> BacktestMase);

/// <summary>The ensemble's forecasts together with how they were made.</summary>
/// <param name="Forecasts">One forecast per series, in input order.</param>
/// <param name="Weights">Per series, the candidates' weights and back-test scores.</param>
/// <param name="Backtests">Each candidate's back-test over all series.</param>
public sealed record EnsembleRun(IReadOnlyList<Forecast> Forecasts, IReadOnlyList<EnsembleWeights> Weights, IReadOnlyList<BacktestResult> Backtests)
{
    /// <summary>
    /// The combination's back-test errors of series <paramref name="index"/>, one array per fold (actual minus the
    /// candidates' fold forecasts weighted as in the final forecast); empty when the series had no fold.
    /// </summary>
    public IReadOnlyList<double[]> CombinedErrors(int index)
    {
        var weights = Weights[index].Weights;
        var parts = Backtests.Where(b => weights.ContainsKey(b.Method)).Select(b => (Weight: weights[b.Method], Errors: b.Series[index].Errors)).ToArray();
        var folds = parts.Length == 0 ? 0 : parts.Min(p => p.Errors.Count);
        var combined = new double[folds][];
        for (var f = 0; f < folds; f++)
        {
            combined[f] = new double[parts[0].Errors[f].Length];
            foreach (var (weight, errors) in parts)
            {
                for (var h = 0; h < combined[f].Length; h++)
                {
                    combined[f][h] += weight * errors[f][h];
                }
            }
        }

        return combined;
    }
}

/// <summary>
/// A combination chosen per series by rolling-origin back-testing ("auto"). Every candidate is back-tested on every series
/// (<see cref="Evaluation.Backtest"/>: the same origins for all), each series gets weights from its candidates' back-test
/// MASE (<see cref="CombinationRule"/>), and the final forecast is the weighted mean of the candidates' forecasts from
/// the end of the history — points and interval bounds alike (averaging quantiles). A series too short for any fold
/// takes equal weights over the candidates, and its note says so.
/// </summary>
public sealed class BacktestEnsemble : IBatchForecaster, IForecaster
{
    private readonly IReadOnlyList<IBatchForecaster> _candidates;
    private readonly IReadOnlyList<Func<SeriesInput, bool>?> _appliesTo;
    private readonly EnsembleOptions _options;

    /// <summary>An ensemble of <paramref name="candidates"/> (distinct names), each tried on every series, with <paramref name="options"/>.</summary>
    public BacktestEnsemble(string name, IReadOnlyList<IBatchForecaster> candidates, EnsembleOptions options)
        : this(name, [.. (candidates ?? throw new ArgumentNullException(nameof(candidates))).Select(c => new EnsembleCandidate(c))], options)
    {
    }

    /// <summary>An ensemble of <paramref name="candidates"/> (distinct names), each tried on the series it applies to, with <paramref name="options"/>.</summary>
    public BacktestEnsemble(string name, IReadOnlyList<EnsembleCandidate> candidates, EnsembleOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(options);
        if (candidates.Count == 0)
        {
            throw new ArgumentException("An ensemble needs at least one candidate.", nameof(candidates));
        }

        if (candidates.Select(c => c.Forecaster.Name).Distinct(StringComparer.Ordinal).Count() != candidates.Count)
        {
            throw new ArgumentException("Candidate names must be distinct.", nameof(candidates));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(options.Top, 1);
        Name = name;
        _candidates = [.. candidates.Select(c => c.Forecaster)];
        _appliesTo = [.. candidates.Select(c => c.AppliesTo)];
        _options = options;
    }

    /// <inheritdoc cref="IBatchForecaster.Name" />
    public string Name { get; }

    /// <summary>Units of progress a run over <paramref name="seriesCount"/> series reports: one per candidate and fold, plus one per candidate for the final forecasts.</summary>
    public int ProgressSteps(int seriesCount) => _candidates.Count * (_options.FoldsFor(seriesCount) + 1);

    /// <summary>The candidates' names.</summary>
    public IEnumerable<string> Candidates => _candidates.Select(c => c.Name);

    /// <summary>Forecasts one series (global candidates then learn from it alone).</summary>
    public Forecast Forecast(SeriesInput series, int horizon, IReadOnlyList<int> levels) => ForecastAll([series], horizon, levels)[0];

    /// <inheritdoc />
    public IReadOnlyList<Forecast> ForecastAll(IReadOnlyList<SeriesInput> series, int horizon, IReadOnlyList<int> levels,
        IProgress<int>? progress = null, CancellationToken cancellationToken = default) =>
        Run(series, horizon, levels, progress, cancellationToken).Forecasts;

    /// <summary>
    /// Back-tests the candidates, weighs them per series and combines their forecasts. <paramref name="progress"/>
    /// receives the number of candidate runs done out of candidates × (folds + 1).
    /// </summary>
    public EnsembleRun Run(IReadOnlyList<SeriesInput> series, int horizon, IReadOnlyList<int> levels,
        IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(levels);
        var runs = 0;
        var backtests = new BacktestResult[_candidates.Count];
        var forecasts = new Forecast?[_candidates.Count][];
        var refusals = new string?[_candidates.Count][];
        var backtest = _options.Backtest with { Folds = _options.FoldsFor(series.Count) };
        for (var c = 0; c < _candidates.Count; c++)
        {
            var members = Enumerable.Range(0, series.Count).Where(i => _appliesTo[c]?.Invoke(series[i]) ?? true).ToArray();
            var subset = members.Length == series.Count ? series : [.. members.Select(i => series[i])];
            var scored = members.Length == 0
                ? new BacktestResult(_candidates[c].Name, horizon, null, [])
                : Evaluation.Backtest.Run(_candidates[c], subset, horizon, backtest, cancellationToken: cancellationToken);
            runs += backtest.Folds;
            progress?.Report(runs);
            var (made, refused) = members.Length == 0 ? ([], []) : BatchForecaster.TryForecastAll(_candidates[c], subset, horizon, levels, cancellationToken);
            progress?.Report(++runs);

            // Back to input order; series the candidate does not apply to have no score and no forecast.
            var all = series.Select(s => new SeriesBacktest(s.Id, 0, double.NaN, double.NaN, null, [], "not a candidate for this series")).ToArray();
            forecasts[c] = new Forecast?[series.Count];
            refusals[c] = new string?[series.Count];
            for (var j = 0; j < members.Length; j++)
            {
                all[members[j]] = scored.Series[j];
                forecasts[c][members[j]] = made[j];
                refusals[c][members[j]] = refused[j];
            }

            backtests[c] = scored with { Series = all };
        }

        var combined = new Forecast[series.Count];
        var weights = new EnsembleWeights[series.Count];
        for (var i = 0; i < series.Count; i++)
        {
            var available = forecasts.Select(f => f[i] is not null).ToArray();
            if (!available.Contains(true))
            {
                throw new ArgumentException(refusals.Select(r => r[i]).FirstOrDefault(r => r is not null) ?? $"Series '{series[i].Id}': no candidate applies.", nameof(series));
            }

            var scores = backtests.Select((b, c) => available[c] && b.Series[i].Folds > 0 ? b.Series[i].Mase : double.NaN).ToArray();
            var w = Weigh(scores, available);
            weights[i] = new EnsembleWeights(series[i].Id,
                _candidates.Select((c, k) => (c.Name, w[k])).Where(x => x.Item2 > 0).ToDictionary(x => x.Name, x => x.Item2),
                _candidates.Select((c, k) => (c.Name, scores[k])).Where((_, k) => _appliesTo[k]?.Invoke(series[i]) ?? true).ToDictionary(x => x.Name, x => x.Item2));
            combined[i] = Combine(forecasts.Select(f => f[i]).ToArray(), w, levels, scores.All(double.IsNaN));
        }

        if (_options.Intervals == EnsembleIntervals.Conformal)
        {
            Recalibrate(series, combined, backtests, horizon, levels);
        }

        return new EnsembleRun(combined, weights, backtests);
    }

    /// <summary>
    /// Weights from back-test MASE values (NaN = not scored); equal weights over the <paramref name="available"/> candidates
    /// (all when null) when nothing was scored.
    /// </summary>
    internal double[] Weigh(double[] scores, bool[]? available = null)
    {
        var n = scores.Length;
        var weights = new double[n];
        var ranked = Enumerable.Range(0, n).Where(k => double.IsFinite(scores[k])).OrderBy(k => scores[k]).ToArray();
        if (ranked.Length == 0)
        {
            var usable = Enumerable.Range(0, n).Where(k => available?[k] ?? true).ToArray();
            foreach (var k in usable)
            {
                weights[k] = 1.0 / usable.Length;
            }

            return weights;
        }

        var kept = _options.Rule == CombinationRule.SelectBest ? ranked[..1] : ranked[..Math.Min(_options.Top, ranked.Length)];
        foreach (var k in kept)
        {
            weights[k] = _options.Rule == CombinationRule.TopInverseError ? 1 / Math.Max(scores[k], 1e-9) : 1;
        }

        var total = weights.Sum();
        for (var k = 0; k < n; k++)
        {
            weights[k] /= total;
        }

        return weights;
    }

    /// <summary>Replaces the averaged bounds by split-conformal ones from the combination's back-test errors (see <see cref="EnsembleIntervals.Conformal"/>).</summary>
    private void Recalibrate(IReadOnlyList<SeriesInput> series, Forecast[] combined, BacktestResult[] backtests, int horizon, IReadOnlyList<int> levels)
    {
        var conformal = new Global.ConformalIntervals(horizon);
        var spreads = new double[series.Count];
        for (var i = 0; i < series.Count; i++)
        {
            spreads[i] = Evaluation.Backtest.SafeScale(series[i].Values, series[i].SeasonalPeriod);
            var errors = backtests.Select(b => b.Series[i].Errors).ToArray();
            var folds = errors.Where(e => e.Count > 0).Select(e => e.Count).DefaultIfEmpty(0).Min();
            for (var f = 0; f < folds; f++)
            {
                // Cross-fitted: the weights for fold f's errors come from the other folds only, so the errors are not
                // those of a combination picked for having been small on them.
                var scores = errors.Select(e => e.Count < folds || folds == 1 ? double.NaN
                    : Enumerable.Range(0, folds).Where(g => g != f).Average(g => e[g].Average(Math.Abs))).ToArray();
                var w = Weigh(scores, [.. errors.Select(e => e.Count >= folds)]);
                for (var h = 0; h < horizon; h++)
                {
                    var error = 0.0;
                    for (var c = 0; c < w.Length; c++)
                    {
                        error += w[c] == 0 ? 0 : w[c] * errors[c][f][h];
                    }

                    conformal.Add(h, error / spreads[i]);
                }
            }
        }

        if (conformal.Count == 0)
        {
            return;
        }

        var quantiles = levels.Distinct().ToDictionary(l => l, conformal.Quantiles);
        for (var i = 0; i < series.Count; i++)
        {
            var point = combined[i].Point;
            var intervals = new Dictionary<int, (double[] Lower, double[] Upper)>();
            var floor = series[i].Values.All(v => v >= 0) ? 0 : double.NegativeInfinity;
            foreach (var (level, (low, high)) in quantiles)
            {
                var lower = new double[horizon];
                var upper = new double[horizon];
                for (var h = 0; h < horizon; h++)
                {
                    lower[h] = Math.Max(floor, Math.Min(point[h], point[h] + (low[h] * spreads[i])));
                    upper[h] = Math.Max(point[h], point[h] + (high[h] * spreads[i]));
                }

                intervals[level] = (lower, upper);
            }

            combined[i] = combined[i] with { Intervals = intervals };
        }
    }

    private Forecast Combine(Forecast?[] parts, double[] weights, IReadOnlyList<int> levels, bool unscored)
    {
        var horizon = parts.First(p => p is not null)!.Point.Length;
        var point = new double[horizon];
        var intervals = levels.Distinct().ToDictionary(l => l, _ => (Lower: new double[horizon], Upper: new double[horizon]));
        for (var k = 0; k < parts.Length; k++)
        {
            if (weights[k] == 0 || parts[k] is not { } part)
            {
                continue;
            }

            for (var h = 0; h < horizon; h++)
            {
                point[h] += weights[k] * part.Point[h];
            }

            foreach (var (level, (lower, upper)) in intervals)
            {
                var bounds = part.Intervals[level];
                for (var h = 0; h < horizon; h++)
                {
                    lower[h] += weights[k] * bounds.Lower[h];
                    upper[h] += weights[k] * bounds.Upper[h];
                }
            }
        }

        var used = Enumerable.Range(0, parts.Length).Where(k => weights[k] > 0).ToArray();
        var method = $"{Name}({string.Join('+', used.Select(k => parts[k]!.Method).Distinct(StringComparer.Ordinal))})";
        var notes = used.Select(k => parts[k]!.Note).Where(n => n is not null).ToList();
        if (unscored)
        {
            notes.Insert(0, "too short for a back-test: equal weights");
        }

        return new Forecast(method, point, intervals.ToDictionary(kv => kv.Key, kv => kv.Value), notes.Count == 0 ? null : string.Join("; ", notes));
    }
}
