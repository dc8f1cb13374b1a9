using Zhizao.Anomaly;
using Zhizao.Anomaly.Univariate;

namespace Zhizao.Agents.Maintenance.Benchmarks.Nab;

/// <summary>How <see cref="NabZhizaoDetector"/> combines univariate detectors into one NAB anomaly score.</summary>
public sealed record NabZhizaoOptions
{
    /// <summary>The detectors run on every series, each created fresh per series (default: robust z, CUSUM, BOCPD, stuck, variance).</summary>
    public IReadOnlyList<Func<IUnivariateDetector>> Detectors { get; init; } =
    [
        () => new RobustZDetector(),
        () => new CusumDetector(),
        () => new BocpdDetector(),
        () => new StuckDetector(),
        () => new VarianceDetector(),
    ];

    /// <summary>Raw scores averaged by the anomaly likelihood (default 10, as NAB's HTM detector).</summary>
    public int ShortWindow { get; init; } = 10;

    /// <summary>Averages the likelihood's distribution is estimated from (default 2,000).</summary>
    public int LongWindow { get; init; } = 2000;

    /// <summary>Floor on each likelihood's raw-score deviation (default 0.05).</summary>
    public double MinimumDeviation { get; init; } = 0.05;

    /// <summary>Decades of tail probability mapped onto [0, 1] (default 50: a tail of 10⁻⁵⁰ scores 1).</summary>
    public double Decades { get; init; } = 50;

    /// <summary>Combined log-likelihood from which a row counts as a detection for suppression (default 0.15).</summary>
    public double DetectionLevel { get; init; } = 0.15;

    /// <summary>
    /// When true, a row keeps its score only if it beats every combined score of the previous suppression-length rows
    /// (threshold-free suppression: an alarm that only persists scores once); when false, rows are suppressed after a
    /// score reaches <see cref="DetectionLevel"/> (default false).
    /// </summary>
    public bool RisingOnly { get; init; }

    /// <summary>Rows after a detection whose scores are suppressed, as a fraction of the probationary length (default 0.25).</summary>
    public double SuppressionFraction { get; init; } = 0.25;
}

/// <summary>
/// Zhizao's univariate detector run the NAB way on one series: no labels; the detectors are fitted on the probationary
/// period (NAB's first min(⌊0.15 n⌋, 750) rows) and then updated row by row. Each detector's raw score goes through its
/// own <see cref="AnomalyLikelihood"/>; the score is the largest log-scaled likelihood, and after a detection later scores
/// are suppressed for a while (NAB rewards only the first detection in a window and penalises the rest).
/// </summary>
public sealed class NabZhizaoDetector
{
    private readonly NabZhizaoOptions _options;
    private readonly int _probationaryLength;
    private readonly long[] _trainingTimes;
    private readonly double[] _trainingValues;
    private readonly List<(IUnivariateDetector Detector, AnomalyLikelihood Likelihood)> _active = [];
    private readonly int _suppression;
    private readonly SlidingMaximum _recent;
    private int _row;
    private int _suppressedUntil = -1;

    /// <summary>Creates the detector for a series whose probationary period is <paramref name="probationaryLength"/> rows.</summary>
    public NabZhizaoDetector(NabZhizaoOptions options, int probationaryLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(probationaryLength, 1);
        _options = options;
        _probationaryLength = probationaryLength;
        _trainingTimes = new long[probationaryLength];
        _trainingValues = new double[probationaryLength];
        _suppression = (int)Math.Round(options.SuppressionFraction * probationaryLength);
        _recent = new SlidingMaximum(Math.Max(1, _suppression));
    }

    /// <summary>Names of the detectors that could be fitted on the probationary period (the others said why they could not).</summary>
    public IReadOnlyList<string> ActiveDetectors => [.. _active.Select(a => a.Detector.Name)];

    /// <summary>Scores the next row: 0 during the probationary period, then a score in [0, 1].</summary>
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
        if (_options.RisingOnly)
        {
            var previousMax = _recent.Max;
            _recent.Add(score);
            return score > previousMax ? score : 0;
        }
        if (row <= _suppressedUntil)
            return 0;
        if (score >= _options.DetectionLevel)
            _suppressedUntil = row + _suppression;
        return score;
    }

    private void FitAll()
    {
        foreach (var create in _options.Detectors)
        {
            var detector = create();
            try
            {
                detector.Fit(_trainingTimes, _trainingValues);
            }
            catch (InsufficientTrainingDataException)
            {
                // A detector that cannot learn this series (e.g. a constant one) sits out; the others still watch it.
                continue;
            }
            _active.Add((detector, new AnomalyLikelihood(_options.ShortWindow, _options.LongWindow, _options.MinimumDeviation)));
        }
        // Replay the probationary rows so each likelihood knows the detector's usual scores before scoring counts.
        for (var i = 0; i < _probationaryLength; i++)
            Combine(_trainingTimes[i], _trainingValues[i]);
    }

    private double Combine(long timestampMicros, double value)
    {
        var score = 0.0;
        foreach (var (detector, likelihood) in _active)
            score = Math.Max(score, AnomalyLikelihood.LogScaleOfTail(likelihood.UpdateTail(detector.Update(timestampMicros, value)), _options.Decades));
        return score;
    }
}
