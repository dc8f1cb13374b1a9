using Zhizao.Scheduling.Model;
using Zhizao.Simulation.Production;

namespace Zhizao.Agents.Scheduling.Plans;

/// <summary>Turns the demo plant's production orders into a plan: one job per order, its routing as an operation chain.</summary>
public static class DemoPlan
{
    /// <summary>The seed the server's demo endpoint uses (<c>/api/v1/demo/production-orders</c>).</summary>
    public const int Seed = 42;

    /// <summary>
    /// A plan of <paramref name="orders"/> starting at <paramref name="planStart"/>: machines are those the routings
    /// name (always available), each order a job with its family, release (not before the plan start), due date and
    /// weight, each routing step an operation on its eligible machines with their lot durations (set-up included, so no
    /// separate setup matrix).
    /// </summary>
    public static Plan From(IReadOnlyList<ProductionOrder> orders, DateTimeOffset planStart)
    {
        ArgumentNullException.ThrowIfNull(orders);
        var clock = new PlanClock(planStart);
        var machines = orders.SelectMany(o => o.Routing).SelectMany(r => r.EligibleMachines).Select(m => m.Machine)
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(id => new Machine(id)).ToList();
        var jobs = orders.Select(o => new Job(
            o.Id,
            [.. o.Routing.OrderBy(r => r.Sequence).Select(r => new Operation(
                r.Id,
                [.. r.EligibleMachines.Select(m => new Zhizao.Scheduling.Model.MachineOption(m.Machine, m.DurationMinutes))],
                r.Predecessor is null ? [] : [r.Predecessor]))],
            Release: Math.Max(0, clock.ToMinutes(o.Release)),
            Due: clock.ToMinutes(o.Due),
            Weight: Math.Max(1, (int)Math.Round(o.Weight)),
            Family: o.ProductFamily,
            OrderId: o.Id)).ToList();
        return new Plan(new SchedulingProblem(machines, jobs), clock);
    }

    /// <summary>
    /// The demo plan of today (midnight in Asia/Shanghai, the demo plant's zone, as the demo endpoint serves it):
    /// <paramref name="count"/> orders of seed <see cref="Seed"/>, planned from that midnight.
    /// </summary>
    public static Plan Today(TimeProvider time, int count = 12)
    {
        ArgumentNullException.ThrowIfNull(time);
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var local = TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone);
        var day = new DateTimeOffset(local.Date, local.Offset);
        return From(DemoProduction.Orders(Seed, day, count), day);
    }
}
