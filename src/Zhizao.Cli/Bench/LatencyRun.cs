using System.Globalization;

namespace Zhizao.Cli.Bench;

/// <summary>What repeated calls measured: their count, how many callers made them, the wall time of all, and per-call latency.</summary>
/// <param name="Calls">Calls made.</param>
/// <param name="Callers">Concurrent callers (each calls one after another).</param>
/// <param name="WallSeconds">Wall time from the first call to the last answer.</param>
/// <param name="LatenciesMs">Each call's latency in milliseconds, in call order.</param>
internal sealed record LatencySummary(int Calls, int Callers, double WallSeconds, IReadOnlyList<double> LatenciesMs)
{
    /// <summary>Calls answered per second over the whole run.</summary>
    public double PerSecond => Calls / WallSeconds;

    /// <summary>The <paramref name="percentile"/> (0–100) of the latencies in milliseconds.</summary>
    public double Percentile(double percentile) => BenchStatistics.Percentile(LatenciesMs, percentile);

    /// <summary>The median latency in milliseconds.</summary>
    public double P50 => Percentile(50);

    /// <summary>The slowest call in milliseconds.</summary>
    public double Max => LatenciesMs.Max();

    /// <summary>
    /// Adds p50, p95, p99 and max (milliseconds, or microseconds when <paramref name="micros"/>) named "{label}, pNN", the p99 with
    /// <paramref name="p99Target"/>, and the throughput when <paramref name="throughput"/>.
    /// </summary>
    public void AddTo(BenchRun run, string label, string? p99Target = null, bool throughput = false, bool micros = false)
    {
        var (scale, unit) = micros ? (1000.0, "µs") : (1.0, "ms");
        run.Metric($"{label}, p50", P50 * scale, unit, better: "lower");
        run.Metric($"{label}, p95", Percentile(95) * scale, unit, better: "lower");
        run.Metric($"{label}, p99", Percentile(99) * scale, unit, p99Target, "lower");
        run.Metric($"{label}, max", Max * scale, unit, better: "lower");
        if (throughput)
            run.Metric($"{label}, throughput", PerSecond, "calls/s", better: "higher");
    }

    /// <summary>One line for progress output.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Calls} calls by {Callers} caller(s) in {WallSeconds:F2} s: p50 {P50:F3} ms, p99 {Percentile(99):F3} ms, max {Max:F3} ms, {PerSecond:F0}/s");
}

/// <summary>Times calls one by one: <c>callers</c> loops take the next call number until all are made, each timing its own calls.</summary>
internal static class LatencyRun
{
    /// <summary>
    /// Makes <paramref name="calls"/> calls of <paramref name="call"/> (given the call number) from <paramref name="callers"/> concurrent
    /// loops and returns each call's wall-clock latency. A call that throws ends the run with its exception.
    /// </summary>
    public static async Task<LatencySummary> MeasureAsync(int calls, int callers, Func<int, CancellationToken, Task> call, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(calls, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(callers, 1);
        var latencies = new double[calls];
        var next = -1;
        var time = TimeProvider.System;
        var started = time.GetTimestamp();
        var loops = Enumerable.Range(0, Math.Min(callers, calls)).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < calls)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var start = time.GetTimestamp();
                await call(i, cancellationToken);
                latencies[i] = time.GetElapsedTime(start).TotalMilliseconds;
            }
        }, cancellationToken)).ToList();
        await Task.WhenAll(loops);
        return new LatencySummary(calls, callers, time.GetElapsedTime(started).TotalSeconds, latencies);
    }

    /// <summary>Makes <paramref name="calls"/> calls one after another and forgets their timings (JIT, connections, caches).</summary>
    public static async Task WarmUpAsync(int calls, Func<int, CancellationToken, Task> call, CancellationToken cancellationToken)
    {
        for (var i = 0; i < calls; i++)
            await call(i, cancellationToken);
    }
}
