using Zhizao.Scheduling.Model;
using Zhizao.Scheduling.Solving;

namespace Zhizao.Scheduling.Tests;

public class ConstraintTests
{
    [Fact]
    public async Task Operations_never_overlap_maintenance_windows_or_leave_their_shifts()
    {
        var clock = new PlanClock(new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero));
        var holiday = new DateOnly(2026, 11, 24);
        var shifts = clock.DailyShifts(4, TimeSpan.FromHours(8), TimeSpan.FromHours(16), [holiday]);
        var maintenance = new BlockedWindow("M1", clock.ToWindow(clock.PlanStart.AddHours(9), clock.PlanStart.AddHours(12)), "bearing");
        var problem = new SchedulingProblem(
            [new Machine("M1", shifts), new Machine("M2", shifts)],
            [.. Enumerable.Range(0, 4).Select(j => TestData.Chain($"J{j}", ("M1", 120), ("M2", 90)))],
            BlockedWindows: [maintenance]);

        var result = await TestData.SolveChecked(problem, TestData.Quick());

        foreach (var op in result.Operations)
        {
            Assert.False(maintenance.Window.Overlaps(op.Start, op.End) && op.MachineId == "M1", $"{op} overlaps maintenance");
            Assert.Contains(shifts, s => s.Start <= op.Start && op.End <= s.End);
            Assert.NotEqual(holiday, DateOnly.FromDateTime(clock.ToTime(op.Start).Date));
        }
    }

    [Fact]
    public async Task Sequence_dependent_setups_separate_operations_of_different_families()
    {
        // Two families on one machine; switching costs 30 min, so the optimum groups families: one switch only.
        Job Lot(string id, string family) => TestData.Chain(id, ("M", 10)) with { Family = family };
        var problem = new SchedulingProblem([new Machine("M")],
            [Lot("r1", "red"), Lot("b1", "blue"), Lot("r2", "red"), Lot("b2", "blue")],
            Setups: [new SetupTime(null, "red", "blue", 30), new SetupTime(null, "blue", "red", 30)]);

        var result = await TestData.SolveChecked(problem, TestData.Quick());

        Assert.Equal(70, result.Kpis!.Makespan);
        var sequence = result.Machines[0].Sequence;
        Assert.Equal(30, sequence.Sum(o => o.SetupBefore));
        for (var i = 1; i < sequence.Count; i++)
            Assert.True(sequence[i].Start >= sequence[i - 1].End + sequence[i].SetupBefore);
    }

    [Fact]
    public async Task Machines_with_many_candidates_still_respect_setups()
    {
        // 80 lots exceed the circuit limit: the model reserves the largest setup before each lot instead.
        var lots = Enumerable.Range(0, 80).Select(i => TestData.Chain($"L{i}", ("M", 5)) with { Family = i % 2 == 0 ? "red" : "blue" }).ToArray();
        var problem = new SchedulingProblem([new Machine("M")], lots,
            Setups: [new SetupTime(null, "red", "blue", 7), new SetupTime(null, "blue", "red", 3)]);

        var result = await TestData.SolveChecked(problem, TestData.Quick() with { TimeLimit = TimeSpan.FromSeconds(2) });

        Assert.Equal(80, result.Operations.Count);
    }

    [Fact]
    public async Task Flexible_operation_goes_to_the_faster_free_machine_and_dag_precedence_holds()
    {
        // "assemble" needs both "left" and "right"; each may run on either machine, M2 is faster.
        var job = new Job("J", [
            new Operation("left", [new MachineOption("M1", 10), new MachineOption("M2", 6)], []),
            new Operation("right", [new MachineOption("M1", 10), new MachineOption("M2", 6)], []),
            new Operation("assemble", [new MachineOption("M1", 5)], ["left", "right"]),
        ]);

        var result = await TestData.SolveChecked(TestData.Problem(["M1", "M2"], job), TestData.Quick());

        // Best: one side on M2 (0-6), the other on M1 (0-10), assemble 10-15.
        Assert.Equal(15, result.Kpis!.Makespan);
        Assert.Equal(ScheduleStatus.Optimal, result.Status);
    }

    [Fact]
    public async Task Warm_start_returns_a_schedule_at_least_as_good_as_the_hint()
    {
        var problem = (await Benchmarks.BenchmarkInstance.ReadAsync(TestData.Jsp("la/la01.txt"), CancellationToken.None)).ToProblem();
        var first = await TestData.SolveChecked(problem, TestData.Quick() with { TimeLimit = TimeSpan.FromSeconds(0.3) });

        var warm = await TestData.SolveChecked(problem, TestData.Quick() with { TimeLimit = TimeSpan.FromSeconds(0.3), Hint = first.Operations, Strengthened = false });

        Assert.True(warm.Kpis!.Makespan <= first.Kpis!.Makespan, $"{warm.Kpis.Makespan} > hint {first.Kpis.Makespan}");
    }

    [Fact]
    public void Checker_reports_overlap_precedence_and_ineligible_machine()
    {
        var problem = TestData.Problem(["M1", "M2"], TestData.Chain("A", ("M1", 5), ("M2", 5)), TestData.Chain("B", ("M1", 5)));
        List<ScheduledOperation> broken = [
            new("A", "o0", "M1", 0, 5), new("A", "o1", "M2", 3, 8), // precedence: o1 starts before o0 ends
            new("B", "o0", "M1", 4, 9), // overlaps A/o0 on M1
        ];

        var violations = ScheduleChecker.Check(problem, broken);

        Assert.Contains(violations, v => v.Contains("predecessor", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Contains("overlaps", StringComparison.Ordinal));
        Assert.Contains(ScheduleChecker.Check(problem, [.. broken.Take(2), new("B", "o0", "M2", 20, 25)]), v => v.Contains("not eligible", StringComparison.Ordinal));
    }
}
