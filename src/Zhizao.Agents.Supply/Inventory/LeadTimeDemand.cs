using System.Text.Json.Serialization;
using MathNet.Numerics.Distributions;
using Zhizao.Forecasting;
using static System.FormattableString;

namespace Zhizao.Agents.Supply.Inventory;

/// <summary>Where the spread of protection-period demand comes from.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DemandSpreadSource>))]
public enum DemandSpreadSource
{
    /// <summary>The forecast's interval widths, per period, aggregated with the error correlation ρ.</summary>
    ForecastIntervals,
    /// <summary>A σ of protection-period demand measured by a back-test and given by the caller.</summary>
    Backtest,
    /// <summary>The standard deviation of the history (the forecast carried no intervals).</summary>
    History,
    /// <summary>Sums of overlapping windows of the (intermittent) history: distribution-free.</summary>
    HistoryWindows,
    /// <summary>Sums of periods drawn from a short intermittent history (fixed seed): distribution-free.</summary>
    Bootstrap,
}

/// <summary>
/// Demand over the protection period (lead time + review period): its mean, spread and the quantile at the service
/// level that the reorder point covers.
/// </summary>
/// <param name="Periods">Forecast periods in the protection period.</param>
/// <param name="Mean">Expected demand: the sum of the point forecasts over the period.</param>
/// <param name="Sigma">Standard deviation of the period's demand (for the distribution-free sources, of the sampled sums).</param>
/// <param name="Quantile">Demand not exceeded with probability = service level: mean + z·σ, or the empirical quantile.</param>
/// <param name="Source">Where <see cref="Sigma"/> and <see cref="Quantile"/> come from.</param>
/// <param name="IntervalLevel">The forecast interval level used (percent), for <see cref="DemandSpreadSource.ForecastIntervals"/>.</param>
public sealed record LeadTimeDemand(int Periods, double Mean, double Sigma, double Quantile, DemandSpreadSource Source, int? IntervalLevel = null)
{
    /// <summary>Whether the quantile comes from the normal approximation (z·σ) rather than from sampled sums.</summary>
    public bool IsNormal => Source is DemandSpreadSource.ForecastIntervals or DemandSpreadSource.Backtest or DemandSpreadSource.History;
}

/// <summary>Estimates <see cref="LeadTimeDemand"/>: normal from the forecast's intervals (or a back-test σ), empirical for intermittent items.</summary>
internal static class LeadTimeDemandEstimator
{
    /// <summary>
    /// The distribution of demand over the first <paramref name="periods"/> periods of the forecast.
    /// Intermittent histories (zero share above the option) get the empirical quantile of demand sums; otherwise
    /// a back-test σ when given, else σ from the forecast intervals, else from the history.
    /// </summary>
    public static LeadTimeDemand Estimate(double[] point, Forecast forecast, IReadOnlyList<double> history, int periods,
        double serviceLevel, double? backtestSigma, InventoryOptions options, List<string> notes)
    {
        var mean = 0.0;
        for (var h = 0; h < periods; h++)
            mean += point[h];
        if (periods == 0)
            return new LeadTimeDemand(0, 0, 0, 0, DemandSpreadSource.History);
        var zeros = history.Count(v => v == 0);
        if (history.Count > 0 && zeros > options.IntermittentZeroShare * history.Count)
            return Empirical(mean, history, periods, serviceLevel, options, notes, zeros);
        var z = Normal.InvCDF(0, 1, serviceLevel);
        if (backtestSigma is { } sigma)
            return new LeadTimeDemand(periods, mean, sigma, mean + (z * sigma), DemandSpreadSource.Backtest);
        if (forecast.Intervals.Count > 0)
        {
            var level = ClosestLevel(forecast.Intervals.Keys, serviceLevel);
            var (lower, upper) = forecast.Intervals[level];
            var zLevel = Normal.InvCDF(0, 1, 0.5 + (level / 200.0));
            var perPeriod = new double[periods];
            for (var h = 0; h < periods; h++)
                perPeriod[h] = Math.Max(0, Math.Max(upper[h] - forecast.Point[h], (upper[h] - lower[h]) / 2)) / zLevel;
            var aggregated = Aggregate(perPeriod, options.ErrorCorrelation);
            return new LeadTimeDemand(periods, mean, aggregated, mean + (z * aggregated), DemandSpreadSource.ForecastIntervals, level);
        }
        var daily = StandardDeviation(history);
        notes.Add(Invariant($"The forecast carries no intervals: σ per period is the history's standard deviation ({daily:0.###})."));
        var fromHistory = Aggregate([.. Enumerable.Repeat(daily, periods)], options.ErrorCorrelation);
        return new LeadTimeDemand(periods, mean, fromHistory, mean + (z * fromHistory), DemandSpreadSource.History);
    }

    /// <summary>
    /// σ_P = √((1 − ρ)·Σσ²_h + ρ·(Σσ_h)²): ρ = 0 is the independent-errors sum, ρ = 1 the fully correlated one (a level
    /// error repeats every day); the mix is equivalent to a common correlation ρ between the daily errors.
    /// </summary>
    public static double Aggregate(IReadOnlyList<double> sigmas, double correlation)
    {
        double squares = 0, sum = 0;
        foreach (var s in sigmas)
        {
            squares += s * s;
            sum += s;
        }
        return Math.Sqrt(((1 - correlation) * squares) + (correlation * sum * sum));
    }

    /// <summary>
    /// The interval level whose upper bound estimates the service-level quantile best: a one-sided service level p is
    /// the upper bound of the two-sided (2p − 1) interval, e.g. 95 % → the 90 % interval. Ties go to the higher level.
    /// </summary>
    public static int ClosestLevel(IEnumerable<int> levels, double serviceLevel)
    {
        var target = (200 * serviceLevel) - 100;
        return levels.OrderBy(l => Math.Abs(l - target)).ThenByDescending(l => l).First();
    }

    private static LeadTimeDemand Empirical(double mean, IReadOnlyList<double> history, int periods, double serviceLevel,
        InventoryOptions options, List<string> notes, int zeros)
    {
        var windows = history.Count - periods + 1;
        double[] sums;
        DemandSpreadSource source;
        if (windows >= options.MinimumEmpiricalWindows)
        {
            sums = new double[windows];
            var running = 0.0;
            for (var t = 0; t < history.Count; t++)
            {
                running += history[t];
                if (t >= periods)
                    running -= history[t - periods];
                if (t >= periods - 1)
                    sums[t - periods + 1] = Math.Max(0, running);
            }
            source = DemandSpreadSource.HistoryWindows;
        }
        else
        {
            sums = Bootstrap(history, periods, options.BootstrapSamples);
            source = DemandSpreadSource.Bootstrap;
        }
        Array.Sort(sums);
        var quantile = sums[Math.Max(0, (int)Math.Ceiling(serviceLevel * sums.Length) - 1)];
        notes.Add(Invariant($"Intermittent demand ({100.0 * zeros / history.Count:0} % zero periods): the reorder point is the {100 * serviceLevel:0.#} % quantile of {sums.Length:N0} {(source == DemandSpreadSource.HistoryWindows ? "overlapping history windows" : "bootstrap samples")} of {periods} periods, not a normal approximation."));
        return new LeadTimeDemand(periods, mean, StandardDeviation(sums), quantile, source);
    }

    /// <summary>Sums of <paramref name="periods"/> periods drawn with replacement, from a fixed seed so results repeat.</summary>
    private static double[] Bootstrap(IReadOnlyList<double> history, int periods, int samples)
    {
        var state = 0x9E3779B97F4A7C15UL;
        var sums = new double[samples];
        for (var s = 0; s < samples; s++)
        {
            var sum = 0.0;
            for (var h = 0; h < periods; h++)
                sum += history[(int)(Next(ref state) % (ulong)history.Count)];
            sums[s] = sum;
        }
        return sums;
    }

    /// <summary>SplitMix64: small, fast and the same on every platform and runtime.</summary>
    private static ulong Next(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static double StandardDeviation(IReadOnlyList<double> values)
    {
        if (values.Count < 2)
            return 0;
        var mean = values.Average();
        var sum = 0.0;
        foreach (var v in values)
            sum += (v - mean) * (v - mean);
        return Math.Sqrt(sum / (values.Count - 1));
    }
}
