namespace Zhizao.Scheduling.Solving;

/// <summary>Solver outcome.</summary>
public enum ScheduleStatus
{
    /// <summary>A schedule was found and proven optimal for the objective.</summary>
    Optimal,
    /// <summary>A schedule was found; optimality is not proven (see <see cref="ScheduleResult.Gap"/>).</summary>
    Feasible,
    /// <summary>No schedule exists (see <see cref="ScheduleResult.Explanation"/>).</summary>
    Infeasible,
    /// <summary>The time limit ended before any schedule was found.</summary>
    Unknown,
}

/// <summary>One operation placed on a machine. Times are minutes from the plan start; the setup ends at <see cref="Start"/>.</summary>
public sealed record ScheduledOperation(string JobId, string OperationId, string MachineId, long Start, long End, long SetupBefore = 0);

/// <summary>A machine's sequence in start order and its utilisation (busy minutes over available minutes up to the makespan).</summary>
public sealed record MachineSchedule(string MachineId, IReadOnlyList<ScheduledOperation> Sequence, double Utilisation);

/// <summary>Completion of one job.</summary>
public sealed record JobOutcome(string JobId, string? OrderId, long Completion, long? Due, long Tardiness, bool Late);

/// <summary>Key figures of a schedule.</summary>
/// <param name="Makespan">Latest end of any operation.</param>
/// <param name="TotalWeightedTardiness">Σ weight × max(0, completion − due).</param>
/// <param name="LateJobs">Number of jobs that end after their due date.</param>
/// <param name="Jobs">Per-job completion and tardiness.</param>
public sealed record ScheduleKpis(long Makespan, long TotalWeightedTardiness, int LateJobs, IReadOnlyList<JobOutcome> Jobs);

/// <summary>Progress of a running solve, reported at each improving solution.</summary>
/// <param name="Objective">Best objective found so far.</param>
/// <param name="Bound">Best proven bound on the objective.</param>
/// <param name="Elapsed">Wall time since the solve started.</param>
/// <param name="Solutions">Number of improving solutions so far.</param>
public sealed record SchedulingProgress(double Objective, double Bound, TimeSpan Elapsed, int Solutions);

/// <summary>The result of a solve: status, objective and bound, operations, per-machine sequences and KPIs.</summary>
/// <param name="Status">Solver outcome.</param>
/// <param name="Objective">Objective value of the schedule (null without a schedule).</param>
/// <param name="Bound">Best proven lower bound on the objective.</param>
/// <param name="Operations">Every operation in job and operation order (empty without a schedule).</param>
/// <param name="Machines">Per-machine sequences (empty without a schedule).</param>
/// <param name="Kpis">Key figures (null without a schedule).</param>
/// <param name="WallTime">Solver wall time.</param>
/// <param name="Explanation">Why no schedule exists, when the status is infeasible or unknown.</param>
public sealed record ScheduleResult(
    ScheduleStatus Status,
    long? Objective,
    double Bound,
    IReadOnlyList<ScheduledOperation> Operations,
    IReadOnlyList<MachineSchedule> Machines,
    ScheduleKpis? Kpis,
    TimeSpan WallTime,
    IReadOnlyList<string> Explanation)
{
    /// <summary>True when the schedule is proven optimal.</summary>
    public bool ProvenOptimal => Status == ScheduleStatus.Optimal;

    /// <summary>True when a schedule was found.</summary>
    public bool HasSchedule => Status is ScheduleStatus.Optimal or ScheduleStatus.Feasible;

    /// <summary>Relative gap (objective − bound) / objective; 0 when optimal, null without a schedule.</summary>
    public double? Gap => Objective is not { } o ? null
        : ProvenOptimal ? 0
        : o == 0 ? 0 : Math.Max(0, (o - Bound) / o);
}
