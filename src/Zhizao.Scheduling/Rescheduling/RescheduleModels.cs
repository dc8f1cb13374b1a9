using Zhizao.Scheduling.Model;
using Zhizao.Scheduling.Solving;

namespace Zhizao.Scheduling.Rescheduling;

/// <summary>A repair request: the plan in force, the events, and the time from which the plan may change.</summary>
/// <param name="Problem">The problem the current schedule was made for.</param>
/// <param name="Current">The schedule in force.</param>
/// <param name="Now">Plan minute of the repair; nothing starts before it unless it already started.</param>
/// <param name="FrozenMinutes">
/// Operations that started before <paramref name="Now"/> keep machine and start; operations starting before
/// Now + FrozenMinutes keep their machine and may only be delayed (when a disruption forces it).
/// </param>
/// <param name="Disruptions">The events to apply.</param>
public sealed record RescheduleRequest(
    SchedulingProblem Problem,
    IReadOnlyList<ScheduledOperation> Current,
    long Now,
    long FrozenMinutes,
    IReadOnlyList<Disruption> Disruptions);

/// <summary>Stability penalty: cost per minute an operation's start moves and per operation moved to another machine.</summary>
public sealed record StabilityWeights(long PerMinuteMoved = 1, long PerMachineChange = 100);

/// <summary>How an operation changed between the old and the repaired plan.</summary>
[Flags]
public enum ChangeKind
{
    /// <summary>Unchanged.</summary>
    None = 0,
    /// <summary>Start time changed.</summary>
    Moved = 1,
    /// <summary>Runs on another machine.</summary>
    Reassigned = 2,
    /// <summary>The operation before it on its machine is different (resequenced).</summary>
    Resequenced = 4,
    /// <summary>New operation (rush order).</summary>
    Added = 8,
    /// <summary>Interrupted by a breakdown and restarted.</summary>
    Restarted = 16,
}

/// <summary>One operation's change.</summary>
public sealed record ScheduleChange(string JobId, string OperationId, ChangeKind Kind, string? OldMachineId, long? OldStart, string NewMachineId, long NewStart);

/// <summary>The repaired plan, the problem it solves (events applied) and what changed.</summary>
public sealed record RescheduleResult(SchedulingProblem Problem, ScheduleResult Schedule, IReadOnlyList<ScheduleChange> Changes, int FrozenOperations)
{
    /// <summary>Operations whose start or machine changed, or that are new.</summary>
    public int ChangedOperations => Changes.Count;
}
