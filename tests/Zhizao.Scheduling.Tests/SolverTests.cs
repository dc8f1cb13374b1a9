using Zhizao.Scheduling.Benchmarks;
using Zhizao.Scheduling.Solving;

namespace Zhizao.Scheduling.Tests;

public class SolverTests
{
    [Fact]
    public async Task Ft06_is_solved_to_55_and_proven_optimal()
    {
        var instance = await BenchmarkInstance.ReadAsync(TestData.Jsp("ft/ft06.txt"), CancellationToken.None);
        var progress = new List<SchedulingProgress>();
        var options = TestData.Quick() with { Progress = new SynchronousProgress<SchedulingProgress>(progress.Add) };

        var result = await TestData.SolveChecked(instance.ToProblem(), options);

        Assert.Equal(ScheduleStatus.Optimal, result.Status);
        Assert.Equal(55, result.Kpis!.Makespan);
        Assert.Equal(55, result.Objective);
        Assert.Equal(0, result.Gap);
        Assert.NotEmpty(progress);
        Assert.Equal(55, progress[^1].Objective);
    }

    [Fact]
    public async Task Tardiness_objective_puts_the_urgent_heavy_job_first()
    {
        // One machine, A: 10 min due 10 weight 1; B: 5 min due 5 weight 3.
        // A then B: B ends 15, tardiness 3*10 = 30. B then A: A ends 15, tardiness 5. Optimum 5.
        var problem = TestData.Problem(["M"],
            TestData.Chain("A", ("M", 10)) with { Due = 10, Weight = 1 },
            TestData.Chain("B", ("M", 5)) with { Due = 5, Weight = 3 });

        var result = await TestData.SolveChecked(problem, TestData.Quick(ObjectiveWeights.TardinessOnly));

        Assert.Equal(ScheduleStatus.Optimal, result.Status);
        Assert.Equal(5, result.Objective);
        Assert.Equal(5, result.Kpis!.TotalWeightedTardiness);
        Assert.Equal(1, result.Kpis.LateJobs);
        Assert.Equal(["B", "A"], result.Machines[0].Sequence.Select(o => o.JobId));
    }

    [Fact]
    public async Task Late_job_count_objective_sacrifices_one_job_to_save_two()
    {
        // Three 4-minute jobs on one machine: X due 4, Y due 8, Z due 5. At most two can be on time.
        var problem = TestData.Problem(["M"],
            TestData.Chain("X", ("M", 4)) with { Due = 4 },
            TestData.Chain("Y", ("M", 4)) with { Due = 8 },
            TestData.Chain("Z", ("M", 4)) with { Due = 5 });

        var result = await TestData.SolveChecked(problem, TestData.Quick(ObjectiveWeights.LateJobsOnly));

        Assert.Equal(1, result.Objective);
        Assert.Equal(1, result.Kpis!.LateJobs);
    }

    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
