using Zhizao.Scheduling.Model;

namespace Zhizao.Scheduling.Solving;

/// <summary>Computes sequences, setups and KPIs of a set of placed operations against a problem.</summary>
public static class ScheduleEvaluator
{
    /// <summary>KPIs of <paramref name="operations"/> (one per operation of <paramref name="problem"/>).</summary>
    public static ScheduleKpis Kpis(SchedulingProblem problem, IReadOnlyList<ScheduledOperation> operations)
    {
        var byJob = operations.ToLookup(o => o.JobId, StringComparer.Ordinal);
        var jobs = new List<JobOutcome>();
        long twt = 0;
        var late = 0;
        foreach (var job in problem.Jobs)
        {
            var completion = byJob[job.Id].Select(o => o.End).DefaultIfEmpty(job.Release).Max();
            var tardiness = job.Due is { } d ? Math.Max(0, completion - d) : 0;
            twt += job.Weight * tardiness;
            if (tardiness > 0)
                late++;
            jobs.Add(new JobOutcome(job.Id, job.OrderId, completion, job.Due, tardiness, tardiness > 0));
        }
        var makespan = operations.Select(o => o.End).DefaultIfEmpty(0).Max();
        return new ScheduleKpis(makespan, twt, late, jobs);
    }

    /// <summary>
    /// The operations with <see cref="ScheduledOperation.SetupBefore"/> recomputed from each machine's order, and the
    /// per-machine sequences with utilisation up to the makespan.
    /// </summary>
    internal static (IReadOnlyList<ScheduledOperation> Operations, IReadOnlyList<MachineSchedule> Machines) Sequence(
        CompiledProblem compiled, IReadOnlyList<ScheduledOperation> operations)
    {
        var makespan = operations.Select(o => o.End).DefaultIfEmpty(0).Max();
        var withSetups = new Dictionary<(string, string), ScheduledOperation>();
        var machines = new List<MachineSchedule>();
        foreach (var machine in compiled.Problem.Machines)
        {
            var m = compiled.MachineIndex[machine.Id];
            var sequence = new List<ScheduledOperation>();
            string? previousFamily = null;
            foreach (var o in operations.Where(o => o.MachineId == machine.Id).OrderBy(o => o.Start).ThenBy(o => o.End))
            {
                var family = compiled.Find(o.JobId, o.OperationId)?.Family;
                var placed = o with { SetupBefore = sequence.Count == 0 ? 0 : compiled.Setup(m, previousFamily, family) };
                sequence.Add(placed);
                withSetups[(o.JobId, o.OperationId)] = placed;
                previousFamily = family;
            }
            var blocked = compiled.Unavailable[m].Sum(w => Math.Max(0, Math.Min(w.End, makespan) - w.Start));
            var available = makespan - blocked;
            var busy = sequence.Sum(o => o.End - o.Start);
            machines.Add(new MachineSchedule(machine.Id, sequence, available > 0 ? (double)busy / available : 0));
        }
        return ([.. operations.Select(o => withSetups[(o.JobId, o.OperationId)])], machines);
    }
}
