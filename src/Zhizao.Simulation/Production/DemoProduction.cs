using Zhizao.Simulation.Models;

namespace Zhizao.Simulation.Production;

/// <summary>
/// Seeded production orders for the demo machining line: housings, shafts and flanges routed over cnc-01..cnc-05
/// as flexible job-shop chains. The same seed and start give the same orders.
/// </summary>
public static class DemoProduction
{
    private sealed record Step(string Id, string Name, double MinutesPerUnit, string[] Machines);

    private sealed record Product(string Id, string Family, Step[] Steps);

    private static readonly Product[] Products =
    [
        new("HSG-100", "housing", [new("rough-mill", "Rough milling", 2.0, ["cnc-01", "cnc-02", "cnc-03"]), new("finish-mill", "Finish milling", 1.5, ["cnc-03", "cnc-04"]), new("drill-tap", "Drilling and tapping", 0.8, ["cnc-02", "cnc-05"])]),
        new("HSG-200", "housing", [new("rough-mill", "Rough milling", 2.6, ["cnc-01", "cnc-03"]), new("finish-mill", "Finish milling", 1.8, ["cnc-03", "cnc-04"]), new("drill-tap", "Drilling and tapping", 1.0, ["cnc-02", "cnc-05"])]),
        new("SFT-20", "shaft", [new("turn-rough", "Rough turning", 1.2, ["cnc-01", "cnc-04"]), new("turn-finish", "Finish turning", 1.0, ["cnc-04", "cnc-05"]), new("keyway", "Keyway milling", 0.6, ["cnc-02", "cnc-03"])]),
        new("SFT-35", "shaft", [new("turn-rough", "Rough turning", 1.6, ["cnc-01", "cnc-04"]), new("turn-finish", "Finish turning", 1.2, ["cnc-04", "cnc-05"]), new("keyway", "Keyway milling", 0.7, ["cnc-02", "cnc-03"]), new("deburr", "Deburring", 0.3, ["cnc-01", "cnc-02", "cnc-05"])]),
        new("FLG-80", "flange", [new("face", "Facing", 0.7, ["cnc-01", "cnc-02", "cnc-05"]), new("drill", "Bolt-hole drilling", 0.9, ["cnc-02", "cnc-03", "cnc-05"])]),
        new("FLG-120", "flange", [new("face", "Facing", 0.9, ["cnc-01", "cnc-05"]), new("bore", "Boring", 1.1, ["cnc-03", "cnc-04"]), new("drill", "Bolt-hole drilling", 1.0, ["cnc-02", "cnc-03", "cnc-05"])]),
    ];

    // Older machines are slower; cnc-04 is the newest.
    private static readonly Dictionary<string, double> SpeedFactor = new(StringComparer.Ordinal)
    {
        ["cnc-01"] = 1.0, ["cnc-02"] = 1.1, ["cnc-03"] = 0.95, ["cnc-04"] = 0.85, ["cnc-05"] = 1.05,
    };

    private static readonly double[] WeightOfPriority = [0, 1, 2, 4];

    /// <summary>
    /// <paramref name="count"/> orders (12 by default) released within 36 hours of <paramref name="start"/>, with due
    /// dates 1.5–3.5 times their shortest processing time after release (plus four hours).
    /// </summary>
    public static IReadOnlyList<ProductionOrder> Orders(int seed, DateTimeOffset start, int count = 12)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var random = new SimRandom(seed, "production-orders");
        var orders = new List<ProductionOrder>(count);
        for (var i = 0; i < count; i++)
        {
            var product = Products[random.Between(0, Products.Length - 1)];
            var quantity = 5 * random.Between(4, 24);
            var routing = new List<RoutingOperation>(product.Steps.Length);
            var shortestTotal = 0;
            string? previous = null;
            for (var s = 0; s < product.Steps.Length; s++)
            {
                var step = product.Steps[s];
                var setup = random.Between(15, 30);
                var options = new List<MachineOption>(step.Machines.Length);
                var shortest = int.MaxValue;
                foreach (var machine in step.Machines)
                {
                    var minutes = (int)Math.Ceiling(setup + (quantity * step.MinutesPerUnit * SpeedFactor[machine] * random.Uniform(0.9, 1.1)));
                    options.Add(new MachineOption(machine, minutes));
                    shortest = Math.Min(shortest, minutes);
                }
                shortestTotal += shortest;
                var id = $"{step.Id}-{s + 1}";
                routing.Add(new RoutingOperation(id, s + 1, step.Name, previous, options));
                previous = id;
            }
            var release = start + TimeSpan.FromHours(random.Between(0, 36));
            var due = release + TimeSpan.FromHours(Math.Ceiling(shortestTotal * random.Uniform(1.5, 3.5) / 60) + 4);
            var priority = random.Between(1, 3);
            orders.Add(new ProductionOrder(
                $"PO-{i + 1:D4}", product.Id, product.Family, quantity, release, due, priority, WeightOfPriority[priority], routing));
        }
        return orders;
    }
}
