using Zhizao.Agents.Scheduling.Plans;
using Zhizao.Scheduling.Model;
using Zhizao.Simulation.Production;

namespace Zhizao.Agents.Scheduling.Tests;

public sealed class DemoPlanTests
{
    [Fact]
    public void Demo_orders_become_valid_jobs_with_their_routing_chains_and_weights()
    {
        var start = new DateTimeOffset(2026, 11, 25, 0, 0, 0, TimeSpan.FromHours(8));
        var orders = DemoProduction.Orders(DemoPlan.Seed, start, 20);

        var plan = DemoPlan.From(orders, start);

        Assert.Empty(SchedulingValidator.Validate(plan.Problem));
        Assert.Equal(orders.Count, plan.Problem.Jobs.Count);
        Assert.Equal(["cnc-01", "cnc-02", "cnc-03", "cnc-04", "cnc-05"], plan.Problem.Machines.Select(m => m.Id));
        foreach (var (order, job) in orders.Zip(plan.Problem.Jobs))
        {
            Assert.Equal(order.Id, job.OrderId);
            Assert.Equal(order.ProductFamily, job.Family);
            Assert.Equal(plan.Clock.ToMinutes(order.Due), job.Due);
            Assert.Equal(plan.Clock.ToMinutes(order.Release), job.Release);
            Assert.Equal((int)order.Weight, job.Weight);
            Assert.Equal(order.Routing.Select(r => r.Id), job.Operations.Select(o => o.Id));
            Assert.Equal(order.Routing.Select(r => r.EligibleMachines.Count), job.Operations.Select(o => o.Options.Count));
        }
    }
}
