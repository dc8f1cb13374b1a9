namespace Zhizao.Scheduling.Model;

/// <summary>One operation of a validated problem with indices resolved, shared by the solver, heuristics and checker.</summary>
internal sealed record FlatOperation(int Index, int Job, string JobId, string OperationId, string? Family, long Release,
    (int Machine, long Duration)[] Options, int[] Predecessors)
{
    public long MinDuration => Options.Min(o => o.Duration);
}

/// <summary>A validated problem with ids resolved to indices, the horizon and each machine's unavailable windows.</summary>
internal sealed class CompiledProblem
{
    private readonly Dictionary<(int Machine, string From, string To), long> _setups = [];
    private readonly Dictionary<(string From, string To), long> _globalSetups = [];
    private readonly Dictionary<(string JobId, string OperationId), int> _byId;
    private readonly string?[] _families;

    public CompiledProblem(SchedulingProblem problem)
    {
        problem.EnsureValid();
        Problem = problem;
        Horizon = Availability.Horizon(problem);
        MachineIndex = problem.Machines.Select((m, i) => (m.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
        Unavailable = [.. problem.Machines.Select(m => Availability.Unavailable(problem, m, Horizon))];
        foreach (var s in problem.SetupList)
        {
            if (s.MachineId is null)
                _globalSetups[(s.FromFamily, s.ToFamily)] = s.Minutes;
            else
                _setups[(MachineIndex[s.MachineId], s.FromFamily, s.ToFamily)] = s.Minutes;
        }

        var ops = new List<FlatOperation>();
        var jobOps = new List<int[]>();
        for (var j = 0; j < problem.Jobs.Count; j++)
        {
            var job = problem.Jobs[j];
            var first = ops.Count;
            var local = job.Operations.Select((o, i) => (o.Id, i)).ToDictionary(p => p.Id, p => first + p.i, StringComparer.Ordinal);
            for (var i = 0; i < job.Operations.Count; i++)
            {
                var op = job.Operations[i];
                // Options that can never fit (a window shorter than the duration everywhere) are dropped here.
                var options = op.Options
                    .Select(o => (Machine: MachineIndex[o.MachineId], o.Duration))
                    .Where(o => Availability.EarliestFit(Unavailable[o.Machine], job.Release, o.Duration, Horizon) is not null)
                    .ToArray();
                var preds = SchedulingValidator.PredecessorsOf(job, i).Select(p => local[p]).ToArray();
                ops.Add(new FlatOperation(ops.Count, j, job.Id, op.Id, op.Family ?? job.Family, job.Release, options, preds));
            }
            jobOps.Add([.. Enumerable.Range(first, job.Operations.Count)]);
        }
        Operations = ops;
        _byId = ops.ToDictionary(o => (o.JobId, o.OperationId), o => o.Index);
        JobOperations = jobOps;
        var hasSuccessor = new bool[ops.Count];
        foreach (var p in ops.SelectMany(o => o.Predecessors))
            hasSuccessor[p] = true;
        JobSinks = [.. jobOps.Select(js => js.Where(o => !hasSuccessor[o]).ToArray())];
        TopologicalOrder = TopologicalSort(ops);
        HasSetups = [.. Enumerable.Range(0, problem.Machines.Count).Select(m => problem.SetupList.Any(s => s.Minutes > 0 && (s.MachineId is null || MachineIndex[s.MachineId] == m)))];
        var candidates = new int[problem.Machines.Count];
        foreach (var o in ops.SelectMany(o => o.Options))
            candidates[o.Machine]++;
        ReservesSetups = [.. Enumerable.Range(0, problem.Machines.Count).Select(m => HasSetups[m] && candidates[m] > MaxCircuitCandidates)];
        _families = [.. ops.Select(o => o.Family).Distinct()];
    }

    public SchedulingProblem Problem { get; }
    public long Horizon { get; }
    public Dictionary<string, int> MachineIndex { get; }
    public IReadOnlyList<TimeWindow>[] Unavailable { get; }
    public IReadOnlyList<FlatOperation> Operations { get; }
    public IReadOnlyList<int[]> JobOperations { get; }
    public IReadOnlyList<int[]> JobSinks { get; }
    public int[] TopologicalOrder { get; }
    public bool[] HasSetups { get; }
    public int MachineCount => Problem.Machines.Count;

    /// <summary>Largest candidate count per machine for the exact setup circuit (quadratic in candidates).</summary>
    public const int MaxCircuitCandidates = 60;

    /// <summary>
    /// Machines with setups and too many candidates for the circuit: there each operation reserves, just before it,
    /// the largest setup into its family (<see cref="ReservedSetup"/>) — safe, possibly over-reserving.
    /// </summary>
    public bool[] ReservesSetups { get; }

    /// <summary>The setup reserved before an operation of <paramref name="family"/> on <paramref name="machine"/> (0 unless it reserves setups).</summary>
    public long ReservedSetup(int machine, string? family) =>
        ReservesSetups[machine] ? _families.Max(f => Setup(machine, f, family)) : 0;

    /// <summary>Setup minutes on machine <paramref name="machine"/> between two families (0 when unknown or equal-free).</summary>
    public long Setup(int machine, string? from, string? to)
    {
        if (from is null || to is null)
            return 0;
        if (_setups.TryGetValue((machine, from, to), out var m))
            return m;
        return _globalSetups.TryGetValue((from, to), out var g) ? g : 0;
    }

    /// <summary>Finds an operation by job and operation id.</summary>
    public FlatOperation? Find(string jobId, string operationId) =>
        _byId.TryGetValue((jobId, operationId), out var i) ? Operations[i] : null;

    /// <summary>Longest chain of minimum durations after each operation ends (a lower bound on the time still needed).</summary>
    public long[] Tails()
    {
        var tails = new long[Operations.Count];
        foreach (var o in TopologicalOrder.Reverse())
            foreach (var p in Operations[o].Predecessors)
                tails[p] = Math.Max(tails[p], tails[o] + Operations[o].MinDuration);
        return tails;
    }

    /// <summary>Earliest start of each operation from releases and minimum durations along precedence.</summary>
    public long[] Heads()
    {
        var heads = new long[Operations.Count];
        foreach (var o in TopologicalOrder)
        {
            heads[o] = Math.Max(heads[o], Operations[o].Release);
            foreach (var p in Operations[o].Predecessors)
                heads[o] = Math.Max(heads[o], heads[p] + Operations[p].MinDuration);
        }
        return heads;
    }

    private static int[] TopologicalSort(List<FlatOperation> ops)
    {
        var indegree = ops.Select(o => o.Predecessors.Length).ToArray();
        var successors = ops.Select(_ => new List<int>()).ToArray();
        foreach (var o in ops)
            foreach (var p in o.Predecessors)
                successors[p].Add(o.Index);
        var queue = new Queue<int>(ops.Where(o => o.Predecessors.Length == 0).Select(o => o.Index));
        var order = new List<int>(ops.Count);
        while (queue.TryDequeue(out var v))
        {
            order.Add(v);
            foreach (var s in successors[v])
                if (--indegree[s] == 0)
                    queue.Enqueue(s);
        }
        return [.. order];
    }
}
