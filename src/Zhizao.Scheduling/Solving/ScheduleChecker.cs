using Zhizao.Scheduling.Model;

namespace Zhizao.Scheduling.Solving;

/// <summary>
/// Verifies a schedule against its problem, independently of how it was produced: every operation placed exactly once
/// on an eligible machine with that machine's duration, releases and precedences kept, no two operations (with the
/// setup between them) overlapping on a machine, and no operation overlapping an unavailable window.
/// </summary>
public static class ScheduleChecker
{
    /// <summary>Returns every violation found (empty when the schedule is valid).</summary>
    public static IReadOnlyList<string> Check(SchedulingProblem problem, IReadOnlyList<ScheduledOperation> operations)
    {
        var compiled = new CompiledProblem(problem);
        var violations = new List<string>();
        var placed = new ScheduledOperation?[compiled.Operations.Count];
        foreach (var s in operations)
        {
            if (compiled.Find(s.JobId, s.OperationId) is not { } op)
            {
                violations.Add($"Operation '{s.OperationId}' of job '{s.JobId}' is not in the problem");
                continue;
            }
            if (placed[op.Index] is not null)
                violations.Add($"Operation '{s.OperationId}' of job '{s.JobId}' is placed twice");
            placed[op.Index] = s;
            var option = problem.Jobs[op.Job].Operations.First(o => o.Id == op.OperationId).Options.FirstOrDefault(o => o.MachineId == s.MachineId);
            if (option is null)
                violations.Add($"Operation '{s.OperationId}' of job '{s.JobId}' runs on machine '{s.MachineId}', which is not eligible");
            else if (s.End - s.Start != option.Duration)
                violations.Add($"Operation '{s.OperationId}' of job '{s.JobId}' lasts {s.End - s.Start} min on '{s.MachineId}' instead of {option.Duration}");
            if (s.Start < op.Release)
                violations.Add($"Operation '{s.OperationId}' of job '{s.JobId}' starts at {s.Start}, before the job's release {op.Release}");
            if (compiled.MachineIndex.TryGetValue(s.MachineId, out var m))
                foreach (var w in compiled.Unavailable[m].Where(w => s.End > s.Start && w.Overlaps(s.Start, s.End)))
                    violations.Add($"Operation '{s.OperationId}' of job '{s.JobId}' [{s.Start}, {s.End}) overlaps unavailable window [{w.Start}, {w.End}) of machine '{s.MachineId}'");
        }
        foreach (var op in compiled.Operations)
        {
            if (placed[op.Index] is not { } s)
            {
                violations.Add($"Operation '{op.OperationId}' of job '{op.JobId}' is not placed");
                continue;
            }
            foreach (var p in op.Predecessors)
                if (placed[p] is { } before && before.End > s.Start)
                    violations.Add($"Operation '{op.OperationId}' of job '{op.JobId}' starts at {s.Start} before predecessor '{before.OperationId}' ends at {before.End}");
        }
        foreach (var group in operations.GroupBy(o => o.MachineId))
        {
            if (!compiled.MachineIndex.TryGetValue(group.Key, out var m))
                continue;
            var sequence = group.OrderBy(o => o.Start).ThenBy(o => o.End).ToList();
            for (var i = 1; i < sequence.Count; i++)
            {
                var a = sequence[i - 1];
                var b = sequence[i];
                var setup = compiled.Setup(m, compiled.Find(a.JobId, a.OperationId)?.Family, compiled.Find(b.JobId, b.OperationId)?.Family);
                if (a.End + setup > b.Start)
                    violations.Add(setup == 0
                        ? $"Machine '{group.Key}': '{a.JobId}/{a.OperationId}' [{a.Start}, {a.End}) overlaps '{b.JobId}/{b.OperationId}' [{b.Start}, {b.End})"
                        : $"Machine '{group.Key}': '{b.JobId}/{b.OperationId}' starts at {b.Start}, before '{a.JobId}/{a.OperationId}' ends at {a.End} plus setup {setup}");
            }
        }
        return violations;
    }
}
