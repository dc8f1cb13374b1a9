using System.Diagnostics;
using Zhizao.Scheduling.Model;
using Zhizao.Scheduling.Rescheduling;
using Zhizao.Scheduling.Solving;

namespace Zhizao.Scheduling.Benchmarks;

/// <summary>What the size benchmark measured on one generated shop.</summary>
/// <param name="Jobs">Jobs.</param>
/// <param name="Machines">Machines.</param>
/// <param name="Operations">Operations.</param>
/// <param name="FirstPlanSeconds">From the call to the first feasible plan (validation, model building and presolve included).</param>
/// <param name="FirstObjective">Objective of that first plan.</param>
/// <param name="Seconds">Wall time of the whole solve.</param>
/// <param name="Objective">Final objective.</param>
/// <param name="Bound">CP-SAT's lower bound.</param>
/// <param name="Solutions">Improving solutions reported.</param>
/// <param name="Violations">Checker violations of the final plan (0 when valid).</param>
/// <param name="RepairSeconds">Wall time of the repair after one breakdown (model building included).</param>
/// <param name="RepairStatus">Status of the repair.</param>
/// <param name="RepairChanged">Operations the repair changed.</param>
/// <param name="RepairFrozen">Operations it kept frozen.</param>
/// <param name="RepairViolations">Checker violations of the repaired plan against the problem with the breakdown.</param>
/// <param name="BrokenMachine">The machine that broke down (the busiest one).</param>
/// <param name="RepairNotes">The repair's notes (says when the right-shift plan was returned because the search found none).</param>
public sealed record LargeShopResult(
    int Jobs, int Machines, int Operations, double FirstPlanSeconds, long FirstObjective, double Seconds, long Objective, double Bound, int Solutions,
    int Violations, double RepairSeconds, ScheduleStatus RepairStatus, int RepairChanged, int RepairFrozen, int RepairViolations, string BrokenMachine,
    string RepairNotes);

/// <summary>
/// The size target: a generated flexible shop (<see cref="SyntheticShop"/>) with setups and calendars is scheduled for
/// makespan plus weighted tardiness; the time to the first feasible plan and the improvement to the time limit are
/// measured; then the busiest machine breaks down for four hours a quarter into the plan and the plan is repaired.
/// </summary>
public static class LargeShopBenchmark
{
    /// <summary>Runs the benchmark once.</summary>
    public static async Task<LargeShopResult> RunAsync(int jobs, int machines, int seed, TimeSpan timeLimit, TimeSpan repairTimeLimit, int workers,
        CancellationToken cancellationToken)
    {
        var problem = SyntheticShop.Generate(jobs, machines, seed);
        var objective = new ObjectiveWeights(Makespan: 1, WeightedTardiness: 1);
        var progress = new FirstSolution();
        var clock = Stopwatch.StartNew();
        progress.Clock = clock;
        var solved = await CpSatScheduler.SolveAsync(problem, new SchedulerOptions { TimeLimit = timeLimit, Workers = workers, Objective = objective, Progress = progress },
            cancellationToken);
        var seconds = clock.Elapsed.TotalSeconds;
        if (!solved.HasSchedule)
            throw new InvalidOperationException($"no plan for the generated shop: {string.Join("; ", solved.Explanation)}");
        var violations = ScheduleChecker.Check(problem, solved.Operations).Count;
        // Greedy fallback (no CP-SAT solution in time) reports no progress: its plan is then the first.
        var firstSeconds = progress.Seconds ?? seconds;
        var firstObjective = progress.Objective ?? solved.Objective ?? 0;

        var busiest = solved.Machines.OrderByDescending(m => m.Utilisation).First().MachineId;
        var now = solved.Kpis!.Makespan / 4;
        var request = new RescheduleRequest(problem, solved.Operations, now, 60, [new MachineBreakdown(busiest, new TimeWindow(now, now + 240))]);
        clock.Restart();
        var repaired = await Rescheduler.RescheduleAsync(request, new SchedulerOptions { TimeLimit = repairTimeLimit, Workers = workers, Objective = objective }, cancellationToken: cancellationToken);
        var repairSeconds = clock.Elapsed.TotalSeconds;
        var repairViolations = repaired.Schedule.HasSchedule ? ScheduleChecker.Check(repaired.Problem, repaired.Schedule.Operations).Count : -1;
        return new LargeShopResult(jobs, machines, problem.Jobs.Sum(j => j.Operations.Count), firstSeconds, firstObjective, seconds, solved.Objective ?? 0,
            solved.Bound, progress.Count, violations, repairSeconds, repaired.Schedule.Status, repaired.ChangedOperations, repaired.FrozenOperations, repairViolations, busiest,
            string.Join(" ", repaired.Schedule.Explanation));
    }

    private sealed class FirstSolution : IProgress<SchedulingProgress>
    {
        private readonly Lock _lock = new();

        public Stopwatch Clock { get; set; } = new();
        public double? Seconds { get; private set; }
        public long? Objective { get; private set; }
        public int Count { get; private set; }

        public void Report(SchedulingProgress value)
        {
            lock (_lock)
            {
                Count++;
                if (Seconds is not null)
                    return;
                Seconds = Clock.Elapsed.TotalSeconds;
                Objective = (long)Math.Round(value.Objective);
            }
        }
    }
}
