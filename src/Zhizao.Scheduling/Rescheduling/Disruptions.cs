using Zhizao.Scheduling.Model;
using Zhizao.Scheduling.Solving;

namespace Zhizao.Scheduling.Rescheduling;

/// <summary>An event that invalidates the current plan.</summary>
public abstract record Disruption
{
    /// <summary>The problem with this event applied (at plan minute <paramref name="now"/>).</summary>
    internal abstract SchedulingProblem ApplyTo(SchedulingProblem problem, IReadOnlyList<ScheduledOperation> current, long now);
}

/// <summary>A machine breaks down for <paramref name="Window"/> (clipped to start no earlier than "now").</summary>
public sealed record MachineBreakdown(string MachineId, TimeWindow Window, string? Reason = "breakdown") : Disruption
{
    internal override SchedulingProblem ApplyTo(SchedulingProblem problem, IReadOnlyList<ScheduledOperation> current, long now) =>
        problem with { BlockedWindows = [.. problem.BlockedList, new BlockedWindow(MachineId, Window with { Start = Math.Max(now, Window.Start) }, Reason)] };
}

/// <summary>A new (urgent) job arrives; give it a due date and weight to express the urgency.</summary>
public sealed record RushOrder(Job Job) : Disruption
{
    internal override SchedulingProblem ApplyTo(SchedulingProblem problem, IReadOnlyList<ScheduledOperation> current, long now) =>
        problem with { Jobs = [.. problem.Jobs, Job with { Release = Math.Max(now, Job.Release) }] };
}

/// <summary>An operation takes <paramref name="NewDuration"/> minutes on the machine it is planned on (it runs late).</summary>
public sealed record OperationRunningLate(string JobId, string OperationId, long NewDuration) : Disruption
{
    internal override SchedulingProblem ApplyTo(SchedulingProblem problem, IReadOnlyList<ScheduledOperation> current, long now)
    {
        var planned = current.FirstOrDefault(o => o.JobId == JobId && o.OperationId == OperationId)
            ?? throw new SchedulingInputException([new SchedulingIssue(SchedulingIssueKind.UnknownPredecessor,
                $"Operation '{OperationId}' of job '{JobId}' is not in the current schedule", JobId, OperationId)]);
        return problem with
        {
            Jobs = [.. problem.Jobs.Select(j => j.Id != JobId ? j : j with
            {
                Operations = [.. j.Operations.Select(o => o.Id != OperationId ? o : o with
                {
                    Options = [.. o.Options.Select(x => x.MachineId == planned.MachineId ? x with { Duration = NewDuration } : x)],
                })],
            })],
        };
    }
}
