using Zhizao.Scheduling.Model;
using Zhizao.Scheduling.Solving;

namespace Zhizao.Scheduling.Tests;

/// <summary>Locates the shared benchmark data and builds small problems; every solved schedule goes through the checker.</summary>
internal static class TestData
{
    public static string DataDirectory { get; } = FindData();

    public static string Jsp(string relative) => Path.Combine(DataDirectory, "jsp", relative);

    public static Job Chain(string id, params (string Machine, long Duration)[] steps) =>
        new(id, [.. steps.Select((s, i) => new Operation($"o{i}", [new MachineOption(s.Machine, s.Duration)]))]);

    public static SchedulingProblem Problem(IEnumerable<string> machines, params Job[] jobs) =>
        new([.. machines.Select(m => new Machine(m))], jobs);

    public static SchedulerOptions Quick(ObjectiveWeights? objective = null) =>
        new() { TimeLimit = TimeSpan.FromSeconds(5), Workers = 2, Objective = objective ?? ObjectiveWeights.MakespanOnly, RandomSeed = 1 };

    /// <summary>Solves and asserts that the schedule passes the checker.</summary>
    public static async Task<ScheduleResult> SolveChecked(SchedulingProblem problem, SchedulerOptions options)
    {
        var result = await CpSatScheduler.SolveAsync(problem, options, CancellationToken.None);
        Assert.True(result.HasSchedule, $"status {result.Status}: {string.Join("; ", result.Explanation)}");
        var violations = ScheduleChecker.Check(problem, result.Operations);
        Assert.True(violations.Count == 0, string.Join("\n", violations.Take(5)));
        return result;
    }

    private static string FindData()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data");
            if (Directory.Exists(Path.Combine(candidate, "jsp")))
                return candidate;
        }
        throw new DirectoryNotFoundException("shared/data not found above " + AppContext.BaseDirectory);
    }
}
