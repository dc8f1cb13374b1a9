using Zhizao.Scheduling.Model;

namespace Zhizao.Scheduling.Solving;

/// <summary>How the repair heuristic treats one operation: its machine (null = free choice), earliest start, a fixed
/// start (already started), and its priority (old start; lower first).</summary>
internal readonly record struct RepairGuide(int? Machine, long Earliest, long? FixedStart, long Priority);

/// <summary>
/// Serial schedule generation heuristics that give CP-SAT a feasible starting point (hint) within milliseconds, and a
/// valid plan when the search finds none in time. <see cref="Schedule"/> repeatedly places the ready operation and
/// machine that finish earliest (ties broken by most remaining work); <see cref="Repair"/> right-shifts an old plan
/// (same machines, same order, starts moved only as far as needed). Both respect releases, precedence, setups and
/// unavailable windows.
/// </summary>
internal static class GreedyScheduler
{
    public static List<ScheduledOperation>? Schedule(CompiledProblem problem)
    {
        var ops = problem.Operations;
        var tails = problem.Tails();
        var state = new Placement(problem);
        var ready = new HashSet<int>(ops.Where(o => o.Predecessors.Length == 0).Select(o => o.Index));
        while (ready.Count > 0)
        {
            (int Op, int Machine, long Start, long End, long Tail) best = (-1, -1, 0, long.MaxValue, 0);
            foreach (var i in ready)
                foreach (var (m, duration) in ops[i].Options)
                    if (state.Fit(i, m, duration, state.ReadyTime[i]) is { } start && start + duration is var end
                        && (end < best.End || (end == best.End && tails[i] > best.Tail)))
                        best = (i, m, start, end, tails[i]);
            if (best.Op < 0)
                return null;
            ready.Remove(best.Op);
            ready.UnionWith(state.Place(best.Op, best.Machine, best.Start, best.End));
        }
        return state.Result();
    }

    /// <summary>
    /// Right-shift repair: operations in <paramref name="guide"/> priority order as they become ready, each on its given
    /// machine (or the one finishing earliest) at the earliest start its guide, predecessors, machine and calendar allow;
    /// started operations keep their start. Null when some operation cannot be placed before the horizon.
    /// </summary>
    public static List<ScheduledOperation>? Repair(CompiledProblem problem, IReadOnlyList<RepairGuide> guide)
    {
        var ops = problem.Operations;
        var state = new Placement(problem);
        var ready = new PriorityQueue<int, (long, int)>();
        foreach (var o in ops.Where(o => o.Predecessors.Length == 0))
            ready.Enqueue(o.Index, (guide[o.Index].Priority, o.Index));
        while (ready.TryDequeue(out var i, out _))
        {
            var g = guide[i];
            var earliest = Math.Max(state.ReadyTime[i], g.Earliest);
            (int Machine, long Start, long End) best = (-1, 0, long.MaxValue);
            foreach (var (m, duration) in ops[i].Options.Where(o => g.Machine is not { } only || o.Machine == only))
            {
                var start = g.FixedStart ?? state.Fit(i, m, duration, earliest);
                if (start is { } s && s + duration < best.End)
                    best = (m, s, s + duration);
            }
            if (best.Machine < 0)
                return null;
            foreach (var next in state.Place(i, best.Machine, best.Start, best.End))
                ready.Enqueue(next, (guide[next].Priority, next));
        }
        return state.Result();
    }

    /// <summary>Machines' free times and last families, operations' ready times, and what is placed.</summary>
    private sealed class Placement
    {
        private readonly CompiledProblem _problem;
        private readonly int[] _remaining;
        private readonly List<int>[] _successors;
        private readonly long[] _machineFree;
        private readonly string?[] _lastFamily;
        private readonly bool[] _machineUsed;
        private readonly ScheduledOperation?[] _placed;

        public Placement(CompiledProblem problem)
        {
            _problem = problem;
            var ops = problem.Operations;
            _remaining = [.. ops.Select(o => o.Predecessors.Length)];
            _successors = [.. ops.Select(_ => new List<int>())];
            foreach (var o in ops)
                foreach (var p in o.Predecessors)
                    _successors[p].Add(o.Index);
            ReadyTime = [.. ops.Select(o => o.Release)];
            _machineFree = new long[problem.MachineCount];
            _lastFamily = new string?[problem.MachineCount];
            _machineUsed = new bool[problem.MachineCount];
            _placed = new ScheduledOperation?[ops.Count];
        }

        /// <summary>When each operation's predecessors have all ended (and it is released).</summary>
        public long[] ReadyTime { get; }

        /// <summary>The earliest start of operation <paramref name="i"/> on machine <paramref name="m"/> from <paramref name="earliest"/>.</summary>
        public long? Fit(int i, int m, long duration, long earliest)
        {
            var op = _problem.Operations[i];
            if (_problem.ReservesSetups[m])
            {
                // The model reserves the largest setup into the family just before the operation.
                var pad = _problem.ReservedSetup(m, op.Family);
                return Availability.EarliestFit(_problem.Unavailable[m], Math.Max(earliest - pad, _machineFree[m]), duration + pad, _problem.Horizon) is { } fit
                    ? fit + pad
                    : null;
            }
            var setup = _machineUsed[m] ? _problem.Setup(m, _lastFamily[m], op.Family) : 0;
            return Availability.EarliestFit(_problem.Unavailable[m], Math.Max(earliest, _machineFree[m] + setup), duration, _problem.Horizon);
        }

        /// <summary>Places operation <paramref name="i"/>; returns the successors that became ready.</summary>
        public List<int> Place(int i, int m, long start, long end)
        {
            var op = _problem.Operations[i];
            _placed[i] = new ScheduledOperation(op.JobId, op.OperationId, _problem.Problem.Machines[m].Id, start, end);
            _machineFree[m] = Math.Max(_machineFree[m], end);
            _lastFamily[m] = op.Family;
            _machineUsed[m] = true;
            var ready = new List<int>();
            foreach (var s in _successors[i])
            {
                ReadyTime[s] = Math.Max(ReadyTime[s], end);
                if (--_remaining[s] == 0)
                    ready.Add(s);
            }
            return ready;
        }

        public List<ScheduledOperation>? Result() => _placed.All(p => p is not null) ? [.. _placed.Select(p => p!)] : null;
    }
}
