using Zhizao.Scheduling.Solving;

namespace Zhizao.Agents.Scheduling.Agent;

/// <summary>The named objectives of the skills and the CLI.</summary>
public static class ScheduleObjectives
{
    /// <summary>The names accepted: makespan, tardiness (weighted), late-jobs.</summary>
    public static IReadOnlyList<string> Names { get; } = ["makespan", "tardiness", "late-jobs"];

    /// <summary>The weights of a named objective; false for an unknown name.</summary>
    public static bool TryParse(string? name, out ObjectiveWeights weights)
    {
        weights = name switch
        {
            "makespan" => ObjectiveWeights.MakespanOnly,
            "tardiness" or "weightedTardiness" => ObjectiveWeights.TardinessOnly,
            "late-jobs" or "lateJobs" => ObjectiveWeights.LateJobsOnly,
            _ => null!,
        };
        return weights is not null;
    }
}
