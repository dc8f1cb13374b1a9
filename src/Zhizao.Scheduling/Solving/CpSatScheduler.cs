using System.Globalization;
using Google.OrTools.Sat;
using Zhizao.Scheduling.Model;

namespace Zhizao.Scheduling.Solving;

/// <summary>Solves a <see cref="SchedulingProblem"/> with OR-Tools CP-SAT.</summary>
public static class CpSatScheduler
{
    /// <summary>
    /// Validates and solves <paramref name="problem"/>. Throws <see cref="SchedulingInputException"/> naming every
    /// culprit when the input is invalid; an infeasible model gives a result with status
    /// <see cref="ScheduleStatus.Infeasible"/> and an explanation. Cancelling stops the search and throws.
    /// </summary>
    public static Task<ScheduleResult> SolveAsync(SchedulingProblem problem, SchedulerOptions options, CancellationToken cancellationToken = default)
    {
        var compiled = new CompiledProblem(problem);
        return Task.Run(() => Solve(new CpSatModel(compiled, options), options, cancellationToken), cancellationToken);
    }

    /// <summary>Solves a built model; shared with the rescheduler, which adds its own constraints first.</summary>
    internal static ScheduleResult Solve(CpSatModel built, SchedulerOptions options, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var model = built.Model;
        model.Minimize(LinearExpr.Sum(built.ObjectiveTerms));
        if (options.Hint is { Count: > 0 } hint)
            built.AddHint(hint);
        else if (options.GreedyHint && built.Greedy is { } greedy)
            built.AddHint(greedy);

        var solver = new CpSolver { StringParameters = Parameters(options, built) };
        var callback = new ProgressCallback(options.Progress);
        CpSolverStatus status;
        using (cancellationToken.Register(solver.StopSearch))
            status = solver.Solve(model, callback);
        cancellationToken.ThrowIfCancellationRequested();
        var wall = TimeSpan.FromSeconds(solver.WallTime());
        if (status == CpSolverStatus.ModelInvalid)
            throw new InvalidOperationException("CP-SAT rejected the model: " + model.Validate());
        if (status == CpSolverStatus.Unknown && built.Fallback is { } fallback)
        {
            // The search found nothing in time (large models spend it in presolve): the heuristic plan is still valid.
            var (greedyOps, greedyMachines) = ScheduleEvaluator.Sequence(built.Problem, fallback);
            var kpis = ScheduleEvaluator.Kpis(built.Problem.Problem, greedyOps);
            return new ScheduleResult(ScheduleStatus.Feasible, ObjectiveOf(kpis, options.Objective, built.Problem.Problem), solver.BestObjectiveBound,
                greedyOps, greedyMachines, kpis, wall, ["CP-SAT found no schedule within the time limit; this is the heuristic plan (greedy, or the old plan shifted right for a repair)."]);
        }
        if (status is not (CpSolverStatus.Optimal or CpSolverStatus.Feasible))
            return new ScheduleResult(status == CpSolverStatus.Infeasible ? ScheduleStatus.Infeasible : ScheduleStatus.Unknown,
                null, solver.BestObjectiveBound, [], [], null, wall, Explain(built.Problem, status));

        var problem = built.Problem;
        var placed = problem.Operations.Select(op =>
        {
            var k = Array.FindIndex(built.Presence[op.Index], solver.BooleanValue);
            return new ScheduledOperation(op.JobId, op.OperationId, problem.Problem.Machines[op.Options[k].Machine].Id,
                solver.Value(built.Starts[op.Index]), solver.Value(built.Ends[op.Index]));
        }).ToList();
        var (operations, machines) = ScheduleEvaluator.Sequence(problem, placed);
        return new ScheduleResult(status == CpSolverStatus.Optimal ? ScheduleStatus.Optimal : ScheduleStatus.Feasible,
            (long)Math.Round(solver.ObjectiveValue), solver.BestObjectiveBound, operations, machines,
            ScheduleEvaluator.Kpis(problem.Problem, operations), wall, []);
    }

    private static long ObjectiveOf(ScheduleKpis kpis, ObjectiveWeights weights, SchedulingProblem problem) =>
        weights.Makespan * kpis.Makespan + weights.WeightedTardiness * kpis.TotalWeightedTardiness
        + weights.LateJobs * kpis.Jobs.Zip(problem.Jobs).Where(p => p.First.Late).Sum(p => (long)p.Second.Weight);

    /// <summary>Above this many operations presolve probing is off: on 1,000 operations with calendars it took ~3 s per round.</summary>
    private const int ProbingLimit = 400;

    /// <summary>Above this many setup-circuit arcs probing is off too: 11,000 arcs (127 operations on 5 machines) took 1.9 s.</summary>
    private const int ProbingArcLimit = 2_000;

    /// <summary>
    /// The strong no-overlap propagation is used only when no machine must process more operations than this: on the
    /// 50-job swv instances it slowed the search (swv12 at 10 s: 3,751 with it, 3,463 without); up to the 30 jobs of
    /// la31–35 it helped.
    /// </summary>
    private const int StrongNoOverlapMaxOperations = 30;

    private static string Parameters(SchedulerOptions options, CpSatModel built)
    {
        var inv = CultureInfo.InvariantCulture;
        var p = string.Create(inv, $"max_time_in_seconds:{options.TimeLimit.TotalSeconds} num_workers:{Math.Max(1, options.Workers)}");
        if (built.Problem.Operations.Count > ProbingLimit || built.CircuitArcs > ProbingArcLimit)
            p += " cp_model_probing_level:0";
        if (options.StrongNoOverlap && built.MaxMandatoryPerMachine <= StrongNoOverlapMaxOperations)
            p += " use_strong_propagation_in_disjunctive:true";
        if (options.RandomSeed is { } seed)
            p += string.Create(inv, $" random_seed:{seed}");
        if (!string.IsNullOrWhiteSpace(options.ExtraParameters))
            p += " " + options.ExtraParameters;
        return p;
    }

    /// <summary>Why a validated problem has no schedule: jobs whose chain alone cannot finish before the horizon.</summary>
    private static List<string> Explain(CompiledProblem problem, CpSolverStatus status)
    {
        if (status != CpSolverStatus.Infeasible)
            return ["The time limit ended before a schedule was found; allow more time."];
        var heads = problem.Heads();
        var reasons = problem.Operations
            .Where(o => heads[o.Index] + o.MinDuration > problem.Horizon)
            .Select(o => $"Job '{o.JobId}' cannot finish operation '{o.OperationId}' before the horizon (minute {problem.Horizon}): release and predecessors push it to {heads[o.Index]}")
            .ToList();
        if (reasons.Count == 0)
            reasons.Add($"No schedule fits the machines' calendars and blocked windows before the horizon (minute {problem.Horizon}); extend the calendars or the horizon.");
        return reasons;
    }

    private sealed class ProgressCallback(IProgress<SchedulingProgress>? progress) : CpSolverSolutionCallback
    {
        private int _solutions;

        public override void OnSolutionCallback()
        {
            _solutions++;
            progress?.Report(new SchedulingProgress(ObjectiveValue(), BestObjectiveBound(), TimeSpan.FromSeconds(WallTime()), _solutions));
        }
    }
}
