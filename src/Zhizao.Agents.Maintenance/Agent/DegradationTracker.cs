namespace Zhizao.Agents.Maintenance.Agent;

/// <summary>A remaining-useful-life estimate: time until a signal reaches its limit, with an 80 % band.</summary>
/// <param name="Signal">The degrading signal.</param>
/// <param name="Limit">The limit it is extrapolated to (the plant file's normal maximum).</param>
/// <param name="Current">The signal's current envelope (typical peak level).</param>
/// <param name="Rul">Expected time until the limit is reached (zero when it is already reached).</param>
/// <param name="Lower">Lower end of the band (early).</param>
/// <param name="Upper">Upper end of the band (late; <see cref="TimeSpan.MaxValue"/> when the trend may be flat).</param>
/// <param name="Model">"exponential" or "linear": the trend shape that fitted better.</param>
/// <param name="Points">Number of envelope points in the fit.</param>
public sealed record RulEstimate(string Signal, double Limit, double Current, TimeSpan Rul, TimeSpan Lower, TimeSpan Upper, string Model, int Points);

/// <summary>
/// Tracks the upper envelope of one signal (the maximum of each bucket, so that duty cycles such as idle and cutting
/// do not hide a trend) and extrapolates it to a limit. Two trend shapes are fitted by least squares over the last
/// buckets — linear in time, and exponential growth above the normal baseline (linear in log of the excess, the usual
/// shape of bearing wear) — and the one with the smaller residual error is used; the band comes from the slope's
/// standard error (±1.28 σ, 80 %). Memory is bounded by the number of buckets; an update is O(1) and a fit O(buckets).
/// </summary>
public sealed class DegradationTracker
{
    /// <summary>Share of the way from the normal level to the limit that the envelope must cover before life is extrapolated.</summary>
    public const double OnsetFraction = 0.25;

    private readonly long _bucketMicros;
    private readonly int _maxBuckets;
    private readonly Queue<(long Time, double Max)> _buckets = new();
    private long _bucketStart = long.MinValue;
    private double _bucketMax = double.NegativeInfinity;

    /// <summary>Creates a tracker over <paramref name="window"/>, split into <paramref name="buckets"/> buckets.</summary>
    public DegradationTracker(string signal, double baseline, double limit, TimeSpan window, int buckets = 20)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(buckets, 5);
        if (!(limit > baseline))
            throw new ArgumentException($"the limit of '{signal}' ({limit}) must be above its normal baseline ({baseline})", nameof(limit));
        Signal = signal;
        Baseline = baseline;
        Limit = limit;
        _maxBuckets = buckets;
        _bucketMicros = Math.Max(1, window.Ticks / TimeSpan.TicksPerMicrosecond / buckets);
    }

    /// <summary>The tracked signal.</summary>
    public string Signal { get; }

    /// <summary>The normal envelope level (from the training period).</summary>
    public double Baseline { get; }

    /// <summary>The limit extrapolated to.</summary>
    public double Limit { get; }

    /// <summary>Adds a value; NaN is ignored.</summary>
    public void Add(long timestampMicros, double value)
    {
        if (double.IsNaN(value))
            return;
        var start = timestampMicros - (((timestampMicros % _bucketMicros) + _bucketMicros) % _bucketMicros);
        if (_bucketStart == long.MinValue)
            _bucketStart = start;
        if (start > _bucketStart)
        {
            _buckets.Enqueue((_bucketStart + (_bucketMicros / 2), _bucketMax));
            while (_buckets.Count > _maxBuckets)
                _buckets.Dequeue();
            _bucketStart = start;
            _bucketMax = double.NegativeInfinity;
        }
        _bucketMax = Math.Max(_bucketMax, value);
    }

    /// <summary>
    /// The estimate at <paramref name="nowMicros"/>, or null while fewer than five buckets are complete, the envelope has not
    /// passed the degradation onset (<see cref="OnsetFraction"/>) or it is not rising.
    /// </summary>
    public RulEstimate? Estimate(long nowMicros)
    {
        if (_buckets.Count < 5)
            return null;
        var points = _buckets.ToArray();
        var current = points[^1].Max;
        if (current >= Limit)
            return new RulEstimate(Signal, Limit, current, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, "reached", points.Length);

        // Degradation onset: no end of life is extrapolated until the envelope has covered a quarter of the way from its
        // normal level to the limit, so that ordinary excursions (a heavy job warming a bearing) are not read as wear.
        if (current < Baseline + (OnsetFraction * (Limit - Baseline)))
            return null;
        var linear = Fit(points, v => v, out var linearOk);
        var exponential = Fit(points, v => v > Baseline ? Math.Log(v - Baseline) : double.NaN, out var exponentialOk);
        // Compare the two fits in the signal's own units: the residual of each fit mapped back through its transform.
        var useExponential = exponentialOk && (!linearOk || Residual(points, exponential, exp: true) < Residual(points, linear, exp: false));
        var fit = useExponential ? exponential : linear;
        if (!(useExponential ? exponentialOk : linearOk) || fit.Slope <= 0)
            return null;
        var target = useExponential ? Math.Log(Limit - Baseline) : Limit;
        double Crossing(double slope) => slope <= 0 ? double.PositiveInfinity : fit.T0 + ((target - fit.Intercept) / slope);
        var now = nowMicros / 1e6;
        TimeSpan Until(double seconds) => double.IsPositiveInfinity(seconds) ? TimeSpan.MaxValue : TimeSpan.FromSeconds(Math.Max(0, seconds - now));
        var band = 1.2816 * fit.SlopeError;
        return new RulEstimate(Signal, Limit, current, Until(Crossing(fit.Slope)), Until(Crossing(fit.Slope + band)), Until(Crossing(fit.Slope - band)),
            useExponential ? "exponential" : "linear", points.Length);
    }

    private readonly record struct LineFit(double T0, double Intercept, double Slope, double SlopeError);

    /// <summary>
    /// Least-squares line of transform(value) against time in seconds (centred for stability). Points the transform cannot
    /// take (an envelope at or below the baseline has no logarithm of its excess) are left out; at least five must remain.
    /// </summary>
    private static LineFit Fit((long Time, double Max)[] points, Func<double, double> transform, out bool ok)
    {
        double n = 0, st = 0, sy = 0;
        foreach (var (time, max) in points)
        {
            var y = transform(max);
            if (double.IsNaN(y))
                continue;
            n++;
            st += time / 1e6;
            sy += y;
        }
        if (n < 5)
        {
            ok = false;
            return default;
        }
        var t0 = st / n;
        var meanY = sy / n;
        double stt = 0, sty = 0;
        foreach (var (time, max) in points)
        {
            var y = transform(max);
            if (double.IsNaN(y))
                continue;
            var dt = (time / 1e6) - t0;
            stt += dt * dt;
            sty += dt * (y - meanY);
        }
        var slope = sty / stt;
        double sse = 0;
        foreach (var (time, max) in points)
        {
            var y = transform(max);
            if (double.IsNaN(y))
                continue;
            var r = y - (meanY + (slope * ((time / 1e6) - t0)));
            sse += r * r;
        }
        ok = stt > 0;
        return new LineFit(t0, meanY, slope, Math.Sqrt(sse / Math.Max(1, n - 2) / stt));
    }

    private double Residual((long Time, double Max)[] points, LineFit fit, bool exp)
    {
        double sum = 0;
        foreach (var (time, max) in points)
        {
            var y = fit.Intercept + (fit.Slope * ((time / 1e6) - fit.T0));
            var predicted = exp ? Baseline + Math.Exp(y) : y;
            sum += (predicted - max) * (predicted - max);
        }
        return sum;
    }
}
