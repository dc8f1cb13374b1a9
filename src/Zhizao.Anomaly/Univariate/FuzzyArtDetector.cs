namespace Zhizao.Anomaly.Univariate;

/// <summary>Options of <see cref="FuzzyArtDetector"/>, with documented defaults.</summary>
public sealed record FuzzyArtOptions
{
    /// <summary>Fewest finite training values accepted (default 10).</summary>
    public int MinimumTrainingCount { get; init; } = 10;

    /// <summary>Consecutive raw values averaged into one sample (default 1: no downsampling).</summary>
    public int Downsample { get; init; } = 1;

    /// <summary>Samples per input pattern: the newest sample and the ones before it (default 8).</summary>
    public int Window { get; init; } = 8;

    /// <summary>
    /// Vigilance ρ in (0, 1): a category accepts a pattern only when its hyperbox, grown to hold the pattern, spans at
    /// most (1 − ρ) of the unit cube's summed side lengths. Higher is finer (default 0.9).
    /// </summary>
    public double Vigilance { get; init; } = 0.9;

    /// <summary>
    /// Memory, in samples, of recent new categories (default 0: none). When positive, a novel pattern's score is divided
    /// by 1 + the recent new categories, each weighted e^(−age / memory): a commit after a settled spell scores in full,
    /// one amid a burst of commits (a drifting or still-learning model) scores less.
    /// </summary>
    public double CommitMemory { get; init; }

    /// <summary>Choice parameter α of the choice function |I ∧ w| / (α + |w|); small favours snug categories (default 0.001).</summary>
    public double Choice { get; init; } = 0.001;

    /// <summary>Learning rate β in (0, 1]; 1 is fast learning, the hyperbox grows just enough to hold the pattern (default 1).</summary>
    public double LearningRate { get; init; } = 1;

    /// <summary>Known lower end of the signal's range; null takes the training minimum (then padded). Given with <see cref="RangeMaximum"/>.</summary>
    public double? RangeMinimum { get; init; }

    /// <summary>Known upper end of the signal's range; null takes the training maximum (then padded).</summary>
    public double? RangeMaximum { get; init; }

    /// <summary>A range taken from training is widened by this fraction of its width on each side (default 0.2).</summary>
    public double RangePadding { get; init; } = 0.2;

    /// <summary>Most categories kept; once full, a pattern that no category accepts stays novel (default 4,000).</summary>
    public int Capacity { get; init; } = 4000;

    internal FuzzyArtOptions Validated()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MinimumTrainingCount, 2, nameof(MinimumTrainingCount));
        ArgumentOutOfRangeException.ThrowIfLessThan(Downsample, 1, nameof(Downsample));
        ArgumentOutOfRangeException.ThrowIfLessThan(Window, 1, nameof(Window));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Window, 256, nameof(Window));
        if (!(Vigilance is > 0 and < 1))
            throw new ArgumentOutOfRangeException(nameof(Vigilance), Vigilance, "vigilance must lie in (0, 1)");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Choice, nameof(Choice));
        if (!(LearningRate is > 0 and <= 1))
            throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "the learning rate must lie in (0, 1]");
        ArgumentOutOfRangeException.ThrowIfNegative(RangePadding, nameof(RangePadding));
        ArgumentOutOfRangeException.ThrowIfLessThan(Capacity, 1, nameof(Capacity));
        ArgumentOutOfRangeException.ThrowIfNegative(CommitMemory, nameof(CommitMemory));
        if (RangeMinimum.HasValue != RangeMaximum.HasValue)
            throw new ArgumentException("RangeMinimum and RangeMaximum are given together or not at all");
        if (RangeMinimum is { } lo && RangeMaximum is { } hi && !(double.IsFinite(lo) && double.IsFinite(hi) && lo <= hi))
            throw new ArgumentException($"the range [{lo}, {hi}] must be finite and ordered");
        return this;
    }
}

/// <summary>
/// Fuzzy ART (Carpenter, Grossberg &amp; Rosen 1991) as a novelty detector. Raw values are scaled to [0, 1] on the
/// signal's range and averaged in groups of <see cref="FuzzyArtOptions.Downsample"/>; the pattern is the last
/// <see cref="FuzzyArtOptions.Window"/> samples. Complement coding I = (a, 1 − a) turns each category's weight w into a
/// hyperbox [u, v] (w = (u, 1 − v)), so |I ∧ w| = M − (size of the box grown to hold a) and |w| = M − (size of the box),
/// with size the sum of side lengths and M the window. The category chosen is the one with the largest choice value
/// |I ∧ w| / (α + |w|) among those passing the vigilance test |I ∧ w| / |I| ≥ ρ (the outcome of ART's search with reset),
/// and it learns w ← β (I ∧ w) + (1 − β) w. When no category passes, a new one is committed at the pattern: the pattern
/// is novel. The score is 0 for a pattern some category accepts and, for a novel one, grows with its distance beyond
/// vigilance: 1 − ½ (1 − ρ) M / (smallest grown size), in [0.5, 1) (1 for the very first pattern), divided by 1 + the
/// recent new categories when <see cref="FuzzyArtOptions.CommitMemory"/> is set. The detector keeps learning after
/// training, so a new regime stops being novel once it has been seen. Scores are given on the row that completes a
/// sample; O(categories × window) per sample.
/// </summary>
public sealed class FuzzyArtDetector(FuzzyArtOptions? options = null) : IUnivariateDetector
{
    private readonly FuzzyArtOptions _options = (options ?? new FuzzyArtOptions()).Validated();
    private readonly List<double[]> _lower = [];
    private readonly List<double[]> _upper = [];
    private double[] _samples = [];
    private int _sampleCount;
    private double _groupSum;
    private int _groupCount;
    private double _scale;
    private double _recentCommits;
    private double _commitDecay;

    /// <inheritdoc />
    public string Name => "fuzzy-art";

    /// <summary>The scaling range in use, padding included (NaN before <see cref="Fit"/>).</summary>
    public (double Minimum, double Maximum) Range { get; private set; } = (double.NaN, double.NaN);

    /// <summary>Categories committed so far.</summary>
    public int Categories => _lower.Count;

    /// <inheritdoc />
    public void Fit(ReadOnlySpan<long> timestampsMicros, ReadOnlySpan<double> values)
    {
        var data = TrainingData.Read(Name, timestampsMicros, values, _options.MinimumTrainingCount);
        double lo, hi;
        if (_options.RangeMinimum is { } knownLo && _options.RangeMaximum is { } knownHi)
        {
            (lo, hi) = (knownLo, knownHi);
            if (hi - lo <= 0)
            {
                var half = (Math.Abs(hi) * 0.1) + 1;
                (lo, hi) = (lo - half, hi + half);
            }
        }
        else
        {
            (lo, hi) = (data.Values.Min(), data.Values.Max());
            if (hi - lo <= 0)
                throw new InsufficientTrainingDataException($"{Name}: the training values are constant ({lo}); give the range explicitly to scale them");
            var pad = _options.RangePadding * (hi - lo);
            (lo, hi) = (lo - pad, hi + pad);
        }
        Range = (lo, hi);
        _scale = 1 / (hi - lo);
        _samples = new double[_options.Window];
        _commitDecay = _options.CommitMemory > 0 ? Math.Exp(-1 / _options.CommitMemory) : 0;
        _lower.Clear();
        _upper.Clear();
        (_sampleCount, _groupSum, _groupCount, _recentCommits) = (0, 0, 0, 0);
        foreach (var value in data.Values)
            Advance(value);
    }

    /// <inheritdoc />
    public double Update(long timestampMicros, double value)
    {
        if (_samples.Length == 0)
            throw new InvalidOperationException($"{Name}: Fit must be called before Update");
        return double.IsFinite(value) ? Advance(value) : 0;
    }

    private double Advance(double value)
    {
        _groupSum += Math.Clamp((value - Range.Minimum) * _scale, 0, 1);
        if (++_groupCount < _options.Downsample)
            return 0;
        var sample = _groupSum / _groupCount;
        (_groupSum, _groupCount) = (0, 0);
        Array.Copy(_samples, 0, _samples, 1, _samples.Length - 1);
        _samples[0] = sample;
        _sampleCount = Math.Min(_sampleCount + 1, _samples.Length);
        if (_sampleCount < _samples.Length)
            return 0;
        return Present(_samples);
    }

    /// <summary>One fuzzy ART step on a pattern in [0, 1]^M: resonance (and learning) or a new category; returns the novelty.</summary>
    private double Present(double[] a)
    {
        var m = a.Length;
        var recent = _recentCommits;
        _recentCommits *= _commitDecay;
        var allowed = (1 - _options.Vigilance) * m;
        var (best, bestChoice, smallestGrown) = (-1, double.NegativeInfinity, double.PositiveInfinity);
        for (var j = 0; j < _lower.Count; j++)
        {
            var (u, v) = (_lower[j], _upper[j]);
            double size = 0, grown = 0;
            for (var i = 0; i < m; i++)
            {
                size += v[i] - u[i];
                grown += Math.Max(v[i], a[i]) - Math.Min(u[i], a[i]);
            }
            smallestGrown = Math.Min(smallestGrown, grown);
            if (grown > allowed)
                continue;
            var choice = (m - grown) / (_options.Choice + m - size);
            if (choice > bestChoice)
                (best, bestChoice) = (j, choice);
        }
        if (best >= 0)
        {
            Learn(_lower[best], _upper[best], a);
            return 0;
        }
        if (_lower.Count < _options.Capacity)
        {
            _lower.Add((double[])a.Clone());
            _upper.Add((double[])a.Clone());
        }
        if (_options.CommitMemory > 0)
            _recentCommits += 1;
        var novelty = double.IsPositiveInfinity(smallestGrown) ? 1 : 1 - (0.5 * allowed / smallestGrown);
        return novelty / (1 + recent);
    }

    private void Learn(double[] u, double[] v, double[] a)
    {
        var beta = _options.LearningRate;
        for (var i = 0; i < a.Length; i++)
        {
            // w ← β (I ∧ w) + (1 − β) w on both halves of the complement-coded weight: u ← min with a, 1 − v ← min with 1 − a.
            u[i] = (beta * Math.Min(u[i], a[i])) + ((1 - beta) * u[i]);
            v[i] = (beta * Math.Max(v[i], a[i])) + ((1 - beta) * v[i]);
        }
    }
}
