using System.Text.Json;
using Zhizao.Simulation.Production;

namespace Zhizao.Simulation.Tests;

public class DemoProductionTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 8, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public void Orders_have_valid_chained_routings_over_existing_cnc_machines()
    {
        var machines = DemoPlant.CncMachines.ToHashSet();

        var orders = DemoProduction.Orders(42, Start);

        Assert.Equal(12, orders.Count);
        Assert.Equal(orders.Count, orders.Select(o => o.Id).Distinct().Count());
        foreach (var order in orders)
        {
            Assert.True(order.Quantity > 0);
            Assert.True(order.Release >= Start);
            Assert.True(order.Due >= order.Release, order.Id);
            Assert.InRange(order.Priority, 1, 3);
            Assert.True(order.Weight > 0);
            Assert.NotEmpty(order.Routing);
            string? previous = null;
            for (var i = 0; i < order.Routing.Count; i++)
            {
                var operation = order.Routing[i];
                Assert.Equal(i + 1, operation.Sequence);
                Assert.Equal(previous, operation.Predecessor);
                Assert.NotEmpty(operation.EligibleMachines);
                Assert.All(operation.EligibleMachines, m => Assert.Contains(m.Machine, machines));
                Assert.All(operation.EligibleMachines, m => Assert.True(m.DurationMinutes > 0));
                previous = operation.Id;
            }
            var shortest = TimeSpan.FromMinutes(order.Routing.Sum(op => op.EligibleMachines.Min(m => m.DurationMinutes)));
            Assert.True(order.Due - order.Release >= shortest, $"{order.Id} can be finished on time when started at release");
        }
    }

    [Fact]
    public void Orders_are_reproducible_from_the_seed()
    {
        var first = JsonSerializer.Serialize(DemoProduction.Orders(7, Start));
        var same = JsonSerializer.Serialize(DemoProduction.Orders(7, Start));
        var other = JsonSerializer.Serialize(DemoProduction.Orders(8, Start));

        Assert.Equal(first, same);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void Orders_round_trip_through_system_text_json()
    {
        var orders = DemoProduction.Orders(42, Start);
        var json = JsonSerializer.Serialize(orders);

        var back = JsonSerializer.Deserialize<List<ProductionOrder>>(json);

        Assert.NotNull(back);
        Assert.Equal(json, JsonSerializer.Serialize(back));
        Assert.Equal(orders[0].Routing[0].EligibleMachines[0], back[0].Routing[0].EligibleMachines[0]);
    }
}
