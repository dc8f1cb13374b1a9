using Zhizao.Scheduling.Model;

namespace Zhizao.Scheduling.Solving;

/// <summary>
/// A serial schedule generation heuristic: repeatedly places the ready operation and machine that finish earliest
/// (ties broken by most remaining work), respecting releases, precedence, setups and unavailable windows. It gives
/// CP-SAT a feasible starting point (hint) within milliseconds.
/// </summary>
internal static class GreedyScheduler
{
    public static List<ScheduledOperation>? Schedule(CompiledProblem problem)
    {
        var ops = problem.Operations;
        var tails = problem.Tails();
        var remaining = ops.Select(o => o.Predecessors.Length).ToArray();
        var successors = ops.Select(_ => new List<int>()).ToArray();
        foreach (var o in ops)
            foreach (var p in o.Predecessors)
                successors[p].Add(o.Index);
        var ready = new HashSet<int>(ops.Where(o => o.Predecessors.Length == 0).Select(o => o.Index));
        var readyTime = ops.Select(o => o.Release).ToArray();
        var machineFree = new long[problem.MachineCount];
        var lastFamily = new string?[problem.MachineCount];
        var machineUsed = new bool[problem.MachineCount];
        var placed = new ScheduledOperation?[ops.Count];

        while (ready.Count > 0)
        {
            (int Op, int Machine, long Start, long End, long Tail) best = (-1, -1, 0, long.MaxValue, 0);
            foreach (var i in ready)
            {
                foreach (var (m, duration) in ops[i].Options)
                {
                    long start;
                    if (problem.ReservesSetups[m])
                    {
                        // The model reserves the largest setup into the family just before the operation.
                        var pad = problem.ReservedSetup(m, ops[i].Family);
                        if (Availability.EarliestFit(problem.Unavailable[m], Math.Max(readyTime[i] - pad, machineFree[m]), duration + pad, problem.Horizon) is not { } fit)
                            continue;
                        start = fit + pad;
                    }
                    else
                    {
                        var setup = machineUsed[m] ? problem.Setup(m, lastFamily[m], ops[i].Family) : 0;
                        if (Availability.EarliestFit(problem.Unavailable[m], Math.Max(readyTime[i], machineFree[m] + setup), duration, problem.Horizon) is not { } fit)
                            continue;
                        start = fit;
                    }
                    var end = start + duration;
                    if (end < best.End || (end == best.End && tails[i] > best.Tail))
                        best = (i, m, start, end, tails[i]);
                }
            }
            if (best.Op < 0)
                return null;
            var op = ops[best.Op];
            placed[best.Op] = new ScheduledOperation(op.JobId, op.OperationId, problem.Problem.Machines[best.Machine].Id, best.Start, best.End);
            machineFree[best.Machine] = best.End;
            lastFamily[best.Machine] = op.Family;
            machineUsed[best.Machine] = true;
            ready.Remove(best.Op);
            foreach (var s in successors[best.Op])
            {
                readyTime[s] = Math.Max(readyTime[s], best.End);
                if (--remaining[s] == 0)
                    ready.Add(s);
            }
        }
        return placed.All(p => p is not null) ? [.. placed.Select(p => p!)] : null;
    }
}
