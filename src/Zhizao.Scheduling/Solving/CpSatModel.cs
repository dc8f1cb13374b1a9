using Google.OrTools.Sat;
using Zhizao.Scheduling.Model;

namespace Zhizao.Scheduling.Solving;

/// <summary>
/// The CP-SAT model of a <see cref="CompiledProblem"/>. Each operation has a start and end; each eligible machine an
/// optional fixed-size interval sharing that start, exactly one present. Every machine has a no-overlap over its
/// intervals plus one fixed interval per unavailable window, so an operation never spans a break (it waits for the
/// next shift rather than pausing). Sequence-dependent setups add a circuit per machine whose arcs enforce
/// end + setup ≤ next start (setups there are not blocked by windows). A machine with more than
/// <see cref="CompiledProblem.MaxCircuitCandidates"/> candidate operations would need a quadratic number of arcs; there
/// each interval instead reserves, before the operation, the largest setup into its family — never violating a setup,
/// possibly over-reserving, and never inside a blocked window.
/// </summary>
internal sealed class CpSatModel
{
    /// <param name="problem">The compiled problem.</param>
    /// <param name="options">Solve options.</param>
    /// <param name="boundByGreedy">
    /// Caps every end at the greedy makespan for pure makespan objectives; callers that add side constraints (the
    /// rescheduler) pass false, since the greedy plan may violate them.
    /// </param>
    /// <param name="setupDone">Operations whose setup is already done (started ones): they reserve no setup time.</param>
    public CpSatModel(CompiledProblem problem, SchedulerOptions options, bool boundByGreedy = true, Func<int, bool>? setupDone = null)
    {
        Problem = problem;
        Model = new CpModel();
        var ops = problem.Operations;
        var horizon = problem.Horizon;
        var heads = options.Strengthened ? problem.Heads() : [.. ops.Select(o => o.Release)];
        var tails = options.Strengthened ? problem.Tails() : new long[ops.Count];
        Greedy = options.Strengthened ? GreedyScheduler.Schedule(problem) : null;
        var upper = horizon;
        if (boundByGreedy && options.Strengthened && options.Objective.IsMakespanOnly && Greedy is not null)
            upper = Greedy.Max(g => g.End);

        long Pad(int m, FlatOperation op) => setupDone?.Invoke(op.Index) == true ? 0 : problem.ReservedSetup(m, op.Family);
        Fallback = boundByGreedy ? Greedy : null;
        Starts = new IntVar[ops.Count];
        Ends = new IntVar[ops.Count];
        Presence = new ILiteral[ops.Count][];
        var machineIntervals = Enumerable.Range(0, problem.MachineCount).Select(_ => new List<(int Op, IntervalVar Interval, ILiteral Present)>()).ToArray();
        foreach (var op in ops)
        {
            var maxEnd = upper - tails[op.Index];
            Starts[op.Index] = Model.NewIntVar(heads[op.Index], Math.Max(heads[op.Index], maxEnd - op.MinDuration), $"s{op.Index}");
            Ends[op.Index] = Model.NewIntVar(heads[op.Index] + op.MinDuration, Math.Max(heads[op.Index] + op.MinDuration, maxEnd), $"e{op.Index}");
            Presence[op.Index] = new ILiteral[op.Options.Length];
            if (op.Options.Length == 1)
            {
                var (m, d) = op.Options[0];
                Presence[op.Index][0] = Model.TrueLiteral();
                var pad = Pad(m, op);
                var interval = Model.NewIntervalVar(Starts[op.Index] - pad, d + pad, Ends[op.Index], $"i{op.Index}");
                machineIntervals[m].Add((op.Index, interval, Presence[op.Index][0]));
                continue;
            }
            var durationTerms = new List<LinearExpr>();
            for (var k = 0; k < op.Options.Length; k++)
            {
                var (m, d) = op.Options[k];
                var present = Model.NewBoolVar($"p{op.Index}_{m}");
                Presence[op.Index][k] = present;
                var pad = Pad(m, op);
                machineIntervals[m].Add((op.Index, Model.NewOptionalFixedSizeIntervalVar(Starts[op.Index] - pad, d + pad, present, $"i{op.Index}_{m}"), present));
                durationTerms.Add(d * present);
            }
            Model.AddExactlyOne(Presence[op.Index]);
            Model.Add(Ends[op.Index] == Starts[op.Index] + LinearExpr.Sum(durationTerms));
        }

        foreach (var op in ops)
            foreach (var p in op.Predecessors)
                Model.Add(Starts[op.Index] >= Ends[p]);

        for (var m = 0; m < problem.MachineCount; m++)
        {
            var intervals = machineIntervals[m].Select(x => x.Interval).ToList();
            MaxMandatoryPerMachine = Math.Max(MaxMandatoryPerMachine, machineIntervals[m].Count(x => Operations(x.Op).Options.Length == 1));
            intervals.AddRange(problem.Unavailable[m].Select(w => Model.NewFixedSizeIntervalVar(w.Start, w.Length, $"blocked{m}_{w.Start}")));
            Model.AddNoOverlap(intervals);
            if (problem.HasSetups[m] && !problem.ReservesSetups[m])
                AddSetupCircuit(m, machineIntervals[m]);
        }

        Makespan = Model.NewIntVar(heads.Zip(ops, (h, o) => h + o.MinDuration + tails[o.Index]).DefaultIfEmpty(0).Max(), upper, "makespan");
        foreach (var op in ops)
            if (tails[op.Index] > 0 || problem.JobSinks[op.Job].Contains(op.Index))
                Model.Add(Makespan >= Ends[op.Index] + tails[op.Index]);
        if (options.Strengthened)
            AddMachineLoadBounds(heads, tails);
        ObjectiveTerms.AddRange(ObjectiveFor(options.Objective));
    }

    public CompiledProblem Problem { get; }
    public CpModel Model { get; }
    public IntVar[] Starts { get; }
    public IntVar[] Ends { get; }
    public ILiteral[][] Presence { get; }
    public IntVar Makespan { get; }
    public List<ScheduledOperation>? Greedy { get; }

    /// <summary>
    /// A plan that satisfies every constraint of this model, returned when the search finds none in time: the greedy plan
    /// when no side constraints were added; the rescheduler sets its right-shift repair.
    /// </summary>
    public List<ScheduledOperation>? Fallback { get; set; }

    /// <summary>The most operations any machine must process (operations with it as their only eligible machine).</summary>
    public int MaxMandatoryPerMachine { get; private set; }

    private FlatOperation Operations(int index) => Problem.Operations[index];

    /// <summary>Arc literals of the setup circuits (quadratic in a machine's candidates); large counts make presolve probing slow.</summary>
    public int CircuitArcs => _circuits.Sum(c => c.Arcs.Count);

    private readonly List<MachineCircuit> _circuits = [];
    private readonly List<(int Job, IntVar Tardiness)> _tardiness = [];
    private readonly List<(int Job, ILiteral Late)> _late = [];
    private readonly List<(int Op, IntVar Moved, long OldStart)> _moves = [];

    /// <summary>Registers a variable equal to |start − <paramref name="oldStart"/>| so that hints complete it.</summary>
    public void TrackMove(int op, IntVar moved, long oldStart) => _moves.Add((op, moved, oldStart));

    /// <summary>One machine's setup circuit: its candidate operations and the literals of its arcs.</summary>
    private sealed record MachineCircuit(int Machine, int[] Operations, ILiteral Empty, ILiteral[] First, ILiteral[] Last, Dictionary<(int, int), ILiteral> Arcs);

    /// <summary>Terms summed into the minimised objective; the rescheduler appends its stability penalty.</summary>
    public List<LinearExpr> ObjectiveTerms { get; } = [];

    /// <summary>Hints every operation's machine and start from <paramref name="schedule"/>.</summary>
    public void AddHint(IReadOnlyList<ScheduledOperation> schedule)
    {
        Model.ClearHints();
        foreach (var s in schedule)
        {
            if (Problem.Find(s.JobId, s.OperationId) is not { } op)
                continue;
            Model.AddHint(Starts[op.Index], s.Start);
            Model.AddHint(Ends[op.Index], s.End);
            if (op.Options.Length > 1)
                for (var k = 0; k < op.Options.Length; k++)
                    Model.AddHint(Presence[op.Index][k], Problem.Problem.Machines[op.Options[k].Machine].Id == s.MachineId);
        }
        if (schedule.Count > 0)
            Model.AddHint(Makespan, schedule.Max(s => s.End));
        HintCircuitsAndObjective(schedule);
    }

    /// <summary>
    /// Completes a hint: each setup circuit's arcs from the hinted order on its machine, and the tardiness and lateness of
    /// each job. A complete, feasible hint is CP-SAT's first solution at once; an incomplete one must be repaired by search.
    /// </summary>
    private void HintCircuitsAndObjective(IReadOnlyList<ScheduledOperation> schedule)
    {
        var byOperation = new Dictionary<int, ScheduledOperation>();
        foreach (var s in schedule)
            if (Problem.Find(s.JobId, s.OperationId) is { } op)
                byOperation[op.Index] = s;
        foreach (var circuit in _circuits)
        {
            var machineId = Problem.Problem.Machines[circuit.Machine].Id;
            var order = Enumerable.Range(0, circuit.Operations.Length)
                .Where(k => byOperation.TryGetValue(circuit.Operations[k], out var s) && s.MachineId == machineId)
                .OrderBy(k => byOperation[circuit.Operations[k]].Start).ToList();
            var next = new Dictionary<int, int>();
            for (var i = 0; i + 1 < order.Count; i++)
                next[order[i]] = order[i + 1];
            Model.AddHint(circuit.Empty, order.Count == 0);
            for (var k = 0; k < circuit.Operations.Length; k++)
            {
                Model.AddHint(circuit.First[k], order.Count > 0 && order[0] == k);
                Model.AddHint(circuit.Last[k], order.Count > 0 && order[^1] == k);
            }
            foreach (var ((a, b), arc) in circuit.Arcs)
                Model.AddHint(arc, next.TryGetValue(a, out var n) && n == b);
        }
        var jobs = Problem.Problem.Jobs;
        long? Completion(int job) => Problem.JobSinks[job].All(byOperation.ContainsKey) ? Problem.JobSinks[job].Max(o => byOperation[o].End) : null;
        foreach (var (job, tardiness) in _tardiness)
            if (Completion(job) is { } end)
                Model.AddHint(tardiness, Math.Max(0, end - jobs[job].Due!.Value));
        foreach (var (job, late) in _late)
            if (Completion(job) is { } end)
                Model.AddHint(late, end > jobs[job].Due!.Value);
        foreach (var (op, moved, oldStart) in _moves)
            if (byOperation.TryGetValue(op, out var s))
                Model.AddHint(moved, Math.Abs(s.Start - oldStart));
    }

    private IEnumerable<LinearExpr> ObjectiveFor(ObjectiveWeights weights)
    {
        if (weights.Makespan > 0)
            yield return weights.Makespan * Makespan;
        if (weights.WeightedTardiness == 0 && weights.LateJobs == 0)
            yield break;
        var jobs = Problem.Problem.Jobs;
        for (var j = 0; j < jobs.Count; j++)
        {
            if (jobs[j].Due is not { } due)
                continue;
            if (weights.WeightedTardiness > 0)
            {
                var tardiness = Model.NewIntVar(0, Problem.Horizon, $"t{j}");
                foreach (var sink in Problem.JobSinks[j])
                    Model.Add(tardiness >= Ends[sink] - due);
                _tardiness.Add((j, tardiness));
                yield return weights.WeightedTardiness * jobs[j].Weight * tardiness;
            }
            if (weights.LateJobs > 0)
            {
                var late = Model.NewBoolVar($"late{j}");
                foreach (var sink in Problem.JobSinks[j])
                    Model.Add(Ends[sink] <= due).OnlyEnforceIf(late.Not());
                _late.Add((j, late));
                yield return weights.LateJobs * jobs[j].Weight * late;
            }
        }
    }

    private void AddSetupCircuit(int machine, List<(int Op, IntervalVar Interval, ILiteral Present)> candidates)
    {
        // Node 0 is the depot (start/end of the machine's sequence); node k+1 is candidate k.
        var circuit = Model.AddCircuit();
        var record = new MachineCircuit(machine, [.. candidates.Select(c => c.Op)], Model.NewBoolVar($"empty{machine}"),
            new ILiteral[candidates.Count], new ILiteral[candidates.Count], []);
        _circuits.Add(record);
        circuit.AddArc(0, 0, record.Empty);
        for (var a = 0; a < candidates.Count; a++)
        {
            var (opA, _, presentA) = candidates[a];
            record.First[a] = Model.NewBoolVar($"first{machine}_{a}");
            record.Last[a] = Model.NewBoolVar($"last{machine}_{a}");
            circuit.AddArc(0, a + 1, record.First[a]);
            circuit.AddArc(a + 1, 0, record.Last[a]);
            circuit.AddArc(a + 1, a + 1, presentA.Not());
            for (var b = 0; b < candidates.Count; b++)
            {
                if (a == b)
                    continue;
                var opB = candidates[b].Op;
                var arc = Model.NewBoolVar($"arc{machine}_{a}_{b}");
                record.Arcs[(a, b)] = arc;
                circuit.AddArc(a + 1, b + 1, arc);
                var setup = Problem.Setup(machine, Problem.Operations[opA].Family, Problem.Operations[opB].Family);
                Model.Add(Starts[opB] >= Ends[opA] + setup).OnlyEnforceIf(arc);
            }
        }
    }

    private void AddMachineLoadBounds(long[] heads, long[] tails)
    {
        // A machine that must process a set of operations cannot finish before the smallest head plus their total
        // duration plus the smallest tail; CP-SAT's disjunctive propagators do not state this to the LP.
        for (var m = 0; m < Problem.MachineCount; m++)
        {
            var fixedOps = Problem.Operations.Where(o => o.Options.Length == 1 && o.Options[0].Machine == m).ToList();
            if (fixedOps.Count < 2)
                continue;
            var load = fixedOps.Sum(o => o.Options[0].Duration);
            var bound = fixedOps.Min(o => heads[o.Index]) + load + fixedOps.Min(o => tails[o.Index]);
            Model.Add(Makespan >= bound);
        }
    }
}
