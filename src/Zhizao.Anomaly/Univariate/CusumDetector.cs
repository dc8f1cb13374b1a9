namespace Zhizao.Anomaly.Univariate;

/// <summary>Options of <see cref="CusumDetector"/>, with documented defaults.</summary>
public sealed record CusumOptions
{
    /// <summary>Fewest finite training values accepted (default 30).</summary>
    public int MinimumTrainingCount { get; init; } = 30;

    /// <summary>Allowance k in σ subtracted at every step: shifts smaller than about 2k are ignored (default 0.5).</summary>
    public double Drift { get; init; } = 0.5;

    /// <summary>Decision interval h in σ: when a sum passes it, both sums reset (default 10: a false alarm about once in 10⁴ normal samples).</summary>
    public double ResetThreshold { get; init; } = 10.0;

    /// <summary>
    /// On a reset, the reference level moves to the mean of the values since the alarming sum last left zero (Page's estimate
    /// of the change point), so a lasting level shift alarms once rather than every h/(δ − k) samples (default true).
    /// </summary>
    public bool RebaseOnReset { get; init; } = true;

    /// <summary>
    /// EWMA weight with which the reference level follows the signal (values clipped at ±3σ), so that a rebase estimated
    /// from a few values converges to the new level (default 0.01; 0 keeps the reference fixed between resets).
    /// </summary>
    public double ReferenceSmoothing { get; init; } = 0.01;

    internal CusumOptions Validated()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MinimumTrainingCount, 3, nameof(MinimumTrainingCount));
        ArgumentOutOfRangeException.ThrowIfNegative(Drift, nameof(Drift));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ResetThreshold, nameof(ResetThreshold));
        if (!(ReferenceSmoothing is >= 0 and < 1))
            throw new ArgumentOutOfRangeException(nameof(ReferenceSmoothing), ReferenceSmoothing, "must be in [0, 1)");
        return this;
    }
}

/// <summary>
/// Two-sided standardised CUSUM (Page 1954): S⁺ = max(0, S⁺ + z − k), S⁻ = max(0, S⁻ − z − k) with z the value's distance
/// from the reference level in training σ (median and robust σ of the training period; the reference then follows the signal
/// slowly and is re-estimated on every reset). Score = max(S⁺, S⁻) in σ units;
/// passing the decision interval resets both sums. A constant training period throws (no σ).
/// </summary>
public sealed class CusumDetector(CusumOptions? options = null) : IUnivariateDetector
{
    private readonly CusumOptions _options = (options ?? new CusumOptions()).Validated();
    private double _reference = double.NaN;
    private double _sigma;
    private double _upper;
    private double _lower;
    private double _upperSum;
    private int _upperCount;
    private double _lowerSum;
    private int _lowerCount;

    /// <inheritdoc />
    public string Name => "cusum";

    /// <summary>The current reference level.</summary>
    public double Reference => _reference;

    /// <inheritdoc />
    public void Fit(ReadOnlySpan<long> timestampsMicros, ReadOnlySpan<double> values)
    {
        var data = TrainingData.Read(Name, timestampsMicros, values, _options.MinimumTrainingCount).RequireSpread(Name);
        _reference = data.Median;
        _sigma = data.Scale;
        Reset();
    }

    /// <inheritdoc />
    public double Update(long timestampMicros, double value)
    {
        if (double.IsNaN(_reference))
            throw new InvalidOperationException($"{Name}: Fit must be called before Update");
        if (!double.IsFinite(value))
            return 0;
        var z = (value - _reference) / _sigma;
        (_upper, _upperSum, _upperCount) = Accumulate(_upper + z - _options.Drift, _upperSum, _upperCount, value);
        (_lower, _lowerSum, _lowerCount) = Accumulate(_lower - z - _options.Drift, _lowerSum, _lowerCount, value);
        var score = Math.Max(_upper, _lower);
        _reference += _options.ReferenceSmoothing * _sigma * Math.Clamp(z, -3, 3);
        if (score > _options.ResetThreshold)
        {
            if (_options.RebaseOnReset)
                _reference = _upper >= _lower ? _upperSum / _upperCount : _lowerSum / _lowerCount;
            Reset();
        }
        return score;
    }

    private static (double Sum, double ValueSum, int Count) Accumulate(double sum, double valueSum, int count, double value) =>
        sum > 0 ? (sum, valueSum + value, count + 1) : (0, 0, 0);

    private void Reset() => (_upper, _lower, _upperSum, _upperCount, _lowerSum, _lowerCount) = (0, 0, 0, 0, 0, 0);
}
