using Zhizao.Agents.Supply.Inventory;
using Zhizao.Forecasting;

namespace Zhizao.Agents.Supply.Tests.Inventory;

/// <summary>10 a day from 2026-05-01, lead time 4 days, no review period; stock figures are end-of-day.</summary>
public sealed class WarningTests
{
    [Fact]
    public void Projected_stock_falls_by_the_forecast_and_the_first_negative_day_is_the_stock_out()
    {
        // 30 on hand: 20, 10, 0, −10 → stock-out on day 4 (2026-05-04); 0 is not a stock-out.
        var result = Cases.Certain(Cases.Terms(onHand: 30));

        Assert.Equal([20.0, 10, 0, -10, -20], result.Projection.Take(5).Select(p => p.Stock));
        Assert.Equal(new DateTime(2026, 5, 4), result.StockOutDate);
        Assert.Equal(new DateTime(2026, 4, 30), result.LatestOrderDate);
        Assert.Equal(new DateTime(2026, 5, 1), result.Projection[0].Start);
    }

    [Fact]
    public void An_open_order_arrives_on_its_due_date()
    {
        var result = Cases.Certain(Cases.Terms(onHand: 30) with { OnOrder = 50, OnOrderDue = new DateTime(2026, 5, 3) });

        Assert.Equal([20.0, 10, 50, 40], result.Projection.Take(4).Select(p => p.Stock));
        Assert.Equal([70.0, 60, 50, 40], result.Projection.Take(4).Select(p => p.Position));
        Assert.Equal(50, result.Projection[2].Receipts);
        Assert.Equal(new DateTime(2026, 5, 9), result.StockOutDate); // 50, 40, 30, 20, 10, 0, −10 on day index 8
    }

    [Fact]
    public void An_open_order_without_a_due_date_is_assumed_to_arrive_after_the_lead_time()
    {
        var result = Cases.Certain(Cases.Terms(onHand: 30) with { OnOrder = 50 });

        Assert.Equal(50, result.Projection[4].Receipts);
        Assert.Equal(new DateTime(2026, 5, 4), result.StockOutDate);
        Assert.Contains(result.Notes, n => n.Contains("assumed to arrive after the full lead time", StringComparison.Ordinal));
    }

    [Fact]
    public void A_stock_out_before_the_lead_time_ends_is_critical_in_english_and_chinese()
    {
        // Stock-out on day index 3 < lead time 4.
        var result = Cases.Certain(Cases.Terms(onHand: 30));

        var warning = Assert.Single(result.Warnings);
        Assert.Equal((WarningSeverity.Critical, WarningKind.StockOutWithinLeadTime), (warning.Severity, warning.Kind));
        Assert.Equal("A: stock-out expected on 2026-05-04 (in 3 days), before an order placed today could arrive (lead time 4 days). Expedite the open order or find another source.", warning.Message.En);
        Assert.Equal("A：预计 2026-05-04（3 天后）缺货，早于今天下单的到货时间（交货期 4 天）。请催交在途订单或寻找其他货源。", warning.Message.Zh);
        Assert.Equal(WarningSeverity.Critical, result.Severity);
    }

    [Fact]
    public void A_stock_out_on_the_day_an_order_would_arrive_is_not_critical()
    {
        // 40 on hand: stock-out on day index 4 = lead time; position 40 = reorder point 40, which is not below it.
        var result = Cases.Certain(Cases.Terms(onHand: 40));

        Assert.Equal(new DateTime(2026, 5, 5), result.StockOutDate);
        Assert.Equal(WarningSeverity.Medium, Assert.Single(result.Warnings).Severity);
    }

    [Fact]
    public void Below_the_reorder_point_now_is_high()
    {
        // Safety stock 10 (σ = 10 / z): reorder point 50; 45 on hand runs out on day index 4, not within the lead time.
        var result = Cases.Evaluate(Cases.Terms(onHand: 45), Cases.Flat(10, 0), backtestSigma: 10 / Cases.Z90);

        Assert.Equal(50, result.ReorderPoint, 9);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal((WarningSeverity.High, WarningKind.BelowReorderPoint), (warning.Severity, warning.Kind));
        Assert.Equal("A: the inventory position (on hand + on order) of 45 is below the reorder point of 50. Order now.", warning.Message.En);
        Assert.Equal("A：库存头寸（现有库存 + 在途）45 低于再订货点 50。请立即下单。", warning.Message.Zh);
        Assert.Equal(result.AsOf, result.ReorderDate);
    }

    [Theory]
    [InlineData(119, 6, true)]   // 119 − 70 = 49 < 50 at the end of day index 6: within 7 days
    [InlineData(120, 7, false)]  // 120 − 80 = 40 on day index 7: not within 7 days
    public void Crossing_the_reorder_point_within_the_warning_horizon_is_medium(double onHand, int days, bool warned)
    {
        var result = Cases.Evaluate(Cases.Terms(onHand), Cases.Flat(10, 0), backtestSigma: 10 / Cases.Z90);

        Assert.Equal(Cases.AsOf.AddDays(days), result.ReorderDate);
        if (warned)
        {
            var warning = Assert.Single(result.Warnings);
            Assert.Equal((WarningSeverity.Medium, WarningKind.ReorderPointSoon), (warning.Severity, warning.Kind));
            Assert.Equal("A: the inventory position will fall below the reorder point of 50 on 2026-05-07 (in 6 days). Plan the order.", warning.Message.En);
        }
        else
            Assert.Empty(result.Warnings);
    }

    [Fact]
    public void The_review_period_widens_the_medium_window()
    {
        var terms = Cases.Terms(120) with { ReviewPeriodDays = 10 };

        var result = Cases.Evaluate(terms, Cases.Flat(10, 0), backtestSigma: 0);

        // Protection 14 days: reorder point 140 > 120, so the position is below it now.
        Assert.Equal(WarningSeverity.High, result.Severity);
    }

    [Theory]
    [InlineData(901, true)]  // 90.1 days of cover
    [InlineData(900, false)] // exactly 90: not more
    public void Stock_covering_more_than_the_overstock_bound_is_info(double onHand, bool warned)
    {
        var result = Cases.Certain(Cases.Terms(onHand));

        Assert.Equal(onHand / 10, result.DaysOfCover!.Value, 9);
        if (warned)
        {
            var warning = Assert.Single(result.Warnings);
            Assert.Equal((WarningSeverity.Info, WarningKind.Overstock), (warning.Severity, warning.Kind));
            Assert.Equal("A: the inventory position covers 90 days of forecast demand (more than 90). Consider postponing orders.", warning.Message.En);
            Assert.Contains("可考虑推迟订货", warning.Message.Zh, StringComparison.Ordinal);
        }
        else
            Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Forecasts_with_NaN_are_refused()
    {
        var forecast = Cases.Flat(10, 1);
        forecast.Point[2] = double.NaN;

        var e = Assert.Throws<ArgumentException>(() => Cases.Evaluate(Cases.Terms(30), forecast));

        Assert.StartsWith("Item 'A': the point forecast at step 3 is NaN; forecasts must be finite.", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Intervals_with_infinite_bounds_are_refused()
    {
        var forecast = Cases.Flat(10, 1);
        forecast.Intervals[90].Upper[0] = double.PositiveInfinity;

        var e = Assert.Throws<ArgumentException>(() => Cases.Evaluate(Cases.Terms(30), forecast));

        Assert.StartsWith("Item 'A': the 90 % upper bound at step 1 is Infinity;", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_forecast_shorter_than_the_protection_period_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => Cases.Evaluate(Cases.Terms(30), Cases.Flat(10, 1, horizon: 3)));

        Assert.StartsWith("Item 'A': the forecast covers 3 periods; the protection period (lead time + review period) needs 4.", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Negative_point_forecasts_count_as_zero_demand()
    {
        var forecast = new Forecast("test", [-5, 10, 10, 10, 10], new Dictionary<int, (double[], double[])>());

        var result = Cases.Evaluate(Cases.Terms(100), forecast, backtestSigma: 0);

        Assert.Equal((30.0, 0.0), (result.ReorderPoint, result.Projection[0].Demand));
        Assert.Contains("1 negative point forecast(s) read as zero demand.", result.Notes);
    }
}
