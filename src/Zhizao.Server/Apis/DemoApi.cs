using Zhizao.Agents.Maintenance.Benchmarks;
using Zhizao.Core.Storage;
using Zhizao.Server.Hosting;
using Zhizao.Simulation.Production;
using Zhizao.Simulation.Supply;

namespace Zhizao.Server.Apis;

/// <summary>
/// The demo plant's business data for the later agents (scheduling, supply): production orders with routings and due
/// dates, and items with daily demand and inventory. Deterministic for a seed and a day; mapped only with --demo.
/// </summary>
public static class DemoApi
{
    private const int Seed = 42;

    public static void MapDemoApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/demo").WithTags("Demo").RequireAuthorization();
        group.MapGet("/production-orders", ProductionOrders).WithName("DemoProductionOrders").WithSummary("Production orders of the demo plant, released from today");
        group.MapGet("/faults", Faults).WithName("DemoFaults")
            .WithSummary("The demo's injected faults (ground truth) beside the maintenance agent's first alarm on each: lead time before failure, sensor or machine fault");
        group.MapGet("/supply-items", SupplyItems).WithName("DemoSupplyItems").WithSummary("Items of the demo plant with daily demand history and inventory");
    }

    internal static IResult ProductionOrders(int? count, TimeProvider time) =>
        Results.Ok(DemoProduction.Orders(Seed, Today(time), Math.Clamp(count ?? 12, 1, 500)));

    internal static IResult SupplyItems(int? days, TimeProvider time)
    {
        var history = Math.Clamp(days ?? 730, 28, 3650);
        return Results.Ok(DemoSupply.Items(Seed, Today(time).AddDays(-history), history));
    }

    internal static async Task<IResult> Faults(DemoScenario scenario, IStore store, CancellationToken cancellationToken)
    {
        var alarms = await store.Metadata.ListAlarmsAsync(false, 10_000, cancellationToken);
        return Results.Ok(new
        {
            start = scenario.Start,
            faults = scenario.Faults.Select(f =>
            {
                var outcome = DemoFaultOutcome.Match(f, alarms);
                return new
                {
                    machine = f.MachinePath,
                    fault = f.Scenario.Kind.ToString(),
                    faultClass = f.Scenario.IsSensorFault ? "sensor" : "machine",
                    signals = f.AffectedSignals.Select(p => p.ToString()),
                    start = f.Start,
                    end = f.End,
                    failureAt = f.FailureAt,
                    detectedAt = outcome.AlarmAt,
                    condition = outcome.Condition,
                    leadTimeSeconds = outcome.LeadTime?.TotalSeconds,
                    classifiedCorrectly = outcome.AlarmAt is null ? (bool?)null : outcome.ClassifiedCorrectly,
                };
            }),
        });
    }

    private static DateTimeOffset Today(TimeProvider time)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var local = TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone);
        return new DateTimeOffset(local.Date, local.Offset);
    }
}
