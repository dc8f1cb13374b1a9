namespace Zhizao.Anomaly.Univariate;

/// <summary>Options of <see cref="VarianceDetector"/>, with documented defaults.</summary>
public sealed record VarianceOptions
{
    /// <summary>Fewest finite training values accepted (default 30).</summary>
    public int MinimumTrainingCount { get; init; } = 30;

    /// <summary>Length of the rolling window, in samples (default 20).</summary>
    public int Window { get; init; } = 20;

    internal VarianceOptions Validated()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Window, 2, nameof(Window));
        ArgumentOutOfRangeException.ThrowIfLessThan(MinimumTrainingCount, Math.Max(3, Window), nameof(MinimumTrainingCount));
        return this;
    }
}

/// <summary>
/// Noise-burst detector: the root mean square of first differences over a rolling window against the training period's
/// robust σ of first differences (differencing removes level and slow seasonality, so only noise is compared).
/// Score = max(0, rolling RMS / training σ − 1). A training period whose differences are all zero throws.
/// </summary>
public sealed class VarianceDetector(VarianceOptions? options = null) : IUnivariateDetector
{
    private readonly VarianceOptions _options = (options ?? new VarianceOptions()).Validated();
    private double[] _squares = [];
    private int _next;
    private int _filled;
    private double _sum;
    private double _previous = double.NaN;
    private double _reference = double.NaN;

    /// <inheritdoc />
    public string Name => "variance";

    /// <inheritdoc />
    public void Fit(ReadOnlySpan<long> timestampsMicros, ReadOnlySpan<double> values)
    {
        var data = TrainingData.Read(Name, timestampsMicros, values, _options.MinimumTrainingCount);
        var v = data.Values;
        var differences = new double[v.Length - 1];
        var meanSquare = 0.0;
        for (var i = 1; i < v.Length; i++)
        {
            differences[i - 1] = v[i] - v[i - 1];
            meanSquare += differences[i - 1] * differences[i - 1];
        }
        meanSquare /= differences.Length;
        var sigma = TrainingData.MadToSigma * TrainingData.MedianAbsoluteDeviation(differences, TrainingData.MedianOf(differences));
        // Mostly-flat signals have MAD 0 but still move: fall back to the RMS of the differences.
        var reference = sigma > 0 ? sigma : Math.Sqrt(meanSquare);
        if (!(reference > 0))
            throw new InsufficientTrainingDataException($"{Name}: the training values are constant ({data.Median}); there is no noise level to compare with");
        _reference = reference;
        _squares = new double[_options.Window];
        _next = _filled = 0;
        _sum = 0;
        _previous = v[^1];
    }

    /// <inheritdoc />
    public double Update(long timestampMicros, double value)
    {
        if (double.IsNaN(_reference))
            throw new InvalidOperationException($"{Name}: Fit must be called before Update");
        if (!double.IsFinite(value))
            return 0;
        var difference = double.IsNaN(_previous) ? 0 : value - _previous;
        _previous = value;
        var square = difference * difference;
        _sum += square - _squares[_next];
        _squares[_next] = square;
        _next = (_next + 1) % _squares.Length;
        _filled = Math.Min(_filled + 1, _squares.Length);
        if (_next == 0)
        {
            // Re-add once per lap so subtraction round-off cannot accumulate (amortised O(1)).
            _sum = 0;
            foreach (var s in _squares)
                _sum += s;
        }
        var rms = Math.Sqrt(Math.Max(0, _sum) / _filled);
        return Math.Max(0, (rms / _reference) - 1);
    }
}
