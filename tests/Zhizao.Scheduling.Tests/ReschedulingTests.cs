using Zhizao.Scheduling.Model;
using Zhizao.Scheduling.Rescheduling;
using Zhizao.Scheduling.Solving;

namespace Zhizao.Scheduling.Tests;

public class ReschedulingTests
{
    private static SchedulingProblem Shop() => TestData.Problem(["M1", "M2", "M3"],
        new Job("A", [new Operation("o0", [new MachineOption("M1", 30), new MachineOption("M2", 40)]), new Operation("o1", [new MachineOption("M3", 20)])]),
        new Job("B", [new Operation("o0", [new MachineOption("M1", 25), new MachineOption("M2", 35)]), new Operation("o1", [new MachineOption("M3", 30)])]),
        new Job("C", [new Operation("o0", [new MachineOption("M2", 20)]), new Operation("o1", [new MachineOption("M1", 30), new MachineOption("M3", 15)])]),
        new Job("D", [new Operation("o0", [new MachineOption("M1", 15), new MachineOption("M2", 15)]), new Operation("o1", [new MachineOption("M3", 25)])]));

    private static async Task<RescheduleResult> Repair(SchedulingProblem problem, ScheduleResult plan, long now, params Disruption[] events)
    {
        var result = await Rescheduler.RescheduleAsync(new RescheduleRequest(problem, plan.Operations, now, 15, events), TestData.Quick(), cancellationToken: CancellationToken.None);
        Assert.True(result.Schedule.HasSchedule, string.Join("; ", result.Schedule.Explanation));
        Assert.Empty(ScheduleChecker.Check(result.Problem, result.Schedule.Operations));
        foreach (var started in plan.Operations.Where(o => o.Start < now))
        {
            var after = result.Schedule.Operations.Single(o => o.JobId == started.JobId && o.OperationId == started.OperationId);
            var restarted = result.Changes.Any(c => c.JobId == started.JobId && c.OperationId == started.OperationId && c.Kind.HasFlag(ChangeKind.Restarted));
            if (!restarted)
                Assert.Equal((started.MachineId, started.Start), (after.MachineId, after.Start));
        }
        // Only operations running at "now" can be interrupted and restarted; later ones just move.
        Assert.All(result.Changes.Where(c => c.Kind.HasFlag(ChangeKind.Restarted)), c => Assert.True(c.OldStart < now, $"{c.JobId}/{c.OperationId} restarted"));
        return result;
    }

    [Fact]
    public async Task Without_disruption_the_repaired_plan_is_the_current_plan()
    {
        var problem = Shop();
        var plan = await TestData.SolveChecked(problem, TestData.Quick());

        var result = await Repair(problem, plan, now: 10);

        Assert.Empty(result.Changes);
        Assert.Equal(plan.Kpis!.Makespan, result.Schedule.Kpis!.Makespan);
    }

    [Fact]
    public async Task Breakdown_moves_work_off_the_broken_window_and_reports_the_changes()
    {
        var problem = Shop();
        var plan = await TestData.SolveChecked(problem, TestData.Quick());
        var window = new TimeWindow(20, 90);

        var result = await Repair(problem, plan, 20, new MachineBreakdown("M1", window));

        Assert.DoesNotContain(result.Schedule.Operations, o => o.MachineId == "M1" && window.Overlaps(o.Start, o.End));
        Assert.NotEmpty(result.Changes);
        Assert.Contains(result.Problem.BlockedList, b => b.MachineId == "M1" && b.Window == window);
    }

    [Fact]
    public async Task Rush_order_is_added_after_now_and_frozen_operations_keep_their_machine()
    {
        var problem = Shop();
        var plan = await TestData.SolveChecked(problem, TestData.Quick());
        var rush = new Job("R", [new Operation("o0", [new MachineOption("M2", 10)]), new Operation("o1", [new MachineOption("M3", 10)])], Due: 60, Weight: 5);

        var result = await Repair(problem, plan, 5, new RushOrder(rush));

        var added = result.Changes.Where(c => c.Kind == ChangeKind.Added).Select(c => c.JobId).Distinct();
        Assert.Equal(["R"], added);
        Assert.All(result.Schedule.Operations.Where(o => o.JobId == "R"), o => Assert.True(o.Start >= 5));
        foreach (var was in plan.Operations.Where(o => o.Start < 5 + 15))
            Assert.Equal(was.MachineId, result.Schedule.Operations.Single(o => o.JobId == was.JobId && o.OperationId == was.OperationId).MachineId);
    }

    [Fact]
    public async Task Operation_running_late_pushes_its_successor()
    {
        var problem = Shop();
        var plan = await TestData.SolveChecked(problem, TestData.Quick());
        var first = plan.Operations.Where(o => o.OperationId == "o0").MinBy(o => o.Start)!;

        var result = await Repair(problem, plan, first.Start + 1, new OperationRunningLate(first.JobId, "o0", (first.End - first.Start) + 50));

        var late = result.Schedule.Operations.Single(o => o.JobId == first.JobId && o.OperationId == "o0");
        var next = result.Schedule.Operations.Single(o => o.JobId == first.JobId && o.OperationId == "o1");
        Assert.Equal(first.End + 50, late.End);
        Assert.True(next.Start >= late.End);
    }
}
