namespace Zhizao.Anomaly.Univariate;

/// <summary>Options of <see cref="StuckDetector"/>, with documented defaults.</summary>
public sealed record StuckOptions
{
    /// <summary>Fewest finite training values accepted (default 30).</summary>
    public int MinimumTrainingCount { get; init; } = 30;

    /// <summary>Values within this fraction of the training resolution of a run's first value count as unchanged (default 0.5).</summary>
    public double ToleranceFraction { get; init; } = 0.5;

    /// <summary>The longest supported run is never taken shorter than this many samples (default 3).</summary>
    public int MinimumSupportedRun { get; init; } = 3;

    internal StuckOptions Validated()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MinimumTrainingCount, 3, nameof(MinimumTrainingCount));
        RobustZOptions.Fraction(ToleranceFraction, nameof(ToleranceFraction));
        ArgumentOutOfRangeException.ThrowIfLessThan(MinimumSupportedRun, 1, nameof(MinimumSupportedRun));
        return this;
    }
}

/// <summary>
/// Frozen-sensor detector. The training period gives the resolution (smallest non-zero step between consecutive values)
/// and the longest run of unchanged values; a run is unchanged while every value stays within
/// <see cref="StuckOptions.ToleranceFraction"/> × resolution of its first value. Score = run length / longest training run
/// once the current run is longer than any seen in training (so &gt; 1 and growing with the duration), else 0.
/// A constant training period throws: it shows neither a resolution nor what a moving signal looks like.
/// </summary>
public sealed class StuckDetector(StuckOptions? options = null) : IUnivariateDetector
{
    private readonly StuckOptions _options = (options ?? new StuckOptions()).Validated();
    private double _tolerance = double.NaN;
    private double _anchor = double.NaN;
    private int _run;

    /// <inheritdoc />
    public string Name => "stuck";

    /// <summary>The longest run of unchanged values the training period supports, in samples.</summary>
    public int SupportedRun { get; private set; }

    /// <summary>The current run of unchanged values, in samples.</summary>
    public int CurrentRun => _run;

    /// <inheritdoc />
    public void Fit(ReadOnlySpan<long> timestampsMicros, ReadOnlySpan<double> values)
    {
        var data = TrainingData.Read(Name, timestampsMicros, values, _options.MinimumTrainingCount);
        var v = data.Values;
        var magnitude = Math.Max(Math.Abs(data.Median), data.Scale);
        var resolution = double.PositiveInfinity;
        for (var i = 1; i < v.Length; i++)
        {
            var step = Math.Abs(v[i] - v[i - 1]);
            // Steps at rounding-noise level are not a resolution.
            if (step > 1e-12 * magnitude && step < resolution)
                resolution = step;
        }
        if (double.IsPositiveInfinity(resolution))
            throw new InsufficientTrainingDataException($"{Name}: the training values are constant ({data.Median}); stuck cannot be told from normal");
        _tolerance = _options.ToleranceFraction * resolution;
        _anchor = double.NaN;
        _run = 0;
        var longest = 0;
        foreach (var value in v)
            longest = Math.Max(longest, Advance(value));
        SupportedRun = Math.Max(longest, _options.MinimumSupportedRun);
    }

    /// <inheritdoc />
    public double Update(long timestampMicros, double value)
    {
        if (double.IsNaN(_tolerance))
            throw new InvalidOperationException($"{Name}: Fit must be called before Update");
        if (!double.IsFinite(value))
            return 0;
        var run = Advance(value);
        return run > SupportedRun ? (double)run / SupportedRun : 0;
    }

    private int Advance(double value)
    {
        if (!double.IsNaN(_anchor) && Math.Abs(value - _anchor) <= _tolerance)
            return ++_run;
        _anchor = value;
        return _run = 1;
    }
}
