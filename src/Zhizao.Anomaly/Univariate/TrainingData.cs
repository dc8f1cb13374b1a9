namespace Zhizao.Anomaly.Univariate;

/// <summary>
/// The finite values of a training period and the robust statistics every univariate detector starts from.
/// NaN and infinite values are gaps: they are dropped, and too few finite values is an
/// <see cref="InsufficientTrainingDataException"/> naming the detector.
/// </summary>
internal sealed class TrainingData
{
    /// <summary>Gaussian consistency factor: σ ≈ 1.4826 · MAD for normal data.</summary>
    public const double MadToSigma = 1.482602218505602;

    private TrainingData(long[] timestamps, double[] values, double median, double scale)
    {
        Timestamps = timestamps;
        Values = values;
        Median = median;
        Scale = scale;
    }

    /// <summary>Timestamps of the finite values, in input order.</summary>
    public long[] Timestamps { get; }

    /// <summary>The finite values, in input order.</summary>
    public double[] Values { get; }

    /// <summary>Median of the values.</summary>
    public double Median { get; }

    /// <summary>
    /// Robust σ: 1.4826 · MAD, or — when more than half the values sit on the median (MAD = 0) — 1.2533 · mean absolute
    /// deviation, which is still positive whenever the values are not all equal. 0 only for a constant signal.
    /// </summary>
    public double Scale { get; }

    /// <summary>Reads a training period; throws when it holds fewer than <paramref name="minimumCount"/> finite values.</summary>
    public static TrainingData Read(string detector, ReadOnlySpan<long> timestampsMicros, ReadOnlySpan<double> values, int minimumCount)
    {
        if (timestampsMicros.Length != values.Length)
            throw new ArgumentException($"{detector}: {timestampsMicros.Length} timestamps for {values.Length} values", nameof(values));
        var times = new List<long>(values.Length);
        var finite = new List<double>(values.Length);
        for (var i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
                continue;
            times.Add(timestampsMicros[i]);
            finite.Add(values[i]);
        }
        if (finite.Count < minimumCount)
            throw new InsufficientTrainingDataException($"{detector}: {finite.Count} finite training values, at least {minimumCount} needed");
        var array = finite.ToArray();
        var median = MedianOf(array);
        var mad = MedianAbsoluteDeviation(array, median);
        var scale = mad > 0 ? MadToSigma * mad : 1.2533141373155 * MeanAbsoluteDeviation(array, median);
        return new TrainingData([.. times], array, median, scale);
    }

    /// <summary>Throws unless the values vary: detectors that measure departures in σ units have nothing to measure by.</summary>
    public TrainingData RequireSpread(string detector) =>
        Scale > 0 ? this : throw new InsufficientTrainingDataException($"{detector}: the training values are constant ({Median}); this detector needs variation to scale by");

    /// <summary>Median of a copy of the values.</summary>
    public static double MedianOf(ReadOnlySpan<double> values)
    {
        if (values.IsEmpty)
            return double.NaN;
        var copy = values.ToArray();
        Array.Sort(copy);
        var mid = copy.Length / 2;
        return copy.Length % 2 == 1 ? copy[mid] : 0.5 * (copy[mid - 1] + copy[mid]);
    }

    /// <summary>Median of |x − center|.</summary>
    public static double MedianAbsoluteDeviation(ReadOnlySpan<double> values, double center)
    {
        var deviations = new double[values.Length];
        for (var i = 0; i < values.Length; i++)
            deviations[i] = Math.Abs(values[i] - center);
        return MedianOf(deviations);
    }

    private static double MeanAbsoluteDeviation(ReadOnlySpan<double> values, double center)
    {
        var sum = 0.0;
        foreach (var v in values)
            sum += Math.Abs(v - center);
        return sum / values.Length;
    }

    /// <summary>The median spacing between consecutive timestamps (the sampling interval), at least 1 µs.</summary>
    public long SamplingInterval()
    {
        if (Timestamps.Length < 2)
            return 1;
        var gaps = new double[Timestamps.Length - 1];
        for (var i = 1; i < Timestamps.Length; i++)
            gaps[i - 1] = Timestamps[i] - Timestamps[i - 1];
        return Math.Max(1L, (long)Math.Round(MedianOf(gaps)));
    }
}
