using Zhizao.Agents.Supply.Data;
using Zhizao.Agents.Supply.Inventory;
using Zhizao.Forecasting;

namespace Zhizao.Agents.Supply.Tests.Data;

public sealed class DemoInventoryTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public void The_demo_plant_gives_twenty_items_with_terms_and_no_error_findings()
    {
        var set = DemoInventory.Create(seed: 42, Start, days: 365);

        Assert.Equal(20, set.Items.Count);
        Assert.DoesNotContain(set.Findings, f => f.Severity == FindingSeverity.Error);
        Assert.Equal(TimeSpan.FromDays(1), set.Demand.Step);
        Assert.All(set.Items, i =>
        {
            Assert.Equal(365, i.History.Values.Count);
            Assert.Equal(new DateTime(2027, 1, 1), i.History.ForecastStart);
            Assert.Equal(0, i.Terms.MinimumOrderQuantity % i.Terms.PackSize);
        });
        var spare = set.Items.Single(i => i.Terms.ItemId == "bearing-7014");
        Assert.True(spare.History.ZeroShare > 0.5);
        Assert.Equal("主轴轴承 7014（备件）", spare.Terms.Name!.Zh);
    }

    [Fact]
    public void The_demo_is_repeatable_for_a_seed()
    {
        var a = DemoInventory.Create(7, Start, 60);
        var b = DemoInventory.Create(7, Start, 60);

        Assert.Equal(a.Items.Select(i => i.History.Values.Sum()), b.Items.Select(i => i.History.Values.Sum()));
        Assert.Equal(a.Items.Select(i => i.Terms), b.Items.Select(i => i.Terms));
    }

    [Fact]
    public void Every_demo_item_goes_through_forecasting_and_the_inventory_check_without_NaN()
    {
        var set = DemoInventory.Create(seed: 42, Start, days: 365);
        Assert.True(ForecasterCatalog.TryGet("ses", out var ses));
        Assert.True(ForecasterCatalog.TryGet("sba", out var sba));

        var results = set.Items.Select(item =>
        {
            var forecaster = item.History.ZeroShare > 0.5 ? sba : ses;
            var horizon = item.Terms.LeadTimeDays + (2 * InventoryOptions.Default.ReviewPeriodDays);
            var forecast = forecaster.Forecast(item.History.ToSeriesInput(), horizon, [80, 95]);
            return InventoryPolicy.Evaluate(new InventoryRequest(item.Terms, item.History, forecast));
        }).ToList();

        Assert.All(results, r =>
        {
            Assert.All(new[] { r.SafetyStock, r.ReorderPoint, r.OrderUpToLevel, r.LeadTimeDemand.Sigma }, v => Assert.True(double.IsFinite(v) && v >= 0));
            Assert.All(r.Projection, p => Assert.True(double.IsFinite(p.Stock)));
            Assert.All(r.Warnings, w => Assert.False(string.IsNullOrEmpty(w.Message.Zh)));
        });
        Assert.All(results.Where(r => r.ItemId is "bearing-7014" or "spindle-grease"),
            r => Assert.Equal(DemandSpreadSource.HistoryWindows, r.LeadTimeDemand.Source));
        // Stock was drawn between 0.4 and 2 lead times of demand: some items need an order, some do not.
        Assert.Contains(results, r => r.Suggestion is not null);
        Assert.Contains(results, r => r.Severity is null or WarningSeverity.Info or WarningSeverity.Medium);
    }
}
