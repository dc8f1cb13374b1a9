using Zhizao.Core.Storage;
using Zhizao.Scheduling.Model;

namespace Zhizao.Agents.Scheduling.Plans;

/// <summary>A planned maintenance interval of one asset (a machine path or id) that production must not use.</summary>
/// <param name="Asset">The machine's asset path (site/line/machine) or plain id.</param>
/// <param name="Start">Start of the window.</param>
/// <param name="End">End of the window.</param>
/// <param name="Reason">Why (e.g. "maintenance work order #12 (high)").</param>
public sealed record MaintenanceWindow(string Asset, DateTimeOffset Start, DateTimeOffset End, string Reason);

/// <summary>Where the scheduler learns of planned maintenance (the predictive-maintenance agent's work orders).</summary>
public interface IMaintenanceWindowSource
{
    /// <summary>Every window not yet finished.</summary>
    Task<IReadOnlyList<MaintenanceWindow>> ActiveAsync(CancellationToken cancellationToken);
}

/// <summary>Windows of the open work orders in the platform store (written by the maintenance agent or by people).</summary>
public sealed class WorkOrderWindowSource(IStore store) : IMaintenanceWindowSource
{
    private const int MaxOrders = 10_000;

    /// <inheritdoc />
    public async Task<IReadOnlyList<MaintenanceWindow>> ActiveAsync(CancellationToken cancellationToken)
    {
        var orders = await store.Metadata.ListWorkOrdersAsync(new WorkOrderQuery(ActiveOnly: true, Limit: MaxOrders), cancellationToken);
        return [.. orders.Where(o => o.WindowEnd > o.WindowStart)
            .Select(o => new MaintenanceWindow(o.Asset, o.WindowStart, o.WindowEnd, $"maintenance work order #{o.Id} ({o.Priority})"))];
    }
}

/// <summary>Adds maintenance windows to a plan as blocked windows of the machines they name.</summary>
public static class MaintenanceBlocking
{
    /// <summary>
    /// The plan with every window that overlaps it blocked on its machine: a window's asset matches a machine whose id is
    /// the asset itself or its last path segment (a plan names "cnc-03", the plant "plant/line/cnc-03"). Windows of
    /// assets that are not in the plan are ignored; the applied ones are returned with the plan.
    /// </summary>
    public static (Plan Plan, IReadOnlyList<BlockedWindow> Applied) Apply(Plan plan, IEnumerable<MaintenanceWindow> windows)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(windows);
        var machines = plan.Problem.Machines.Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
        var applied = new List<BlockedWindow>();
        foreach (var w in windows.OrderBy(w => w.Start))
        {
            var id = machines.Contains(w.Asset) ? w.Asset : w.Asset[(w.Asset.LastIndexOf('/') + 1)..];
            if (!machines.Contains(id) || w.End <= plan.Clock.PlanStart)
                continue;
            var start = Math.Max(0, plan.Clock.ToMinutes(w.Start));
            var end = (long)Math.Ceiling((w.End - plan.Clock.PlanStart).TotalMinutes);
            if (end > start)
                applied.Add(new BlockedWindow(id, new TimeWindow(start, end), w.Reason));
        }
        if (applied.Count == 0)
            return (plan, applied);
        return (plan with { Problem = plan.Problem with { BlockedWindows = [.. plan.Problem.BlockedList, .. applied] } }, applied);
    }
}
