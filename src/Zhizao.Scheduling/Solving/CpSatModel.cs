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
        GreedyIsValid = boundByGreedy;
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

    /// <summary>True when the greedy plan satisfies every constraint of this model (no side constraints were added).</summary>
    public bool GreedyIsValid { get; }

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
                yield return weights.WeightedTardiness * jobs[j].Weight * tardiness;
            }
            if (weights.LateJobs > 0)
            {
                var late = Model.NewBoolVar($"late{j}");
                foreach (var sink in Problem.JobSinks[j])
                    Model.Add(Ends[sink] <= due).OnlyEnforceIf(late.Not());
                yield return weights.LateJobs * jobs[j].Weight * late;
            }
        }
    }

    private void AddSetupCircuit(int machine, List<(int Op, IntervalVar Interval, ILiteral Present)> candidates)
    {
        // Node 0 is the depot (start/end of the machine's sequence); node k+1 is candidate k.
        var circuit = Model.AddCircuit();
        circuit.AddArc(0, 0, Model.NewBoolVar($"empty{machine}"));
        for (var a = 0; a < candidates.Count; a++)
        {
            var (opA, _, presentA) = candidates[a];
            circuit.AddArc(0, a + 1, Model.NewBoolVar($"first{machine}_{a}"));
            circuit.AddArc(a + 1, 0, Model.NewBoolVar($"last{machine}_{a}"));
            circuit.AddArc(a + 1, a + 1, presentA.Not());
            for (var b = 0; b < candidates.Count; b++)
            {
                if (a == b)
                    continue;
                var opB = candidates[b].Op;
                var arc = Model.NewBoolVar($"arc{machine}_{a}_{b}");
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
