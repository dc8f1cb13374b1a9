using Zhizao.Agents.Supply.Data;
using Zhizao.Agents.Supply.Inventory;
using Zhizao.Forecasting;

namespace Zhizao.Agents.Supply.Tests.Inventory;

public sealed class SafetyStockTests
{
    [Theory]
    // mean 10/day, σ_h = 2, L = 4: Σσ² = 16, (Σσ)² = 64.
    [InlineData(0.0, 4.0)]                 // independent: √16
    [InlineData(0.5, 6.324555320336759)]   // default: √(0.5·16 + 0.5·64) = √40
    [InlineData(1.0, 8.0)]                 // fully correlated: 4 × 2
    public void Safety_stock_and_reorder_point_of_a_constant_forecast_follow_the_aggregation(double correlation, double sigma)
    {
        var result = Cases.Evaluate(Cases.Terms(onHand: 100), Cases.Flat(10, 2), options: new InventoryOptions { ErrorCorrelation = correlation });

        Assert.Equal(DemandSpreadSource.ForecastIntervals, result.LeadTimeDemand.Source);
        Assert.Equal(90, result.LeadTimeDemand.IntervalLevel);
        Assert.Equal(4, result.LeadTimeDemand.Periods);
        Assert.Equal(40, result.LeadTimeDemand.Mean, 9);
        Assert.Equal(sigma, result.LeadTimeDemand.Sigma, 9);
        Assert.Equal(1.6448536269514715 * sigma, result.SafetyStock, 9);
        Assert.Equal(40 + (1.6448536269514715 * sigma), result.ReorderPoint, 9);
        Assert.Equal(result.ReorderPoint, result.OrderUpToLevel, 9); // no review period
    }

    [Fact]
    public void Default_policy_gives_safety_stock_10_40_for_the_reference_case()
    {
        var result = Cases.Evaluate(Cases.Terms(onHand: 100), Cases.Flat(10, 2));

        Assert.Equal(10.402967757511144, result.SafetyStock, 9);
        Assert.Equal(50.40296775751114, result.ReorderPoint, 9);
    }

    [Fact]
    public void A_backtest_sigma_replaces_the_interval_widths()
    {
        var result = Cases.Evaluate(Cases.Terms(onHand: 100), Cases.Flat(10, 2), backtestSigma: 5);

        Assert.Equal((DemandSpreadSource.Backtest, 5.0), (result.LeadTimeDemand.Source, result.LeadTimeDemand.Sigma));
        Assert.Equal(1.6448536269514715 * 5, result.SafetyStock, 9);
    }

    [Fact]
    public void A_lower_bound_clipped_at_zero_reads_the_spread_from_the_upper_side()
    {
        // Point 1 with σ 2: a symmetric lower bound would be negative, so it is clipped at 0.
        var forecast = new Forecast("test", [.. Enumerable.Repeat(1.0, 10)], new Dictionary<int, (double[], double[])>
        {
            [90] = (new double[10], [.. Enumerable.Repeat(1 + (Cases.Z90 * 2), 10)]),
        });

        var result = Cases.Evaluate(Cases.Terms(onHand: 100, leadTime: 1), forecast, Cases.History([.. Enumerable.Repeat(1.0, 28)]));

        Assert.Equal(2, result.LeadTimeDemand.Sigma, 9);
    }

    [Theory]
    [InlineData(new[] { 80, 95 }, 0.95, 95)] // the 90 % interval's upper bound is the 95 % quantile: 95 is closest
    [InlineData(new[] { 80, 99 }, 0.95, 99)]
    [InlineData(new[] { 80, 90 }, 0.9, 80)]
    [InlineData(new[] { 70, 90 }, 0.9, 90)]  // tie: the higher level
    public void The_interval_level_closest_to_the_service_level_quantile_is_used(int[] levels, double serviceLevel, int expected) =>
        Assert.Equal(expected, LeadTimeDemandEstimator.ClosestLevel(levels, serviceLevel));

    [Fact]
    public void Without_intervals_the_spread_comes_from_the_history_and_a_note_says_so()
    {
        var history = Cases.History([.. Enumerable.Range(0, 28).Select(i => i % 2 == 0 ? 8.0 : 12.0)]);
        var forecast = new Forecast("test", [.. Enumerable.Repeat(10.0, 10)], new Dictionary<int, (double[], double[])>());

        var result = Cases.Evaluate(Cases.Terms(onHand: 100, leadTime: 1), forecast, history);

        // Sample standard deviation of 14 × 8 and 14 × 12: √(28·4/27).
        Assert.Equal((DemandSpreadSource.History, Math.Sqrt(28 * 4 / 27.0)), (result.LeadTimeDemand.Source, result.LeadTimeDemand.Sigma));
        Assert.Contains(result.Notes, n => n.StartsWith("The forecast carries no intervals", StringComparison.Ordinal));
    }

    [Fact]
    public void The_order_up_to_level_adds_the_review_periods_demand_beyond_the_forecast_at_the_protection_rate()
    {
        // L = 2, R = 2: protection 4 days at 10 → ROP 40; review demand = day 5 (20) + day 6 (beyond the horizon: 40 / 4 = 10).
        var forecast = new Forecast("test", [10, 10, 10, 10, 20], new Dictionary<int, (double[], double[])>());

        var result = Cases.Evaluate(new ItemTerms("A", 100, 2, ReviewPeriodDays: 2), forecast, backtestSigma: 0);

        Assert.Equal((40.0, 70.0), (result.ReorderPoint, result.OrderUpToLevel));
    }

    [Fact]
    public void Intermittent_history_gets_the_empirical_quantile_of_overlapping_window_sums()
    {
        // 100 days, a demand of 6 every tenth day; 2-day windows: 19 of 99 sums are 6, 80 are 0.
        var history = Cases.History([.. Enumerable.Range(0, 100).Select(i => i % 10 == 9 ? 6.0 : 0)]);
        var forecast = Cases.Flat(0.6, 1);

        var at95 = Cases.Evaluate(Cases.Terms(onHand: 100, leadTime: 2), forecast, history);
        var at80 = Cases.Evaluate(Cases.Terms(onHand: 100, leadTime: 2) with { ServiceLevel = 0.8 }, forecast, history);

        Assert.Equal(DemandSpreadSource.HistoryWindows, at95.LeadTimeDemand.Source);
        Assert.Equal((1.2, 6.0), (at95.LeadTimeDemand.Mean, at95.LeadTimeDemand.Quantile), new ToleranceComparer());
        Assert.Equal((4.8, 6.0), (at95.SafetyStock, at95.ReorderPoint), new ToleranceComparer());
        // The 80 % quantile (the 80th of 99 sorted sums) is 0, below the mean: no safety stock.
        Assert.Equal((0.0, 1.2), (at80.SafetyStock, at80.ReorderPoint), new ToleranceComparer());
        Assert.Contains(at95.Notes, n => n.StartsWith("Intermittent demand (90 % zero periods)", StringComparison.Ordinal));
    }

    [Fact]
    public void A_short_intermittent_history_is_bootstrapped_with_a_fixed_seed()
    {
        var history = Cases.History([0, 0, 3, 0, 0, 0, 1, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 4, 0, 0]);

        var first = Cases.Evaluate(Cases.Terms(onHand: 100, leadTime: 3), Cases.Flat(0.5, 1), history);
        var second = Cases.Evaluate(Cases.Terms(onHand: 100, leadTime: 3), Cases.Flat(0.5, 1), history);

        Assert.Equal(DemandSpreadSource.Bootstrap, first.LeadTimeDemand.Source);
        Assert.Equal(first.ReorderPoint, second.ReorderPoint);
        Assert.InRange(first.LeadTimeDemand.Quantile, 1.5, 12);
    }

    [Fact]
    public void A_zero_demand_item_has_no_safety_stock_no_stock_out_and_no_NaN()
    {
        var history = Cases.History(new double[30]);

        var result = Cases.Evaluate(Cases.Terms(onHand: 5), Cases.Flat(0, 0), history);

        Assert.Equal((0.0, 0.0, 0.0), (result.SafetyStock, result.ReorderPoint, result.OrderUpToLevel));
        Assert.Null(result.StockOutDate);
        Assert.Null(result.ReorderDate);
        Assert.Null(result.DaysOfCover);
        Assert.Null(result.Suggestion);
        Assert.All(result.Projection, p => Assert.Equal(5, p.Stock));
        Assert.False(double.IsNaN(result.LeadTimeDemand.Sigma));
        Assert.Equal(WarningKind.Overstock, Assert.Single(result.Warnings).Kind);
    }

    [Fact]
    public void Weekly_forecasts_cover_the_lead_time_in_whole_weeks()
    {
        Assert.Equal(2, InventoryPolicy.Periods(10, TimeSpan.FromDays(7)));
        Assert.Equal(1, InventoryPolicy.Periods(7, TimeSpan.FromDays(7)));
        Assert.Equal(0, InventoryPolicy.Periods(0, TimeSpan.FromDays(1)));
        Assert.Equal(24, InventoryPolicy.Periods(1, TimeSpan.FromHours(1)));
        var weekly = new DemandSeries("A", Cases.AsOf.AddDays(-70), TimeSpan.FromDays(7), [.. Enumerable.Repeat(70.0, 10)]);

        var result = Cases.Evaluate(Cases.Terms(onHand: 500, leadTime: 10), Cases.Flat(70, 0, horizon: 8), weekly, backtestSigma: 0);

        Assert.Equal((2, 140.0), (result.LeadTimeDemand.Periods, result.ReorderPoint));
        Assert.Equal(new DateTime(2026, 5, 8), result.Projection[1].Start);
    }

    private sealed class ToleranceComparer : IEqualityComparer<(double, double)>
    {
        public bool Equals((double, double) x, (double, double) y) => Math.Abs(x.Item1 - y.Item1) < 1e-9 && Math.Abs(x.Item2 - y.Item2) < 1e-9;

        public int GetHashCode((double, double) obj) => 0;
    }
}
