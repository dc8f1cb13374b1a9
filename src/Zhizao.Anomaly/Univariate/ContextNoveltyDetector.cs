namespace Zhizao.Anomaly.Univariate;

/// <summary>Options of <see cref="ContextNoveltyDetector"/>, with documented defaults.</summary>
public sealed record ContextNoveltyOptions
{
    /// <summary>Fewest finite training values accepted (default 10).</summary>
    public int MinimumTrainingCount { get; init; } = 10;

    /// <summary>Values per context: the current value and the ones before it (default 7).</summary>
    public int Window { get; init; } = 7;

    /// <summary>Quantisation grids, each as bits (2^bits levels over the range); their novelties are averaged (default 2, 3, 4).</summary>
    public IReadOnlyList<int> ResolutionBits { get; init; } = [2, 3, 4];

    /// <summary>
    /// Copies of each grid shifted by a fraction of a level, averaged, so that a value sitting on a level boundary does
    /// not look novel just because noise flips it between two levels (default 3).
    /// </summary>
    public int GridOffsets { get; init; } = 3;

    /// <summary>The range is widened by this fraction of its width on each side before quantisation (default 0.2).</summary>
    public double RangePadding { get; init; } = 0.2;

    /// <summary>
    /// Known lower end of the signal's range (a sensor's span, or a batch's minimum); null takes the training minimum.
    /// Must be given together with <see cref="RangeMaximum"/>.
    /// </summary>
    public double? RangeMinimum { get; init; }

    /// <summary>Known upper end of the signal's range; null takes the training maximum.</summary>
    public double? RangeMaximum { get; init; }

    /// <summary>Most contexts remembered; once full, memory stops growing and unseen contexts stay novel (default 2,000,000).</summary>
    public int MemoryCapacity { get; init; } = 2_000_000;

    internal ContextNoveltyOptions Validated()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MinimumTrainingCount, 2, nameof(MinimumTrainingCount));
        ArgumentOutOfRangeException.ThrowIfLessThan(Window, 2, nameof(Window));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Window, 64, nameof(Window));
        if (ResolutionBits.Count == 0 || ResolutionBits.Any(b => b is < 1 or > 16))
            throw new ArgumentOutOfRangeException(nameof(ResolutionBits), "each resolution must be 1 to 16 bits, and at least one is needed");
        ArgumentOutOfRangeException.ThrowIfLessThan(GridOffsets, 1, nameof(GridOffsets));
        ArgumentOutOfRangeException.ThrowIfNegative(RangePadding, nameof(RangePadding));
        ArgumentOutOfRangeException.ThrowIfLessThan(MemoryCapacity, 1, nameof(MemoryCapacity));
        if (RangeMinimum.HasValue != RangeMaximum.HasValue)
            throw new ArgumentException("RangeMinimum and RangeMaximum are given together or not at all");
        if (RangeMinimum is { } lo && RangeMaximum is { } hi && !(double.IsFinite(lo) && double.IsFinite(hi) && lo <= hi))
            throw new ArgumentException($"the range [{lo}, {hi}] must be finite and ordered");
        return this;
    }
}

/// <summary>
/// Context novelty (in the spirit of NAB's contextOSE): each value is quantised on a few coarse grids; the context of a
/// row is the sequence of its last <see cref="ContextNoveltyOptions.Window"/> levels. Every suffix of that sequence
/// (the current level with the 1, 2, … levels before it) is looked up in a memory of contexts seen so far and then
/// remembered. The score is the share of suffixes never seen before, averaged over grids: 0 when the recent pattern is
/// familiar, near 1 when even the shortest transitions are new. It learns online, so a new regime stops being novel once
/// it has been seen. O(window × grids) per value; memory grows with the number of distinct contexts, up to a cap.
/// </summary>
public sealed class ContextNoveltyDetector(ContextNoveltyOptions? options = null) : IUnivariateDetector
{
    private readonly ContextNoveltyOptions _options = (options ?? new ContextNoveltyOptions()).Validated();
    private readonly HashSet<ulong> _memory = [];
    private Grid[] _grids = [];
    private int _filled;

    /// <inheritdoc />
    public string Name => "context-novelty";

    /// <summary>The quantisation range in use, padding included (NaN before <see cref="Fit"/>).</summary>
    public (double Minimum, double Maximum) Range { get; private set; } = (double.NaN, double.NaN);

    /// <summary>Contexts remembered so far.</summary>
    public int RememberedContexts => _memory.Count;

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
                // A known constant range still needs levels: any departure from the constant is then novel.
                var half = (Math.Abs(hi) * 0.1) + 1;
                (lo, hi) = (lo - half, hi + half);
            }
        }
        else
        {
            (lo, hi) = (data.Values.Min(), data.Values.Max());
            if (hi - lo <= 0)
                throw new InsufficientTrainingDataException($"{Name}: the training values are constant ({lo}); give the range explicitly to quantise them");
        }
        var pad = _options.RangePadding * (hi - lo);
        Range = (lo - pad, hi + pad);
        _grids = [.. _options.ResolutionBits.SelectMany(bits => Enumerable.Range(0, _options.GridOffsets).Select(offset =>
            new Grid(Range.Minimum, (Range.Maximum - Range.Minimum) / (1 << bits), (double)offset / _options.GridOffsets, _options.Window, (ulong)((bits << 8) | offset))))];
        _memory.Clear();
        _filled = 0;
        foreach (var value in data.Values)
            Advance(value);
        // Training contexts are remembered; the window restarts so the next value does not continue the training tail.
        _filled = 0;
    }

    /// <inheritdoc />
    public double Update(long timestampMicros, double value)
    {
        if (_grids.Length == 0)
            throw new InvalidOperationException($"{Name}: Fit must be called before Update");
        return double.IsFinite(value) ? Advance(value) : 0;
    }

    private double Advance(double value)
    {
        _filled = Math.Min(_filled + 1, _options.Window);
        var sum = 0.0;
        foreach (var grid in _grids)
            sum += grid.Push(value, _filled, _memory, _options.MemoryCapacity);
        return _filled < _options.Window ? 0 : sum / _grids.Length;
    }

    /// <summary>One quantisation grid and its window of recent levels (newest first).</summary>
    private sealed class Grid(double minimum, double width, double offsetFraction, int window, ulong seed)
    {
        private readonly long[] _levels = new long[window];

        /// <summary>Shifts the value in and returns the share of its suffix contexts (length ≥ 2) not remembered before.</summary>
        public double Push(double value, int filled, HashSet<ulong> memory, int capacity)
        {
            Array.Copy(_levels, 0, _levels, 1, _levels.Length - 1);
            // Values beyond the range get levels beyond the grid (not clamped), so a new extreme is a new context.
            _levels[0] = (long)Math.Floor(((value - minimum) / width) + offsetFraction);
            var hash = Mix(seed);
            var novel = 0;
            for (var k = 0; k < filled; k++)
            {
                hash = Mix(hash ^ (ulong)_levels[k]);
                if (k == 0)
                    continue;
                if (!memory.Contains(hash))
                {
                    novel++;
                    if (memory.Count < capacity)
                        memory.Add(hash);
                }
            }
            return filled > 1 ? (double)novel / (filled - 1) : 0;
        }

        // SplitMix64 finaliser: the suffix hash depends on every level and its position, so distinct contexts rarely collide.
        private static ulong Mix(ulong x)
        {
            x += 0x9E3779B97F4A7C15UL;
            x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
            x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
            return x ^ (x >> 31);
        }
    }
}
