namespace Zhizao.Anomaly.Univariate;

/// <summary>Options of <see cref="AdaptiveResonanceDetector"/>, with documented defaults (those of ARTime on NAB).</summary>
public sealed record AdaptiveResonanceOptions
{
    /// <summary>Fewest finite training values accepted (default 16).</summary>
    public int MinimumTrainingCount { get; init; } = 16;

    /// <summary>Downsampled levels per feature window; a power of two, for the Haar transform (default 8).</summary>
    public int Window { get; init; } = 8;

    /// <summary>Feature windows the training period should hold; sets the downsampling step (default 13).</summary>
    public int WindowsPerTraining { get; init; } = 13;

    /// <summary>Levels the normalised value is rounded to (default 80).</summary>
    public int Levels { get; init; } = 80;

    /// <summary>A level this close (in normalised units) to the running median level is snapped onto it (default 0.075).</summary>
    public double MedianSnap { get; init; } = 0.075;

    /// <summary>Vigilance used to measure how similar the training windows are to each other (default 0.8).</summary>
    public double InitialVigilance { get; init; } = 0.8;

    /// <summary>Known lower end of the signal's range; null takes the training minimum. Given together with <see cref="RangeMaximum"/>.</summary>
    public double? RangeMinimum { get; init; }

    /// <summary>Known upper end of the signal's range; null takes the training maximum.</summary>
    public double? RangeMaximum { get; init; }

    internal AdaptiveResonanceOptions Validated()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MinimumTrainingCount, 2, nameof(MinimumTrainingCount));
        if (Window < 2 || Window > 64 || (Window & (Window - 1)) != 0)
            throw new ArgumentOutOfRangeException(nameof(Window), Window, "the window must be a power of two from 2 to 64");
        ArgumentOutOfRangeException.ThrowIfLessThan(WindowsPerTraining, 1, nameof(WindowsPerTraining));
        ArgumentOutOfRangeException.ThrowIfLessThan(Levels, 2, nameof(Levels));
        ArgumentOutOfRangeException.ThrowIfNegative(MedianSnap, nameof(MedianSnap));
        if (!(InitialVigilance is > 0 and < 1))
            throw new ArgumentOutOfRangeException(nameof(InitialVigilance), InitialVigilance, "the vigilance must lie in (0, 1)");
        if (RangeMinimum.HasValue != RangeMaximum.HasValue)
            throw new ArgumentException("RangeMinimum and RangeMaximum are given together or not at all");
        if (RangeMinimum is { } lo && RangeMaximum is { } hi && !(double.IsFinite(lo) && double.IsFinite(hi) && lo <= hi))
            throw new ArgumentException($"the range [{lo}, {hi}] must be finite and ordered");
        return this;
    }
}

/// <summary>
/// Adaptive-resonance novelty in the manner of ARTime (Hampton, 2021, NAB's best published detector). The signal is
/// downsampled so that the training period holds a fixed number of feature windows (each step keeps its extreme unless it is
/// within 10 % of the step mean), normalised on the range, rounded to levels and snapped to the running median level when
/// close to it. Each window of levels, with its min-max scaled Haar transform, is one feature vector for a
/// <see cref="FuzzyArtMemory"/>. The training period sets the vigilance from how alike its windows are; afterwards the
/// vigilance follows the typical match, and a vector that founds a new cluster scores by how far below the vigilance it
/// fell and how unfamiliar its level is. A detection masks the next few windows unless they match even worse, so a
/// persisting anomaly reports once. Scores are 0 except at detections, in (0, 1].
/// </summary>
public sealed partial class AdaptiveResonanceDetector(AdaptiveResonanceOptions? options = null) : IUnivariateDetector
{
    private readonly AdaptiveResonanceOptions _options = (options ?? new AdaptiveResonanceOptions()).Validated();
    private Pipeline? _pipeline;

    /// <inheritdoc />
    public string Name => "adaptive-resonance";

    /// <summary>Categories the resonance memory holds (0 before <see cref="Fit"/>).</summary>
    public int Categories => _pipeline?.Categories ?? 0;

    /// <summary>
    /// Runs the training values through the detector: they set the downsampling step, the vigilance and the first
    /// categories. The range is <see cref="AdaptiveResonanceOptions.RangeMinimum"/>..<see cref="AdaptiveResonanceOptions.RangeMaximum"/>
    /// when given, else the training range.
    /// </summary>
    public void Fit(ReadOnlySpan<long> timestampsMicros, ReadOnlySpan<double> values)
    {
        var data = TrainingData.Read(Name, timestampsMicros, values, _options.MinimumTrainingCount);
        var (lo, hi) = _options.RangeMinimum is { } knownLo && _options.RangeMaximum is { } knownHi
            ? (knownLo, knownHi)
            : (data.Values.Min(), data.Values.Max());
        if (_options.RangeMinimum is null && hi - lo <= 0)
            throw new InsufficientTrainingDataException($"{Name}: the training values are constant ({lo}); give the range explicitly to normalise them");
        _pipeline = new Pipeline(_options, lo, hi, values.Length);
        foreach (var value in values)
        {
            if (double.IsFinite(value))
                _pipeline.Push(value);
        }
    }

    /// <inheritdoc />
    public double Update(long timestampMicros, double value)
    {
        if (_pipeline is null)
            throw new InvalidOperationException($"{Name}: Fit must be called before Update");
        return double.IsFinite(value) ? _pipeline.Push(value) : 0;
    }
}
