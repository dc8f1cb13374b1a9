using Zhizao.Scheduling.Model;
using Zhizao.Scheduling.Solving;

namespace Zhizao.Scheduling.Tests;

public class ValidationTests
{
    private static SchedulingInputException Rejects(SchedulingProblem problem) =>
        Assert.Throws<SchedulingInputException>(problem.EnsureValid);

    [Fact]
    public void Precedence_cycle_names_the_job_and_every_operation_in_it()
    {
        var job = new Job("J7", [
            new Operation("cut", [new MachineOption("M1", 3)], ["weld"]),
            new Operation("weld", [new MachineOption("M1", 3)], ["paint"]),
            new Operation("paint", [new MachineOption("M1", 3)], ["cut"]),
            new Operation("pack", [new MachineOption("M1", 3)], []),
        ]);

        var issue = Assert.Single(Rejects(TestData.Problem(["M1"], job)).Issues);

        Assert.Equal(SchedulingIssueKind.PrecedenceCycle, issue.Kind);
        Assert.Equal("J7", issue.JobId);
        foreach (var op in new[] { "cut", "weld", "paint" })
            Assert.Contains(op, issue.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("pack", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Operation_without_eligible_machine_is_named()
    {
        var job = new Job("J1", [new Operation("drill", [])]);

        var issue = Assert.Single(Rejects(TestData.Problem(["M1"], job)).Issues);

        Assert.Equal((SchedulingIssueKind.NoEligibleMachine, "J1", "drill"), (issue.Kind, issue.JobId, issue.OperationId));
    }

    [Fact]
    public void Due_before_release_names_the_job()
    {
        var job = TestData.Chain("late", ("M1", 5)) with { Release = 100, Due = 50 };

        var issue = Assert.Single(Rejects(TestData.Problem(["M1"], job)).Issues);

        Assert.Equal((SchedulingIssueKind.DueBeforeRelease, "late"), (issue.Kind, issue.JobId));
    }

    [Fact]
    public void Unknown_machine_and_negative_duration_are_both_reported()
    {
        var job = new Job("J2", [new Operation("a", [new MachineOption("M9", 5)]), new Operation("b", [new MachineOption("M1", -4)])]);

        var issues = Rejects(TestData.Problem(["M1"], job)).Issues;

        Assert.Contains(issues, i => i is { Kind: SchedulingIssueKind.UnknownMachine, JobId: "J2", OperationId: "a", MachineId: "M9" });
        Assert.Contains(issues, i => i is { Kind: SchedulingIssueKind.NegativeTime, JobId: "J2", OperationId: "b", MachineId: "M1" });
    }

    [Fact]
    public void Operation_longer_than_every_shift_is_named_with_its_machine()
    {
        // Shifts of 8 h; a 9 h operation can never run without spanning a break.
        var clock = new PlanClock(new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.FromHours(8)));
        var shifts = clock.DailyShifts(5, TimeSpan.FromHours(8), TimeSpan.FromHours(16));
        var problem = new SchedulingProblem([new Machine("Lathe", shifts)], [TestData.Chain("J3", ("Lathe", 9 * 60))]);

        var issue = Assert.Single(Rejects(problem).Issues);

        Assert.Equal((SchedulingIssueKind.NeverFits, "J3", "o0", "Lathe"), (issue.Kind, issue.JobId, issue.OperationId, issue.MachineId));
    }

    [Fact]
    public async Task Solver_refuses_invalid_input_instead_of_returning_an_empty_schedule()
    {
        var job = new Job("J1", [new Operation("drill", [])]);

        var error = await Assert.ThrowsAsync<SchedulingInputException>(() =>
            CpSatScheduler.SolveAsync(TestData.Problem(["M1"], job), TestData.Quick(), CancellationToken.None));

        Assert.Contains("drill", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Infeasible_horizon_gives_an_infeasible_result_that_names_the_job()
    {
        // Each job fits alone before minute 10, but both cannot share the machine.
        var problem = TestData.Problem(["M"], TestData.Chain("A", ("M", 6)), TestData.Chain("B", ("M", 6))) with { Horizon = 10 };

        var result = await CpSatScheduler.SolveAsync(problem, TestData.Quick(), CancellationToken.None);

        Assert.Equal(ScheduleStatus.Infeasible, result.Status);
        Assert.NotEmpty(result.Explanation);
        Assert.Empty(result.Operations);
    }
}
