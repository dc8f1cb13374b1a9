namespace Zhizao.Anomaly.Univariate;

/// <summary>
/// Numenta's anomaly likelihood (Ahmad et al. 2017) as a streaming, bounded post-processor of any raw score: the short
/// moving average of raw scores is compared with the normal distribution of that average over a long window, and the
/// result is 1 − its upper tail probability. Scores on different scales become comparable probabilities, and a detector
/// whose raw score is always high (a noisy signal) stops alarming. O(1) amortised per update.
/// </summary>
public sealed class AnomalyLikelihood
{
    private readonly double[] _short;
    private readonly double[] _long;
    private readonly double _minimumDeviation;
    private int _shortNext;
    private int _shortCount;
    private double _shortSum;
    private int _longNext;
    private int _longCount;
    private double _shift = double.NaN;
    private double _sum;
    private double _sumSquares;

    /// <summary>Creates a likelihood over a short and a long window of raw scores.</summary>
    /// <param name="shortWindow">Raw scores averaged before comparison (NAB: 10).</param>
    /// <param name="longWindow">Averages the distribution is estimated from (NAB: 8,640).</param>
    /// <param name="minimumDeviation">Floor on the long window's standard deviation, in raw-score units.</param>
    public AnomalyLikelihood(int shortWindow, int longWindow, double minimumDeviation)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(shortWindow, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(longWindow, 2);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(minimumDeviation);
        _short = new double[shortWindow];
        _long = new double[longWindow];
        _minimumDeviation = minimumDeviation;
    }

    /// <summary>Likelihoods this close to 1 are indistinguishable; <see cref="LogScale"/> spreads them out.</summary>
    public const double Epsilon = 1e-10;

    /// <summary>Adds a raw score and returns the likelihood in [0, 1] (0.5 until the long window holds two averages).</summary>
    public double Update(double rawScore) => 1 - UpdateTail(rawScore);

    /// <summary>
    /// Adds a raw score and returns the upper tail probability of the short average, 1 − likelihood (0.5 until the long
    /// window holds two averages). Kept apart from <see cref="Update"/> because 1 − tail rounds to 1 beyond about 8 σ.
    /// </summary>
    public double UpdateTail(double rawScore)
    {
        if (!double.IsFinite(rawScore))
            rawScore = 0;
        _shortSum += rawScore - _short[_shortNext];
        _short[_shortNext] = rawScore;
        _shortNext = (_shortNext + 1) % _short.Length;
        _shortCount = Math.Min(_shortCount + 1, _short.Length);
        if (_shortNext == 0)
            _shortSum = Sum(_short);
        var average = _shortSum / _shortCount;

        var tail = 0.5;
        if (_longCount >= 2)
        {
            var mean = _shift + (_sum / _longCount);
            var variance = Math.Max(0, (_sumSquares / _longCount) - ((_sum / _longCount) * (_sum / _longCount)));
            var deviation = Math.Max(Math.Sqrt(variance), _minimumDeviation);
            tail = UpperTail((average - mean) / deviation);
        }
        Add(average);
        return tail;
    }

    /// <summary>NAB's log scale of a likelihood: log(1 + ε − L) / log(ε), from 0 (L = 0) to 1 (L = 1).</summary>
    public static double LogScale(double likelihood) => Math.Log(1.0 + Epsilon - likelihood) / Math.Log(Epsilon);

    /// <summary>
    /// The same scale from the tail probability, without the rounding of 1 − tail: −log₁₀(tail) / <paramref name="decades"/>,
    /// capped at 1 (tail ≤ 10^−decades). With 10 decades it equals <see cref="LogScale"/> wherever that one is exact.
    /// </summary>
    public static double LogScaleOfTail(double tail, double decades) => Math.Min(1.0, -Math.Log10(Math.Max(tail, double.Epsilon)) / decades);

    /// <summary>P(Z &gt; z) for a standard normal Z.</summary>
    public static double UpperTail(double z) => 0.5 * MathNet.Numerics.SpecialFunctions.Erfc(z / Math.Sqrt(2));

    private void Add(double average)
    {
        if (double.IsNaN(_shift))
            _shift = average;
        if (_longCount == _long.Length)
        {
            var old = _long[_longNext] - _shift;
            _sum -= old;
            _sumSquares -= old * old;
        }
        _long[_longNext] = average;
        var x = average - _shift;
        _sum += x;
        _sumSquares += x * x;
        _longNext = (_longNext + 1) % _long.Length;
        _longCount = Math.Min(_longCount + 1, _long.Length);
        if (_longNext == 0)
            Recentre();
    }

    /// <summary>Once per lap, re-centre on the current mean and re-add, so round-off cannot accumulate.</summary>
    private void Recentre()
    {
        _shift += _sum / _longCount;
        _sum = _sumSquares = 0;
        for (var i = 0; i < _longCount; i++)
        {
            var x = _long[i] - _shift;
            _sum += x;
            _sumSquares += x * x;
        }
    }

    private static double Sum(double[] values)
    {
        var sum = 0.0;
        foreach (var v in values)
            sum += v;
        return sum;
    }
}
