using System.Text.Json.Nodes;
using Zhizao.Agents.Scheduling.Plans;
using Zhizao.Scheduling.Model;
using Zhizao.Scheduling.Rescheduling;
using Zhizao.Scheduling.Solving;

namespace Zhizao.Agents.Scheduling.Agent;

/// <summary>The JSON form of a solved plan, shared by the agent's skills and the CLI's <c>--json</c> output.</summary>
public static class ScheduleJson
{
    /// <summary>
    /// Status, proof and gap, KPIs, per-machine sequences and Gantt-ready rows (<c>machine, job, operation, start, end,
    /// setupMinutes</c>), all times ISO 8601 in the plan start's offset.
    /// </summary>
    public static JsonObject Write(Plan plan, ScheduleResult result)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(result);
        var clock = plan.Clock;
        string Time(long minutes) => PlanFile.Iso(clock.ToTime(minutes));
        var orderOf = plan.Problem.Jobs.ToDictionary(j => j.Id, j => j.OrderId, StringComparer.Ordinal);
        JsonObject Row(ScheduledOperation o, bool withMachine)
        {
            var row = new JsonObject();
            if (withMachine)
                row["machine"] = o.MachineId;
            row["job"] = o.JobId;
            row["order"] = orderOf.GetValueOrDefault(o.JobId);
            row["operation"] = o.OperationId;
            row["start"] = Time(o.Start);
            row["end"] = Time(o.End);
            row["setupMinutes"] = o.SetupBefore;
            return row;
        }
        var kpis = result.Kpis;
        return new JsonObject
        {
            ["status"] = result.Status.ToString().ToLowerInvariant(),
            ["provenOptimal"] = result.ProvenOptimal,
            ["gap"] = result.Gap is { } gap ? Math.Round(gap, 6) : null,
            ["objective"] = result.Objective,
            ["bound"] = Math.Round(result.Bound, 3),
            ["wallTimeSeconds"] = Math.Round(result.WallTime.TotalSeconds, 3),
            ["planStart"] = PlanFile.Iso(clock.PlanStart),
            ["kpis"] = kpis is null ? null : new JsonObject
            {
                ["makespanMinutes"] = kpis.Makespan,
                ["end"] = Time(kpis.Makespan),
                ["totalWeightedTardinessMinutes"] = kpis.TotalWeightedTardiness,
                ["lateJobs"] = kpis.LateJobs,
                ["utilisation"] = new JsonObject([.. result.Machines.Select(m => KeyValuePair.Create(m.MachineId, (JsonNode?)Math.Round(m.Utilisation, 4)))]),
                ["jobs"] = new JsonArray([.. kpis.Jobs.Select(j => (JsonNode)new JsonObject
                {
                    ["job"] = j.JobId,
                    ["order"] = j.OrderId,
                    ["completion"] = Time(j.Completion),
                    ["due"] = j.Due is { } due ? Time(due) : null,
                    ["tardinessMinutes"] = j.Tardiness,
                    ["late"] = j.Late,
                })]),
            },
            ["machines"] = new JsonArray([.. result.Machines.Select(m => (JsonNode)new JsonObject
            {
                ["machine"] = m.MachineId,
                ["utilisation"] = Math.Round(m.Utilisation, 4),
                ["sequence"] = new JsonArray([.. m.Sequence.Select(o => (JsonNode)Row(o, withMachine: false))]),
            })]),
            ["gantt"] = new JsonArray([.. result.Machines.SelectMany(m => m.Sequence).Select(o => (JsonNode)Row(o, withMachine: true))]),
            ["notes"] = new JsonArray([.. result.Explanation.Select(e => (JsonNode)e)]),
        };
    }

    /// <summary>Blocked windows as rows (machine, from, to, reason).</summary>
    public static JsonArray Blocked(Plan plan, IEnumerable<BlockedWindow> windows)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(windows);
        return [.. windows.Select(w => (JsonNode)new JsonObject
        {
            ["machine"] = w.MachineId,
            ["from"] = PlanFile.Iso(plan.Clock.ToTime(w.Window.Start)),
            ["to"] = PlanFile.Iso(plan.Clock.ToTime(w.Window.End)),
            ["reason"] = w.Reason,
        })];
    }

    /// <summary>
    /// What a repair changed, one row per operation: <c>kinds</c> (moved, reassigned, resequenced, added, restarted),
    /// the old and new machine and start, and how many minutes the start moved.
    /// </summary>
    public static JsonArray Changes(Plan plan, IEnumerable<ScheduleChange> changes)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(changes);
        string Time(long minutes) => PlanFile.Iso(plan.Clock.ToTime(minutes));
        return [.. changes.Select(c => (JsonNode)new JsonObject
        {
            ["job"] = c.JobId,
            ["operation"] = c.OperationId,
            ["kinds"] = new JsonArray([.. Enum.GetValues<ChangeKind>().Where(k => k != ChangeKind.None && c.Kind.HasFlag(k))
                .Select(k => (JsonNode)k.ToString().ToLowerInvariant())]),
            ["oldMachine"] = c.OldMachineId,
            ["oldStart"] = c.OldStart is { } old ? Time(old) : null,
            ["newMachine"] = c.NewMachineId,
            ["newStart"] = Time(c.NewStart),
            ["minutesMoved"] = c.OldStart is { } was ? c.NewStart - was : null,
        })];
    }

    /// <summary>The plan-file errors as JSON rows (path, message, kind).</summary>
    public static JsonArray Errors(IEnumerable<PlanFileError> errors) =>
        [.. errors.Select(e => (JsonNode)new JsonObject { ["path"] = e.Path.Length == 0 ? "/" : e.Path, ["message"] = e.Message, ["kind"] = e.Kind?.ToString() })];
}
