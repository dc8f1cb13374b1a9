using System.Text.Json.Nodes;
using Zhizao.Agents.Scheduling.Plans;
using Zhizao.Scheduling.Model;
using Zhizao.Scheduling.Solving;

namespace Zhizao.Agents.Scheduling.Agent;

/// <summary>
/// Says why each late job of a solved plan is late. For every operation of the job, in start order, it reports when the
/// operation became ready (release and predecessors), how long it then waited and for what: the machine busy with
/// another operation (and its setup), the machine unavailable (shift or blocked window), or an idle gap the solver left
/// (the objective did not reward starting earlier). It also gives the job's earliest possible completion on empty
/// machines, so a job that cannot be on time at all is told apart from one delayed by others.
/// </summary>
public static class LateJobExplainer
{
    /// <summary>One entry per late job, most tardy first.</summary>
    public static JsonArray Explain(Plan plan, ScheduleResult result)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(result);
        var problem = plan.Problem;
        string Time(long minutes) => PlanFile.Iso(plan.Clock.ToTime(minutes));
        var placed = result.Operations.ToDictionary(o => (o.JobId, o.OperationId));
        var previousOnMachine = result.Machines
            .SelectMany(m => m.Sequence.Select((o, i) => (o, before: i == 0 ? null : m.Sequence[i - 1])))
            .ToDictionary(p => (p.o.JobId, p.o.OperationId), p => p.before);
        var late = new JsonArray();
        foreach (var outcome in (result.Kpis?.Jobs ?? []).Where(j => j.Late).OrderByDescending(j => j.Tardiness))
        {
            var job = problem.Jobs.First(j => j.Id == outcome.JobId);
            var earliest = EarliestCompletion(job);
            var steps = new JsonArray();
            foreach (var (op, index) in job.Operations.Select((o, i) => (o, i)).OrderBy(p => placed[(job.Id, p.o.Id)].Start))
            {
                var s = placed[(job.Id, op.Id)];
                var predecessors = SchedulingValidator.PredecessorsOf(job, index);
                var ready = predecessors.Select(p => placed[(job.Id, p)].End).Append(job.Release).Max();
                var wait = s.Start - ready;
                steps.Add(new JsonObject
                {
                    ["operation"] = op.Id,
                    ["machine"] = s.MachineId,
                    ["readyAt"] = Time(ready),
                    ["start"] = Time(s.Start),
                    ["end"] = Time(s.End),
                    ["waitMinutes"] = wait,
                    ["cause"] = wait <= 0 ? "started as soon as it was ready" : Cause(problem, s, previousOnMachine[(job.Id, op.Id)], ready),
                });
            }
            late.Add(new JsonObject
            {
                ["job"] = job.Id,
                ["order"] = job.OrderId,
                ["due"] = outcome.Due is { } due ? Time(due) : null,
                ["completion"] = Time(outcome.Completion),
                ["tardinessMinutes"] = outcome.Tardiness,
                ["earliestPossibleCompletion"] = Time(earliest),
                ["summary"] = outcome.Due is { } d && earliest > d
                    ? $"cannot be on time: even alone on the fastest machines it ends at {Time(earliest)}, {earliest - d} min after its due date"
                    : $"could end by {Time(earliest)} alone; it waits {steps.Sum(x => x!["waitMinutes"]!.GetValue<long>())} min in total for machines shared with other jobs",
                ["operations"] = steps,
            });
        }
        return late;
    }

    private static string Cause(SchedulingProblem problem, ScheduledOperation s, ScheduledOperation? before, long ready)
    {
        if (before is not null && before.End + s.SetupBefore >= s.Start)
            return s.SetupBefore > 0
                ? $"machine '{s.MachineId}' busy with {before.JobId}/{before.OperationId} until {before.End}, then {s.SetupBefore} min setup"
                : $"machine '{s.MachineId}' busy with {before.JobId}/{before.OperationId}";
        var machine = problem.Machines.First(m => m.Id == s.MachineId);
        if (problem.BlockedList.FirstOrDefault(b => b.MachineId == s.MachineId && b.Window.Overlaps(ready, s.Start)) is { } blocked)
            return $"machine '{s.MachineId}' blocked{(blocked.Reason is null ? "" : $" ({blocked.Reason})")}";
        if (machine.Shifts is { } shifts && !shifts.Any(w => w.Start <= ready && ready < w.End))
            return $"machine '{s.MachineId}' off shift when the operation was ready";
        return "idle gap left by the solver (starting earlier would not improve the objective)";
    }

    /// <summary>Release plus the longest predecessor chain of shortest durations.</summary>
    private static long EarliestCompletion(Job job)
    {
        var ends = new Dictionary<string, long>(StringComparer.Ordinal);
        long End(int i)
        {
            var op = job.Operations[i];
            if (ends.TryGetValue(op.Id, out var known))
                return known;
            var start = SchedulingValidator.PredecessorsOf(job, i)
                .Select(p => End(IndexOf(job, p))).Append(job.Release).Max();
            return ends[op.Id] = start + op.Options.Min(o => o.Duration);
        }
        return Enumerable.Range(0, job.Operations.Count).Select(End).DefaultIfEmpty(job.Release).Max();
    }

    private static int IndexOf(Job job, string id)
    {
        for (var i = 0; i < job.Operations.Count; i++)
            if (job.Operations[i].Id == id)
                return i;
        throw new ArgumentException($"operation '{id}' not in job '{job.Id}'", nameof(id));
    }
}
