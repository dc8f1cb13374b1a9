using Zhizao.Anomaly;
using Zhizao.Anomaly.Univariate;

namespace Zhizao.Agents.Maintenance.Benchmarks.Nab;

/// <summary>
/// Zhizao's detector run the NAB way on one series, without labels. The detectors are fitted on the probationary period
/// (NAB's first min(⌊0.15 n⌋, 750) rows) and then updated row by row. The row's score is the largest of the
/// <see cref="ContextNoveltyDetector"/>'s novelty, the weighted <see cref="FuzzyArtDetector"/> novelty and the weighted
/// largest log-scaled <see cref="AnomalyLikelihood"/> of the other detectors; a row reports it only at the onset of a detection (nothing reached the detection level during the
/// suppression rows before), since NAB rewards the first detection in a window and penalises the rest.
/// </summary>
public sealed class NabZhizaoDetector
{
    private readonly NabZhizaoOptions _options;
    private readonly int _probationaryLength;
    private readonly (double Minimum, double Maximum)? _inputRange;
    private readonly long[] _trainingTimes;
    private readonly double[] _trainingValues;
    private readonly List<(IUnivariateDetector Detector, AnomalyLikelihood Likelihood)> _likelihoods = [];
    private readonly int _suppression;
    private ContextNoveltyDetector? _novelty;
    private readonly List<FuzzyArtDetector> _arts = [];
    private int _row;
    private int _lastDetection = int.MinValue / 2;

    /// <summary>Creates the detector for a series whose probationary period is <paramref name="probationaryLength"/> rows.</summary>
    /// <param name="options">How scores are formed.</param>
    /// <param name="probationaryLength">Rows fitted on before scoring starts.</param>
    /// <param name="inputRange">
    /// The series' value range as NAB's harness gives it (inputMin/inputMax), used to quantise the context novelty and
    /// scale fuzzy ART's inputs when <see cref="NabZhizaoOptions.UseSeriesRange"/> is set; null uses the probationary
    /// period's range.
    /// </param>
    public NabZhizaoDetector(NabZhizaoOptions options, int probationaryLength, (double Minimum, double Maximum)? inputRange = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(probationaryLength, 1);
        _options = options;
        _probationaryLength = probationaryLength;
        _inputRange = options.UseSeriesRange ? inputRange : null;
        _trainingTimes = new long[probationaryLength];
        _trainingValues = new double[probationaryLength];
        _suppression = (int)Math.Round(options.SuppressionFraction * probationaryLength);
    }

    /// <summary>Names of the detectors that could be fitted on the probationary period (the others said why they could not).</summary>
    public IReadOnlyList<string> ActiveDetectors =>
        [.. _novelty is null ? [] : new[] { _novelty.Name }, .. _arts.Select(a => a.Name), .. _likelihoods.Select(a => a.Detector.Name)];

    /// <summary>Scores the next row: 0 during the probationary period, then a score in [0, 1] (0 unless a detection starts).</summary>
    public double Update(long timestampMicros, double value)
    {
        var row = _row++;
        if (row < _probationaryLength)
        {
            _trainingTimes[row] = timestampMicros;
            _trainingValues[row] = value;
            if (row == _probationaryLength - 1)
                FitAll();
            return 0;
        }
        var score = Combine(timestampMicros, value);
        if (score < _options.DetectionLevel)
            return 0;
        var onset = row - _lastDetection > _suppression;
        _lastDetection = row;
        return onset ? score : 0;
    }

    private void FitAll()
    {
        if (_options.ContextNovelty is { } noveltyOptions)
        {
            var novelty = new ContextNoveltyDetector(_inputRange is { } range
                ? noveltyOptions with { RangeMinimum = range.Minimum, RangeMaximum = range.Maximum }
                : noveltyOptions);
            if (TryFit(novelty))
                _novelty = novelty;
        }
        foreach (var artOptions in _options.FuzzyArt)
        {
            var art = new FuzzyArtDetector(_inputRange is { } range
                ? artOptions with { RangeMinimum = range.Minimum, RangeMaximum = range.Maximum }
                : artOptions);
            if (TryFit(art))
                _arts.Add(art);
        }
        foreach (var create in _options.Detectors)
        {
            var detector = create();
            if (TryFit(detector))
                _likelihoods.Add((detector, new AnomalyLikelihood(_options.ShortWindow, _options.LongWindow, _options.MinimumDeviation)));
        }
        // Replay the probationary rows so each likelihood knows its detector's usual scores before scoring counts.
        for (var i = 0; i < _probationaryLength; i++)
        {
            if (Combine(_trainingTimes[i], _trainingValues[i]) >= _options.DetectionLevel)
                _lastDetection = i;
        }
    }

    private bool TryFit(IUnivariateDetector detector)
    {
        try
        {
            detector.Fit(_trainingTimes, _trainingValues);
            return true;
        }
        catch (InsufficientTrainingDataException)
        {
            // A detector that cannot learn this series (e.g. a constant one) sits out; the others still watch it.
            return false;
        }
    }

    private double Combine(long timestampMicros, double value)
    {
        var likelihood = 0.0;
        foreach (var (detector, tail) in _likelihoods)
            likelihood = Math.Max(likelihood, AnomalyLikelihood.LogScaleOfTail(tail.UpdateTail(detector.Update(timestampMicros, value)), _options.Decades));
        var novelty = _novelty?.Update(timestampMicros, value) ?? 0;
        var art = 0.0;
        foreach (var detector in _arts)
            art = Math.Max(art, detector.Update(timestampMicros, value));

        return Math.Max(Math.Max(novelty, Math.Min(1, _options.FuzzyArtWeight * art)), _options.LikelihoodWeight * likelihood);
    }
}
