using Zhizao.Core.Assets;
using Zhizao.Simulation.Models;

namespace Zhizao.Simulation.Supply;

/// <summary>
/// Seeded supply data for the demo plant: twenty raw materials, tools and packaging items with daily demand
/// history (weekly pattern, trend, noise; two intermittent spares) and replenishment terms.
/// </summary>
public static class DemoSupply
{
    private sealed record Entry(string Id, string En, string Zh, string Unit, DemandPattern Pattern, double BaseDaily, int PackSize, decimal UnitCost);

    private static readonly Entry[] Catalogue =
    [
        new("bar-steel-40", "Steel bar, 40 mm", "钢棒 Ø40 毫米", "m", DemandPattern.Seasonal, 60, 6, 38.5m),
        new("bar-steel-60", "Steel bar, 60 mm", "钢棒 Ø60 毫米", "m", DemandPattern.Smooth, 25, 6, 71.0m),
        new("cast-hsg-100", "Housing casting HSG-100", "壳体铸件 HSG-100", "pcs", DemandPattern.Seasonal, 40, 10, 126.0m),
        new("cast-hsg-200", "Housing casting HSG-200", "壳体铸件 HSG-200", "pcs", DemandPattern.Trending, 20, 10, 188.0m),
        new("forging-flange", "Flange forging", "法兰锻件", "pcs", DemandPattern.Seasonal, 55, 20, 64.0m),
        new("bearing-6204", "Ball bearing 6204", "深沟球轴承 6204", "pcs", DemandPattern.Smooth, 80, 50, 9.8m),
        new("bearing-7014", "Spindle bearing 7014 (spare)", "主轴轴承 7014（备件）", "pcs", DemandPattern.Intermittent, 2, 1, 1450.0m),
        new("endmill-10", "Carbide end mill, 10 mm", "硬质合金立铣刀 Ø10", "pcs", DemandPattern.Smooth, 4, 5, 210.0m),
        new("insert-cnmg", "Turning insert CNMG", "车削刀片 CNMG", "pcs", DemandPattern.Seasonal, 30, 10, 32.0m),
        new("drill-8-5", "Twist drill, 8.5 mm", "麻花钻 8.5 毫米", "pcs", DemandPattern.Smooth, 6, 10, 45.0m),
        new("tap-m10", "Tap M10", "丝锥 M10", "pcs", DemandPattern.Smooth, 5, 5, 58.0m),
        new("coolant", "Cutting coolant concentrate", "切削液浓缩液", "L", DemandPattern.Trending, 40, 20, 16.5m),
        new("spindle-grease", "Spindle bearing grease", "主轴润滑脂", "kg", DemandPattern.Intermittent, 1, 1, 320.0m),
        new("bottle-500", "PET bottle, 500 ml", "PET 瓶 500 毫升", "pcs", DemandPattern.Seasonal, 110_000, 1_000, 0.42m),
        new("cap-28", "Bottle cap, 28 mm", "瓶盖 28 毫米", "pcs", DemandPattern.Seasonal, 110_000, 5_000, 0.06m),
        new("seal-film", "Sealing film roll", "封口膜卷", "roll", DemandPattern.Smooth, 12, 4, 265.0m),
        new("label-roll", "Label roll", "标签卷", "roll", DemandPattern.Seasonal, 20, 10, 88.0m),
        new("carton-24", "Shipping carton, 24 units", "运输纸箱（24 瓶装）", "pcs", DemandPattern.Seasonal, 4_600, 100, 2.3m),
        new("stretch-film", "Pallet stretch film", "托盘缠绕膜", "roll", DemandPattern.Trending, 8, 6, 54.0m),
        new("pallet", "Wooden pallet", "木托盘", "pcs", DemandPattern.Smooth, 60, 10, 75.0m),
    ];

    // Demand relative to the mean, Monday to Sunday: busy early week, quiet weekend.
    private static readonly double[] WeekShape = [0.25, 0.3, 0.2, 0.15, 0.25, -0.5, -0.65];

    /// <summary>
    /// The twenty items with <paramref name="days"/> days of demand history starting on the date of
    /// <paramref name="start"/> (that date is the first day of history).
    /// </summary>
    public static IReadOnlyList<SupplyItem> Items(int seed, DateTimeOffset start, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var first = DateOnly.FromDateTime(start.Date);
        var items = new List<SupplyItem>(Catalogue.Length);
        foreach (var entry in Catalogue)
        {
            var random = new SimRandom(seed, "supply:" + entry.Id);
            var history = entry.Pattern == DemandPattern.Intermittent
                ? Intermittent(entry, first, days, ref random)
                : Continuous(entry, first, days, ref random);
            var leadTime = random.Between(3, 21);
            var onHand = (int)Math.Round(entry.BaseDaily * leadTime * random.Uniform(0.4, 2.0));
            var moq = entry.PackSize * random.Between(2, 10);
            items.Add(new SupplyItem(entry.Id, new LocalizedText(entry.En, entry.Zh), entry.Unit, entry.Pattern, history, onHand, leadTime, moq, entry.PackSize, entry.UnitCost));
        }
        return items;
    }

    private static List<DemandDay> Continuous(Entry entry, DateOnly first, int days, ref SimRandom random)
    {
        var amplitude = entry.Pattern == DemandPattern.Smooth ? random.Uniform(0.05, 0.15) : random.Uniform(0.6, 0.9);
        var trendPerDay = entry.Pattern == DemandPattern.Trending ? random.Uniform(0.004, 0.01) : random.Uniform(-0.001, 0.002);
        var noise = random.Uniform(0.08, 0.2);
        var history = new List<DemandDay>(days);
        for (var d = 0; d < days; d++)
        {
            var date = first.AddDays(d);
            var weekday = ((int)date.DayOfWeek + 6) % 7;
            var level = entry.BaseDaily * Math.Max(0, 1 + (trendPerDay * d)) * (1 + (amplitude * WeekShape[weekday]));
            var quantity = (int)Math.Round(level * (1 + (noise * random.Gaussian())));
            history.Add(new DemandDay(date, Math.Max(0, quantity)));
        }
        return history;
    }

    private static List<DemandDay> Intermittent(Entry entry, DateOnly first, int days, ref SimRandom random)
    {
        var probability = random.Uniform(0.12, 0.25);
        var history = new List<DemandDay>(days);
        for (var d = 0; d < days; d++)
        {
            var quantity = random.NextDouble() < probability ? random.Between(1, (int)Math.Ceiling(2 * entry.BaseDaily / probability) - 1) : 0;
            history.Add(new DemandDay(first.AddDays(d), quantity));
        }
        return history;
    }
}
