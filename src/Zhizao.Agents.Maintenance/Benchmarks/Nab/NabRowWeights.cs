namespace Zhizao.Agents.Maintenance.Benchmarks.Nab;

/// <summary>
/// What a detection on each row of a series would be worth under a profile (Lavin &amp; Ahmad 2015):
/// inside window <c>w</c> a reward <c>A_TP · σ(y)/σ(−1)</c> with <c>y</c> from −1 at the window's first row to 0 past its last;
/// outside windows a penalty <c>A_FP · σ(y)</c> with <c>y</c> the distance after the preceding window in units of its width
/// (or full weight −A_FP before the first window); rows in the probationary period are worth nothing.
/// </summary>
internal sealed class NabRowWeights
{
    private const double ProbationaryFraction = 0.15;
    private const int ProbationaryCap = 750;

    private NabRowWeights(int probationaryLength, int[] window, double[] weight)
    {
        ProbationaryLength = probationaryLength;
        Window = window;
        Weight = weight;
    }

    /// <summary>Rows before this index are ignored.</summary>
    public int ProbationaryLength { get; }

    /// <summary>Per row, the index of the window holding it, or −1.</summary>
    public int[] Window { get; }

    /// <summary>Per row, the TP reward (inside a window) or the (negative) FP weight (outside).</summary>
    public double[] Weight { get; }

    /// <summary>NAB's scaled sigmoid: 2/(1+e^{5y}) − 1; +1 far before, 0 at y = 0, → −1 far after.</summary>
    public static double ScaledSigmoid(double y) => y > 3.0 ? -1.0 : (2.0 / (1.0 + Math.Exp(5.0 * y))) - 1.0;

    /// <summary>min(⌊0.15 · length⌋, 750) rows.</summary>
    public static int ProbationaryLengthOf(int rowCount) => Math.Min((int)Math.Floor(ProbationaryFraction * rowCount), ProbationaryCap);

    public static NabRowWeights Compute(NabSeries series, NabProfile profile)
    {
        var n = series.Timestamps.Count;
        var window = new int[n];
        var weight = new double[n];
        Array.Fill(window, -1);
        var bounds = WindowRows(series);
        var maxReward = ScaledSigmoid(-1.0);
        var previous = -1;
        var next = 0;
        for (var i = 0; i < n; i++)
        {
            while (next < bounds.Length && bounds[next].Last < i)
                previous = next++;
            if (next < bounds.Length && bounds[next].First <= i)
            {
                var (first, last) = bounds[next];
                var width = last - first + 1;
                window[i] = next;
                weight[i] = profile.TruePositiveWeight * ScaledSigmoid(-(double)(last - i + 1) / width) / maxReward;
            }
            else if (previous >= 0)
            {
                var (first, last) = bounds[previous];
                // A one-row window has no width to measure distance by; NAB's definition divides by width − 1.
                var y = last > first ? (double)(i - last) / (last - first) : double.PositiveInfinity;
                weight[i] = profile.FalsePositiveWeight * ScaledSigmoid(y);
            }
            else
            {
                weight[i] = -profile.FalsePositiveWeight;
            }
        }
        return new NabRowWeights(ProbationaryLengthOf(n), window, weight);
    }

    /// <summary>Each window as its first and last row index; a window holding no row is an error.</summary>
    private static (int First, int Last)[] WindowRows(NabSeries series)
    {
        var times = series.Timestamps;
        var result = new (int, int)[series.Windows.Count];
        for (var w = 0; w < result.Length; w++)
        {
            var (start, end) = series.Windows[w];
            var first = LowerBound(times, start);
            var last = LowerBound(times, end.AddTicks(1)) - 1;
            if (last < first)
                throw new InvalidDataException($"{series.Name}: window {start:s}–{end:s} holds no row");
            if (w > 0 && first <= result[w - 1].Item2)
                throw new InvalidDataException($"{series.Name}: windows overlap or are out of order at {start:s}");
            result[w] = (first, last);
        }
        return result;
    }

    private static int LowerBound(IReadOnlyList<DateTime> times, DateTime value)
    {
        int lo = 0, hi = times.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (times[mid] < value)
                lo = mid + 1;
            else
                hi = mid;
        }
        return lo;
    }
}
