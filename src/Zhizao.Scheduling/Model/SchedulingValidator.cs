namespace Zhizao.Scheduling.Model;

/// <summary>Finds every reason a <see cref="SchedulingProblem"/> cannot be scheduled, each naming its culprit.</summary>
public static class SchedulingValidator
{
    /// <summary>Returns all problems found (empty when the input is valid).</summary>
    public static IReadOnlyList<SchedulingIssue> Validate(SchedulingProblem problem)
    {
        var issues = new List<SchedulingIssue>();
        var machines = new HashSet<string>(StringComparer.Ordinal);
        foreach (var m in problem.Machines)
        {
            if (!machines.Add(m.Id))
                issues.Add(new(SchedulingIssueKind.DuplicateId, $"Machine '{m.Id}' is defined twice", MachineId: m.Id));
            foreach (var s in m.Shifts ?? [])
                if (s.End < s.Start || s.Start < 0)
                    issues.Add(new(SchedulingIssueKind.NegativeTime, $"Machine '{m.Id}' has an invalid shift [{s.Start}, {s.End})", MachineId: m.Id));
        }
        foreach (var b in problem.BlockedList)
        {
            if (!machines.Contains(b.MachineId))
                issues.Add(new(SchedulingIssueKind.UnknownMachine, $"Blocked window names unknown machine '{b.MachineId}'", MachineId: b.MachineId));
            if (b.Window.End < b.Window.Start)
                issues.Add(new(SchedulingIssueKind.NegativeTime, $"Blocked window on machine '{b.MachineId}' ends before it starts", MachineId: b.MachineId));
        }
        foreach (var s in problem.SetupList)
        {
            if (s.MachineId is not null && !machines.Contains(s.MachineId))
                issues.Add(new(SchedulingIssueKind.UnknownMachine, $"Setup {s.FromFamily}->{s.ToFamily} names unknown machine '{s.MachineId}'", MachineId: s.MachineId));
            if (s.Minutes < 0)
                issues.Add(new(SchedulingIssueKind.NegativeTime, $"Setup {s.FromFamily}->{s.ToFamily} has negative minutes {s.Minutes}", MachineId: s.MachineId));
        }

        var jobIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var job in problem.Jobs)
        {
            if (!jobIds.Add(job.Id))
                issues.Add(new(SchedulingIssueKind.DuplicateId, $"Job '{job.Id}' is defined twice", job.Id));
            ValidateJob(job, machines, issues);
        }
        if (issues.Count == 0)
            ValidateFits(problem, issues);
        return issues;
    }

    private static void ValidateJob(Job job, HashSet<string> machines, List<SchedulingIssue> issues)
    {
        if (job.Release < 0)
            issues.Add(new(SchedulingIssueKind.NegativeTime, $"Job '{job.Id}' has a negative release {job.Release}", job.Id));
        if (job.Due is { } due && due < job.Release)
            issues.Add(new(SchedulingIssueKind.DueBeforeRelease, $"Job '{job.Id}' is due at {due}, before its release at {job.Release}", job.Id));
        if (job.Weight < 1)
            issues.Add(new(SchedulingIssueKind.InvalidWeight, $"Job '{job.Id}' has weight {job.Weight}; weights are at least 1", job.Id));

        var opIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var op in job.Operations)
        {
            if (!opIds.Add(op.Id))
                issues.Add(new(SchedulingIssueKind.DuplicateId, $"Operation '{op.Id}' of job '{job.Id}' is defined twice", job.Id, op.Id));
            if (op.Options.Count == 0)
                issues.Add(new(SchedulingIssueKind.NoEligibleMachine, $"Operation '{op.Id}' of job '{job.Id}' has no eligible machine", job.Id, op.Id));
            foreach (var o in op.Options)
            {
                if (!machines.Contains(o.MachineId))
                    issues.Add(new(SchedulingIssueKind.UnknownMachine, $"Operation '{op.Id}' of job '{job.Id}' names unknown machine '{o.MachineId}'", job.Id, op.Id, o.MachineId));
                if (o.Duration < 0)
                    issues.Add(new(SchedulingIssueKind.NegativeTime, $"Operation '{op.Id}' of job '{job.Id}' has negative duration {o.Duration} on machine '{o.MachineId}'", job.Id, op.Id, o.MachineId));
            }
        }
        foreach (var op in job.Operations)
            foreach (var p in op.Predecessors ?? [])
                if (!opIds.Contains(p))
                    issues.Add(new(SchedulingIssueKind.UnknownPredecessor, $"Operation '{op.Id}' of job '{job.Id}' names unknown predecessor '{p}'", job.Id, op.Id));
        if (opIds.Count == job.Operations.Count && FindCycle(job) is { } cycle)
            issues.Add(new(SchedulingIssueKind.PrecedenceCycle,
                $"Job '{job.Id}' has a precedence cycle: {string.Join(" -> ", cycle)}", job.Id, cycle[0]));
    }

    /// <summary>The predecessor ids of each operation, resolving the default chain (null = previous in the list).</summary>
    public static IReadOnlyList<string> PredecessorsOf(Job job, int index) =>
        job.Operations[index].Predecessors ?? (index == 0 ? [] : [job.Operations[index - 1].Id]);

    private static List<string>? FindCycle(Job job)
    {
        var index = job.Operations.Select((o, i) => (o.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
        var state = new int[job.Operations.Count]; // 0 new, 1 on stack, 2 done
        var stack = new List<int>();
        List<string>? Visit(int v)
        {
            state[v] = 1;
            stack.Add(v);
            foreach (var p in PredecessorsOf(job, v))
            {
                if (!index.TryGetValue(p, out var u))
                    continue;
                if (state[u] == 1)
                {
                    // Stack runs successor -> predecessor; report the cycle in precedence order.
                    var cycle = stack.Skip(stack.IndexOf(u)).Select(i => job.Operations[i].Id).Reverse().ToList();
                    cycle.Add(cycle[0]);
                    return cycle;
                }
                if (state[u] == 0 && Visit(u) is { } found)
                    return found;
            }
            stack.RemoveAt(stack.Count - 1);
            state[v] = 2;
            return null;
        }
        for (var v = 0; v < state.Length; v++)
            if (state[v] == 0 && Visit(v) is { } c)
                return c;
        return null;
    }

    private static void ValidateFits(SchedulingProblem problem, List<SchedulingIssue> issues)
    {
        var horizon = Availability.Horizon(problem);
        var unavailable = problem.Machines.ToDictionary(m => m.Id, m => Availability.Unavailable(problem, m, horizon), StringComparer.Ordinal);
        foreach (var job in problem.Jobs)
            foreach (var op in job.Operations)
                if (!op.Options.Any(o => Availability.EarliestFit(unavailable[o.MachineId], job.Release, o.Duration, horizon) is not null))
                    issues.Add(new(SchedulingIssueKind.NeverFits,
                        $"Operation '{op.Id}' of job '{job.Id}' fits in no available window of machine(s) {string.Join(", ", op.Options.Select(o => $"'{o.MachineId}' ({o.Duration} min)"))} before minute {horizon}",
                        job.Id, op.Id, op.Options.Count == 1 ? op.Options[0].MachineId : null));
    }
}
