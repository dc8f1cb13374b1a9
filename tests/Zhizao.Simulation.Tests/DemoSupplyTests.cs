using System.Text.Json;
using Zhizao.Simulation.Supply;

namespace Zhizao.Simulation.Tests;

public class DemoSupplyTests
{
    private static readonly DateTimeOffset Start = new(2026, 6, 1, 0, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public void Items_have_non_negative_daily_demand_for_every_requested_day()
    {
        var items = DemoSupply.Items(42, Start, 180);

        Assert.Equal(20, items.Count);
        Assert.Equal(items.Count, items.Select(i => i.Id).Distinct().Count());
        foreach (var item in items)
        {
            Assert.Equal(180, item.History.Count);
            Assert.Equal(new DateOnly(2026, 6, 1), item.History[0].Date);
            Assert.Equal(Enumerable.Range(0, 180).Select(d => new DateOnly(2026, 6, 1).AddDays(d)), item.History.Select(h => h.Date));
            Assert.All(item.History, h => Assert.True(h.Quantity >= 0));
            Assert.True(item.OnHand >= 0);
            Assert.True(item.LeadTimeDays > 0);
            Assert.True(item.PackSize > 0);
            Assert.Equal(0, item.MinimumOrderQuantity % item.PackSize);
            Assert.False(string.IsNullOrEmpty(item.Name.Zh));
        }
    }

    [Fact]
    public void Intermittent_items_have_mostly_zero_days_and_seasonal_items_quiet_weekends()
    {
        var items = DemoSupply.Items(42, Start, 364);

        var intermittent = items.Where(i => i.Pattern == DemandPattern.Intermittent).ToList();
        Assert.True(intermittent.Count >= 2);
        Assert.All(intermittent, i => Assert.True(i.History.Count(h => h.Quantity == 0) > 0.6 * i.History.Count, i.Id));

        foreach (var item in items.Where(i => i.Pattern == DemandPattern.Seasonal))
        {
            var weekend = item.History.Where(h => h.Date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday).Average(h => h.Quantity);
            var weekday = item.History.Where(h => h.Date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)).Average(h => h.Quantity);
            Assert.True(weekend < 0.7 * weekday, item.Id);
        }
    }

    [Fact]
    public void Trending_items_grow_over_the_history()
    {
        var items = DemoSupply.Items(42, Start, 182);

        foreach (var item in items.Where(i => i.Pattern == DemandPattern.Trending))
        {
            var firstQuarter = item.History.Take(42).Average(h => h.Quantity);
            var lastQuarter = item.History.TakeLast(42).Average(h => h.Quantity);
            Assert.True(lastQuarter > 1.3 * firstQuarter, item.Id);
        }
    }

    [Fact]
    public void Items_are_reproducible_and_round_trip_through_system_text_json()
    {
        var json = JsonSerializer.Serialize(DemoSupply.Items(3, Start, 90));

        var back = JsonSerializer.Deserialize<List<SupplyItem>>(json);

        Assert.Equal(json, JsonSerializer.Serialize(DemoSupply.Items(3, Start, 90)));
        Assert.NotEqual(json, JsonSerializer.Serialize(DemoSupply.Items(4, Start, 90)));
        Assert.NotNull(back);
        Assert.Equal(json, JsonSerializer.Serialize(back));
    }
}
