using System.Text.Json.Nodes;
using Zhizao.Scheduling.Model;
using Zhizao.Scheduling.Rescheduling;
using Zhizao.Scheduling.Solving;

namespace Zhizao.Agents.Scheduling.Plans;

/// <summary>A reschedule request read from JSON: the schedule in force, the repair time, the frozen horizon and the events.</summary>
/// <param name="Current">The schedule in force, in plan minutes.</param>
/// <param name="Now">The repair time in plan minutes.</param>
/// <param name="FrozenMinutes">Operations starting before now + this keep their machine and are only delayed if forced.</param>
/// <param name="Disruptions">The events.</param>
/// <param name="Stability">The stability penalty.</param>
public sealed record RepairInput(
    IReadOnlyList<ScheduledOperation> Current, long Now, long FrozenMinutes, IReadOnlyList<Disruption> Disruptions, StabilityWeights Stability);

internal sealed partial class PlanReader
{
    private static readonly HashSet<string> EventTypes = ["breakdown", "rush-order", "running-late"];

    /// <summary>
    /// Reads the repair part of a reschedule request against <paramref name="plan"/>: <c>current</c> (rows of
    /// machine, job, operation, start — or a schedule skill's output, whose <c>gantt</c> rows are used), <c>now</c>
    /// (default <paramref name="defaultNow"/>), <c>frozenMinutes</c>, <c>events</c> and <c>stability</c>.
    /// </summary>
    public RepairInput? ReadRepair(JsonObject request, Plan plan, DateTimeOffset defaultNow, long defaultFrozenMinutes)
    {
        _clock = plan.Clock;
        var problem = plan.Problem;
        var nowTime = Time(request, "now", "", required: false) ?? defaultNow;
        if (nowTime < plan.Clock.PlanStart)
            Error("/now", $"now {PlanFile.Iso(nowTime)} is before planStart {PlanFile.Iso(plan.Clock.PlanStart)}");
        var now = Math.Max(0, plan.Clock.ToMinutes(nowTime));
        var frozen = Integer(request, "frozenMinutes", "", required: false, min: 0) ?? defaultFrozenMinutes;

        var (rowsNode, rowsPath) = request["current"] is JsonObject schedule ? (schedule["gantt"], "/current/gantt") : (request["current"], "/current");
        List<ScheduledOperation> current = [];
        if (rowsNode is null)
            Error("/current", "'current' is required: the schedule in force (rows of machine, job, operation, start, or the schedule skill's output)");
        else if (rowsNode is not JsonArray rows)
            Error(rowsPath, "'current' must be an array of rows {machine, job, operation, start} or a schedule with 'gantt' rows");
        else
            current = ReadCurrent(rows, rowsPath, problem);

        var events = new List<Disruption>();
        if (request["events"] is { } eventsNode)
        {
            if (eventsNode is not JsonArray list)
                Error("/events", "'events' must be an array");
            else
                for (var i = 0; i < list.Count; i++)
                    if (ReadEvent(list[i], $"/events/{i}", problem, current, nowTime) is { } e)
                        events.Add(e);
        }

        var stability = new StabilityWeights();
        if (request["stability"] is { } stabilityNode)
        {
            if (stabilityNode is not JsonObject weights)
                Error("/stability", "'stability' must be an object {perMinuteMoved, perMachineChange}");
            else
                stability = new StabilityWeights(
                    Integer(weights, "perMinuteMoved", "/stability", required: false, min: 0) ?? stability.PerMinuteMoved,
                    Integer(weights, "perMachineChange", "/stability", required: false, min: 0) ?? stability.PerMachineChange);
        }
        return Errors.Count == 0 ? new RepairInput(current, now, frozen, events, stability) : null;
    }

    private List<ScheduledOperation> ReadCurrent(JsonArray rows, string path, SchedulingProblem problem)
    {
        var operations = problem.Jobs.SelectMany(j => j.Operations.Select(o => (Job: j, Operation: o)))
            .ToDictionary(x => (x.Job.Id, x.Operation.Id));
        var seen = new HashSet<(string, string)>();
        var current = new List<ScheduledOperation>();
        for (var i = 0; i < rows.Count; i++)
        {
            var at = $"{path}/{i}";
            if (rows[i] is not JsonObject row)
            {
                Error(at, "a row must be an object {machine, job, operation, start}");
                continue;
            }
            var machine = Text(row, "machine", at, required: true);
            var job = Text(row, "job", at, required: true);
            var operation = Text(row, "operation", at, required: true);
            var start = Time(row, "start", at, required: true);
            if (machine is null || job is null || operation is null || start is null)
                continue;
            if (!operations.TryGetValue((job, operation), out var found))
            {
                Error(at, $"job '{job}' has no operation '{operation}' in the plan");
                continue;
            }
            if (found.Operation.Options.FirstOrDefault(o => o.MachineId == machine) is not { } option)
            {
                Error(at + "/machine", $"operation '{operation}' of job '{job}' cannot run on machine '{machine}' (eligible: {string.Join(", ", found.Operation.Options.Select(o => o.MachineId))})");
                continue;
            }
            if (!seen.Add((job, operation)))
            {
                Error(at, $"operation '{operation}' of job '{job}' appears twice in the schedule");
                continue;
            }
            var minute = _clock.ToMinutes(start.Value);
            if (minute < 0)
            {
                Error(at + "/start", $"start {PlanFile.Iso(start.Value)} is before planStart {PlanFile.Iso(_clock.PlanStart)}");
                continue;
            }
            current.Add(new ScheduledOperation(job, operation, machine, minute, minute + option.Duration));
        }
        return current;
    }

    private Disruption? ReadEvent(JsonNode? node, string path, SchedulingProblem problem, List<ScheduledOperation> current, DateTimeOffset now)
    {
        if (node is not JsonObject e)
            return Fail<Disruption>(path, "an event must be an object with a 'type'");
        var type = Text(e, "type", path, required: true);
        if (type is null)
            return null;
        switch (type)
        {
            case "breakdown":
            {
                var machine = Text(e, "machine", path, required: true);
                var from = Time(e, "from", path, required: false) ?? now;
                var to = Time(e, "to", path, required: true);
                if (machine is not null && problem.Machines.All(m => m.Id != machine))
                    return Fail<Disruption>(path + "/machine", $"machine '{machine}' is not in the plan (machines: {string.Join(", ", problem.Machines.Select(m => m.Id))})");
                return machine is null || to is null || Window(from, to.Value, path) is not { } window
                    ? null
                    : new MachineBreakdown(machine, window, Text(e, "reason", path, required: false) ?? "breakdown");
            }
            case "rush-order":
            {
                if (e["job"] is not JsonObject jobNode)
                    return Fail<Disruption>(path + "/job", "'job' is required: the new job in the plan-file format");
                var job = ReadJob(jobNode, path + "/job");
                if (job is not null && problem.Jobs.Any(j => j.Id == job.Id))
                    return Fail<Disruption>(path + "/job/id", $"job '{job.Id}' is already in the plan");
                return job is null ? null : new RushOrder(job);
            }
            case "running-late":
            {
                var job = Text(e, "job", path, required: true);
                var operation = Text(e, "operation", path, required: true);
                var minutes = Integer(e, "minutes", path, required: true, min: 1);
                if (job is null || operation is null || minutes is null)
                    return null;
                if (!current.Any(o => o.JobId == job && o.OperationId == operation))
                    return Fail<Disruption>(path, $"operation '{operation}' of job '{job}' is not in the current schedule");
                return new OperationRunningLate(job, operation, minutes.Value);
            }
            default:
                return Fail<Disruption>(path + "/type", $"unknown event type '{type}' (expected {string.Join(", ", EventTypes)})");
        }
    }
}
