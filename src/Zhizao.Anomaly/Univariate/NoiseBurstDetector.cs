namespace Zhizao.Anomaly.Univariate;

/// <summary>Options of <see cref="NoiseBurstDetector"/>, with documented defaults.</summary>
public sealed record NoiseBurstOptions
{
    /// <summary>Rows in the rolling mean of squared steps (default 60: a one-minute burst at 1 s rows fills it).</summary>
    public int Window { get; init; } = 60;

    /// <summary>A squared step counts at most this many normal step variances (default 9, i.e. 3 σ): one jump moves the mean by at most Cap / Window.</summary>
    public double Cap { get; init; } = 9;

    /// <summary>
    /// Standard deviations of the normal period's rolling statistic that a burst must exceed before it scores (default 7).
    /// Below it the detector is silent, so the ordinary ups and downs of noise never add to the machine's combined score.
    /// </summary>
    public double Gate { get; init; } = 7;

    internal NoiseBurstOptions Validated()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Window, 10, nameof(Window));
        if (!(Cap > 1) || double.IsInfinity(Cap))
            throw new ArgumentOutOfRangeException(nameof(Cap), Cap, "must be finite and > 1");
        if (!(Gate >= 0) || double.IsInfinity(Gate))
            throw new ArgumentOutOfRangeException(nameof(Gate), Gate, "must be finite and ≥ 0");
        return this;
    }

    /// <summary>Fewest finite training values: four windows, so that the rolling statistic has a spread to learn.</summary>
    public int MinimumTrainingCount => (4 * Window) + 1;
}

/// <summary>
/// Noise-burst detector that stays quiet on operating-point changes. Each step (first difference) is squared, divided by the
/// normal step variance (robust: the median squared step ÷ 0.455, the median of χ²₁; the mean when most steps are zero, as for
/// sample-and-hold signals) and capped at <see cref="NoiseBurstOptions.Cap"/>; the statistic is the mean over the last
/// <see cref="NoiseBurstOptions.Window"/> rows. More noise lifts every term (a 5× variance lifts the mean about 3.4×); a step
/// change, a ramp or a spike lifts a few terms by at most the cap. The statistic is standardised by its own mean and standard
/// deviation over the normal period's rolling windows, so a signal whose noise naturally varies with the operating point
/// (relative sensor noise, job phases) needs a correspondingly larger rise — the gating comes from the data, not from names.
/// Score = max(0, z − <see cref="NoiseBurstOptions.Gate"/>). The window starts full of the end of the normal period.
/// A training period without steps throws.
/// </summary>
public sealed class NoiseBurstDetector(NoiseBurstOptions? options = null) : IUnivariateDetector
{
    private const double MedianOfChiSquare1 = 0.4549364231195724;
    private readonly NoiseBurstOptions _options = (options ?? new NoiseBurstOptions()).Validated();
    private double[] _terms = [];
    private int _next;
    private double _sum;
    private double _previous = double.NaN;
    private double _stepVariance = double.NaN;
    private double _mean;
    private double _deviation;

    /// <inheritdoc />
    public string Name => "noise-burst";

    /// <summary>Standardised rolling statistic of the last update (0 before any).</summary>
    public double Z { get; private set; }

    /// <inheritdoc />
    public void Fit(ReadOnlySpan<long> timestampsMicros, ReadOnlySpan<double> values)
    {
        var data = TrainingData.Read(Name, timestampsMicros, values, _options.MinimumTrainingCount);
        var v = data.Values;
        var squares = new double[v.Length - 1];
        var mean = 0.0;
        for (var i = 1; i < v.Length; i++)
        {
            squares[i - 1] = (v[i] - v[i - 1]) * (v[i] - v[i - 1]);
            mean += squares[i - 1];
        }
        mean /= squares.Length;
        var median = TrainingData.MedianOf(squares);
        _stepVariance = median > 0 ? median / MedianOfChiSquare1 : mean;
        if (!(_stepVariance > 0))
            throw new InsufficientTrainingDataException($"{Name}: the training values never change ({data.Median}); there is no noise level to compare with");

        var window = _options.Window;
        _terms = new double[window];
        _sum = 0;
        var statistics = new double[squares.Length - window + 1];
        for (var i = 0; i < squares.Length; i++)
        {
            var term = Math.Min(squares[i] / _stepVariance, _options.Cap);
            _sum += term - _terms[i % window];
            _terms[i % window] = term;
            if (i >= window - 1)
                statistics[i - window + 1] = _sum / window;
        }
        _next = squares.Length % window;
        _mean = statistics.Average();
        var variance = statistics.Sum(s => (s - _mean) * (s - _mean)) / (statistics.Length - 1);
        // A column whose capped steps never vary still has a sampling spread: never below that of independent terms.
        _deviation = Math.Max(Math.Sqrt(variance), 1e-3 * Math.Max(_mean, 1e-12));
        _previous = v[^1];
        Z = 0;
    }

    /// <inheritdoc />
    public double Update(long timestampMicros, double value)
    {
        if (double.IsNaN(_stepVariance))
            throw new InvalidOperationException($"{Name}: Fit must be called before Update");
        if (!double.IsFinite(value))
            return 0;
        var step = value - _previous;
        _previous = value;
        var term = Math.Min(step * step / _stepVariance, _options.Cap);
        _sum += term - _terms[_next];
        _terms[_next] = term;
        _next = (_next + 1) % _terms.Length;
        if (_next == 0)
        {
            // Re-add once per lap so subtraction round-off cannot accumulate (amortised O(1)).
            _sum = 0;
            foreach (var t in _terms)
                _sum += t;
        }
        Z = ((_sum / _terms.Length) - _mean) / _deviation;
        return Math.Max(0, Z - _options.Gate);
    }
}
