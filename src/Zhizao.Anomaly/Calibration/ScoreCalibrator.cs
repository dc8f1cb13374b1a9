namespace Zhizao.Anomaly.Calibration;

/// <summary>
/// Maps a detector's raw score to a tail probability — the chance that a normal row scores at least as high — using the
/// empirical distribution of scores on held-out normal rows, with an exponential tail fitted above a high quantile so that
/// scores beyond the largest calibration score keep growing in surprise instead of saturating.
/// Detectors of different scales become comparable through <see cref="Surprise"/> (−log10 of the tail probability),
/// and <see cref="ThresholdFor"/> gives the raw score whose tail probability equals a target false-alarm rate.
/// </summary>
public sealed class ScoreCalibrator
{
    /// <summary>Fewest held-out scores a calibration accepts.</summary>
    public const int MinimumScores = 20;

    private const double SmallestProbability = 1e-300;

    private readonly double[] _sorted;
    private readonly double _tailStart;
    private readonly double _tailProbability;
    private readonly double _tailScale;

    private ScoreCalibrator(double[] sorted, double tailStart, double tailProbability, double tailScale)
    {
        _sorted = sorted;
        _tailStart = tailStart;
        _tailProbability = tailProbability;
        _tailScale = tailScale;
    }

    /// <summary>Number of held-out scores the calibration was built from.</summary>
    public int Count => _sorted.Length;

    /// <summary>
    /// Builds a calibration from scores of normal rows not used to fit the detector. NaN scores are ignored.
    /// <paramref name="tailFraction"/> is the share of largest scores the exponential tail is fitted to (default 10 %).
    /// </summary>
    /// <exception cref="InsufficientTrainingDataException">Fewer than <see cref="MinimumScores"/> finite scores.</exception>
    public static ScoreCalibrator Fit(IEnumerable<double> heldOutScores, double tailFraction = 0.1)
    {
        ArgumentNullException.ThrowIfNull(heldOutScores);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(tailFraction, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(tailFraction, 0.5);
        var sorted = heldOutScores.Where(double.IsFinite).ToArray();
        if (sorted.Length < MinimumScores)
            throw new InsufficientTrainingDataException($"score calibration: {sorted.Length} held-out scores, at least {MinimumScores} are needed");
        Array.Sort(sorted);
        var n = sorted.Length;
        var tailCount = Math.Max(3, (int)Math.Ceiling(tailFraction * n));
        var tailStart = sorted[n - tailCount];
        var excess = 0.0;
        for (var i = n - tailCount; i < n; i++)
            excess += sorted[i] - tailStart;
        // A tail with no spread (e.g. all scores equal) still needs a positive scale: anything above it is then very surprising.
        var spread = sorted[^1] - sorted[0];
        var scale = Math.Max(excess / tailCount, Math.Max(1e-9 * spread, 1e-12 * Math.Max(1.0, Math.Abs(tailStart))));
        var calibrator = new ScoreCalibrator(sorted, tailStart, 0, scale);
        return new ScoreCalibrator(sorted, tailStart, calibrator.EmpiricalTail(tailStart), scale);
    }

    /// <summary>Probability that a normal row scores at least <paramref name="score"/>, in (0, 1].</summary>
    public double TailProbability(double score)
    {
        if (double.IsNaN(score))
            return 1.0;
        if (score <= _tailStart)
            return EmpiricalTail(score);
        return Math.Max(SmallestProbability, _tailProbability * Math.Exp(-(score - _tailStart) / _tailScale));
    }

    /// <summary>−log10 of <see cref="TailProbability"/>: 0 for typical scores, 2 for a 1-in-100 score, 3 for 1-in-1000.</summary>
    public double Surprise(double score) => -Math.Log10(TailProbability(score));

    /// <summary>The raw score whose tail probability is <paramref name="falseAlarmRate"/>: flagging rows at or above it flags about that share of normal rows.</summary>
    public double ThresholdFor(double falseAlarmRate)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(falseAlarmRate, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(falseAlarmRate, 1);
        if (falseAlarmRate < _tailProbability)
            return _tailStart + (_tailScale * Math.Log(_tailProbability / falseAlarmRate));
        // Smallest calibration score whose empirical tail is within the rate.
        for (var i = 0; i < _sorted.Length; i++)
        {
            if (EmpiricalTail(_sorted[i]) <= falseAlarmRate)
                return _sorted[i];
        }
        return _tailStart;
    }

    /// <summary>(number of calibration scores ≥ score + 1) / (n + 1): never 0, so a new maximum is rare but possible.</summary>
    private double EmpiricalTail(double score)
    {
        int lo = 0, hi = _sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_sorted[mid] < score)
                lo = mid + 1;
            else
                hi = mid;
        }
        return (_sorted.Length - lo + 1.0) / (_sorted.Length + 1.0);
    }
}
