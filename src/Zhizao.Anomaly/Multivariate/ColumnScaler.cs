namespace Zhizao.Anomaly.Multivariate;

/// <summary>
/// Standardises rows with the training mean and standard deviation of each column, and fills gaps.
/// A column that is constant in training carries no information about normal variation: it is left out of the model
/// (its standardised value is always 0, so it never contributes). A NaN value is a gap and is replaced by the column's
/// last observed value (the last training value before any row is scored).
/// </summary>
internal sealed class ColumnScaler
{
    private readonly double[] _mean;
    private readonly double[] _scale;
    private readonly double[] _last;

    private ColumnScaler(double[] mean, double[] scale, double[] last, int[] active)
    {
        _mean = mean;
        _scale = scale;
        _last = last;
        Active = active;
    }

    /// <summary>Number of columns in a row.</summary>
    public int Width => _mean.Length;

    /// <summary>Indexes of the columns that vary in training, in column order.</summary>
    public int[] Active { get; }

    /// <summary>
    /// Fits on training rows. Throws when there are fewer than <paramref name="minRows"/> rows, rows of different widths,
    /// or when every column is constant. NaN training values are ignored in the statistics.
    /// </summary>
    public static ColumnScaler Fit(IReadOnlyList<double[]> rows, int minRows, string detectorName)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count < minRows)
            throw new InsufficientTrainingDataException($"{detectorName}: {rows.Count} training rows, at least {minRows} are needed");
        var width = rows[0].Length;
        if (width == 0)
            throw new InsufficientTrainingDataException($"{detectorName}: rows have no columns");
        var sum = new double[width];
        var sumSquares = new double[width];
        var count = new int[width];
        var last = new double[width];
        Array.Fill(last, double.NaN);
        foreach (var row in rows)
        {
            if (row.Length != width)
                throw new ArgumentException($"{detectorName}: rows have different widths ({row.Length} and {width})", nameof(rows));
            for (var c = 0; c < width; c++)
            {
                var v = row[c];
                if (!double.IsFinite(v))
                    continue;
                sum[c] += v;
                count[c]++;
                last[c] = v;
            }
        }
        var mean = new double[width];
        for (var c = 0; c < width; c++)
            mean[c] = count[c] > 0 ? sum[c] / count[c] : 0;
        foreach (var row in rows)
        {
            for (var c = 0; c < width; c++)
            {
                if (double.IsFinite(row[c]))
                    sumSquares[c] += (row[c] - mean[c]) * (row[c] - mean[c]);
            }
        }
        var scale = new double[width];
        var active = new List<int>(width);
        for (var c = 0; c < width; c++)
        {
            var sd = count[c] > 1 ? Math.Sqrt(sumSquares[c] / (count[c] - 1)) : 0;
            // Relative floor: float noise on a constant column must not become a unit of variation.
            if (sd > 1e-9 * Math.Max(1.0, Math.Abs(mean[c])))
            {
                scale[c] = sd;
                active.Add(c);
            }
            if (double.IsNaN(last[c]))
                last[c] = mean[c];
        }
        if (active.Count == 0)
            throw new InsufficientTrainingDataException($"{detectorName}: every column is constant (or missing) in the training rows");
        return new ColumnScaler(mean, scale, last, [.. active]);
    }

    /// <summary>Standardises the active columns of a training row into <paramref name="z"/> (length = active count), without touching gap state.</summary>
    public void StandardiseTraining(ReadOnlySpan<double> row, Span<double> z)
    {
        for (var a = 0; a < Active.Length; a++)
        {
            var c = Active[a];
            var v = row[c];
            z[a] = double.IsFinite(v) ? (v - _mean[c]) / _scale[c] : 0;
        }
    }

    /// <summary>Standardises the active columns of a scored row into <paramref name="z"/>, carrying the last value over gaps.</summary>
    public void Standardise(ReadOnlySpan<double> row, Span<double> z)
    {
        if (row.Length != Width)
            throw new ArgumentException($"row has {row.Length} columns, the detector was fitted on {Width}", nameof(row));
        for (var a = 0; a < Active.Length; a++)
        {
            var c = Active[a];
            var v = row[c];
            if (double.IsFinite(v))
                _last[c] = v;
            else
                v = _last[c];
            z[a] = (v - _mean[c]) / _scale[c];
        }
    }

    /// <summary>Standardised training matrix (rows × active columns).</summary>
    public double[,] TrainingMatrix(IReadOnlyList<double[]> rows)
    {
        var m = new double[rows.Count, Active.Length];
        Span<double> z = stackalloc double[Active.Length];
        for (var r = 0; r < rows.Count; r++)
        {
            StandardiseTraining(rows[r], z);
            for (var a = 0; a < z.Length; a++)
                m[r, a] = z[a];
        }
        return m;
    }

    /// <summary>Spreads per-active-column values into a full-width contribution span (inactive columns get 0).</summary>
    public void Scatter(ReadOnlySpan<double> perActive, Span<double> contributions)
    {
        contributions.Clear();
        for (var a = 0; a < Active.Length; a++)
            contributions[Active[a]] = perActive[a];
    }
}
