namespace Zhizao.Anomaly.Univariate;

/// <summary>Options of <see cref="RobustZDetector"/>, with documented defaults.</summary>
public sealed record RobustZOptions
{
    /// <summary>Fewest finite training values accepted (default 30).</summary>
    public int MinimumTrainingCount { get; init; } = 30;

    /// <summary>EWMA weight of each residual on the level (default 0.05, a memory of about 20 samples).</summary>
    public double LevelSmoothing { get; init; } = 0.05;

    /// <summary>EWMA weight of each residual on its seasonal phase (default 0.1: each phase is seen once per period).</summary>
    public double SeasonalSmoothing { get; init; } = 0.1;

    /// <summary>EWMA weight of each squared residual on the scale (default 0.01).</summary>
    public double ScaleSmoothing { get; init; } = 0.01;

    /// <summary>Residuals are clipped at this many σ before they update level, season and scale (default 3), so anomalies do not teach the model.</summary>
    public double ClipSigma { get; init; } = 3.0;

    /// <summary>The tracked scale never falls below this fraction of the training scale (default 0.25).</summary>
    public double MinimumScaleFraction { get; init; } = 0.25;

    /// <summary>Seasonal period in samples: null detects it on the training period, 0 turns seasonality off.</summary>
    public int? SeasonalPeriod { get; init; }

    /// <summary>Longest period searched for and the bound on the seasonal buffer (default 1,440 samples).</summary>
    public int MaxSeasonalPeriod { get; init; } = 1440;

    internal RobustZOptions Validated()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MinimumTrainingCount, 3, nameof(MinimumTrainingCount));
        Fraction(LevelSmoothing, nameof(LevelSmoothing));
        Fraction(SeasonalSmoothing, nameof(SeasonalSmoothing));
        Fraction(ScaleSmoothing, nameof(ScaleSmoothing));
        Fraction(MinimumScaleFraction, nameof(MinimumScaleFraction));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ClipSigma, nameof(ClipSigma));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxSeasonalPeriod, 2, nameof(MaxSeasonalPeriod));
        if (SeasonalPeriod is { } p)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(p, nameof(SeasonalPeriod));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(p, MaxSeasonalPeriod, nameof(SeasonalPeriod));
        }
        return this;
    }

    internal static void Fraction(double value, string name)
    {
        if (!(value > 0 && value <= 1))
            throw new ArgumentOutOfRangeException(name, value, "must be in (0, 1]");
    }
}

/// <summary>
/// Robust z-score of the residual from an EWMA-tracked level plus an optional seasonal profile. Level, seasonal profile and
/// scale start from the training period's median, per-phase medians and MAD, then follow the signal with Huber-clipped
/// residuals. Score = |residual| / scale. A constant training period throws (there is no scale to measure by); a mostly
/// constant one (MAD = 0 but some variation) is scaled by its mean absolute deviation.
/// </summary>
public sealed class RobustZDetector(RobustZOptions? options = null) : IUnivariateDetector
{
    private readonly RobustZOptions _options = (options ?? new RobustZOptions()).Validated();
    private double[] _season = [];
    private long _origin;
    private long _interval = 1;
    private double _level = double.NaN;
    private double _variance;
    private double _minimumVariance;

    /// <inheritdoc />
    public string Name => "robust-z";

    /// <summary>The seasonal period in samples found or given at fit time (0: none).</summary>
    public int Period => _season.Length;

    /// <summary>The sampling interval found at fit time, in microseconds.</summary>
    public long IntervalMicros => _interval;

    /// <inheritdoc />
    public void Fit(ReadOnlySpan<long> timestampsMicros, ReadOnlySpan<double> values)
    {
        var data = TrainingData.Read(Name, timestampsMicros, values, _options.MinimumTrainingCount).RequireSpread(Name);
        _interval = data.SamplingInterval();
        _origin = data.Timestamps[0];
        var period = _options.SeasonalPeriod ?? SeasonalPeriod.Detect(data.Timestamps, data.Values, _interval, _options.MaxSeasonalPeriod);
        _season = new double[period];
        var residuals = new double[data.Values.Length];
        if (period > 0)
        {
            var phases = new List<double>[period];
            for (var p = 0; p < period; p++)
                phases[p] = [];
            for (var i = 0; i < data.Values.Length; i++)
                phases[Phase(data.Timestamps[i])].Add(data.Values[i] - data.Median);
            for (var p = 0; p < period; p++)
                _season[p] = phases[p].Count > 0 ? TrainingData.MedianOf([.. phases[p]]) : 0;
        }
        for (var i = 0; i < residuals.Length; i++)
            residuals[i] = data.Values[i] - data.Median - (period > 0 ? _season[Phase(data.Timestamps[i])] : 0);
        var mad = TrainingData.MedianAbsoluteDeviation(residuals, TrainingData.MedianOf(residuals));
        // Seasonal medians can fit a short training period exactly; never scale by less than a quarter of the raw spread.
        var scale = Math.Max(TrainingData.MadToSigma * mad, 0.25 * data.Scale);
        _level = data.Median;
        _variance = scale * scale;
        _minimumVariance = _variance * _options.MinimumScaleFraction * _options.MinimumScaleFraction;
    }

    /// <inheritdoc />
    public double Update(long timestampMicros, double value)
    {
        if (double.IsNaN(_level))
            throw new InvalidOperationException($"{Name}: Fit must be called before Update");
        if (!double.IsFinite(value))
            return 0;
        var phase = _season.Length > 0 ? Phase(timestampMicros) : -1;
        var residual = value - _level - (phase >= 0 ? _season[phase] : 0);
        var scale = Math.Sqrt(_variance);
        var score = Math.Abs(residual) / scale;
        var clip = _options.ClipSigma * scale;
        var clipped = Math.Clamp(residual, -clip, clip);
        _level += _options.LevelSmoothing * clipped;
        if (phase >= 0)
            _season[phase] += _options.SeasonalSmoothing * clipped;
        _variance = Math.Max(_minimumVariance, _variance + (_options.ScaleSmoothing * ((clipped * clipped) - _variance)));
        return score;
    }

    private int Phase(long timestampMicros)
    {
        var slot = SeasonalPeriod.Slot(timestampMicros, _origin, _interval) % _season.Length;
        return (int)(slot < 0 ? slot + _season.Length : slot);
    }
}
