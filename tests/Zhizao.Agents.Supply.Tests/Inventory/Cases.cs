using MathNet.Numerics.Distributions;
using Zhizao.Agents.Supply.Data;
using Zhizao.Agents.Supply.Inventory;
using Zhizao.Forecasting;

namespace Zhizao.Agents.Supply.Tests.Inventory;

/// <summary>Hand-made histories and forecasts: the forecast starts on 2026-05-01.</summary>
internal static class Cases
{
    public static readonly DateTime AsOf = new(2026, 5, 1);

    /// <summary>z for a two-sided 90 % interval (= z at 95 % one-sided) = 1.6448536…</summary>
    public static readonly double Z90 = Normal.InvCDF(0, 1, 0.95);

    /// <summary>A daily history ending the day before <see cref="AsOf"/>.</summary>
    public static DemandSeries History(params double[] values) =>
        new("A", AsOf.AddDays(-values.Length), TimeSpan.FromDays(1), values);

    /// <summary>28 days of 10 a day.</summary>
    public static DemandSeries Steady => History([.. Enumerable.Repeat(10.0, 28)]);

    /// <summary>A flat forecast with a symmetric 90 % interval of σ per period.</summary>
    public static Forecast Flat(double point, double sigma, int horizon = 30) =>
        new("test", [.. Enumerable.Repeat(point, horizon)], new Dictionary<int, (double[], double[])>
        {
            [90] = ([.. Enumerable.Repeat(point - (Z90 * sigma), horizon)], [.. Enumerable.Repeat(point + (Z90 * sigma), horizon)]),
        });

    /// <summary>Terms with no review period, the default 95 % service level, pack 1 and no MOQ.</summary>
    public static ItemTerms Terms(double onHand, int leadTime = 4) => new("A", onHand, leadTime, ReviewPeriodDays: 0);

    public static InventoryAssessment Evaluate(ItemTerms terms, Forecast forecast, DemandSeries? history = null, double? backtestSigma = null, InventoryOptions? options = null) =>
        InventoryPolicy.Evaluate(new InventoryRequest(terms, history ?? Steady, forecast, backtestSigma), options);

    /// <summary>10 a day with no uncertainty (back-test σ 0): reorder point = 10 × lead time.</summary>
    public static InventoryAssessment Certain(ItemTerms terms, int horizon = 30) => Evaluate(terms, Flat(10, 0, horizon), backtestSigma: 0);
}
