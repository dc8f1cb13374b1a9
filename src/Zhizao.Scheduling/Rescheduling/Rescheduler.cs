using Google.OrTools.Sat;
using Zhizao.Scheduling.Model;
using Zhizao.Scheduling.Solving;

namespace Zhizao.Scheduling.Rescheduling;

/// <summary>
/// Repairs a plan after disruptions: applies the events, keeps the past and the frozen horizon, and re-solves the rest
/// minimising the objective plus a stability penalty (minutes moved, machine changes), warm-started from the old plan.
/// An operation running on a machine that breaks down restarts from scratch after the repair (no preemption).
/// </summary>
public static class Rescheduler
{
    /// <summary>Repairs <paramref name="request"/>; throws <see cref="SchedulingInputException"/> when the updated input is invalid.</summary>
    public static Task<RescheduleResult> RescheduleAsync(RescheduleRequest request, SchedulerOptions options, StabilityWeights? stability = null,
        CancellationToken cancellationToken = default)
    {
        var weights = stability ?? new StabilityWeights();
        var problem = request.Disruptions.Aggregate(request.Problem, (p, d) => d.ApplyTo(p, request.Current, request.Now));
        var compiled = new CompiledProblem(problem);
        return Task.Run(() => Repair(request, compiled, options, weights, cancellationToken), cancellationToken);
    }

    private static RescheduleResult Repair(RescheduleRequest request, CompiledProblem compiled, SchedulerOptions options, StabilityWeights weights, CancellationToken cancellationToken)
    {
        var old = request.Current.ToDictionary(o => (o.JobId, o.OperationId));
        var started = compiled.Operations.Where(o => old.TryGetValue((o.JobId, o.OperationId), out var w) && w.Start < request.Now).Select(o => o.Index).ToHashSet();
        var model = new CpSatModel(compiled, options, boundByGreedy: false, setupDone: started.Contains);
        var frozen = 0;
        var restarted = new HashSet<(string, string)>();
        var guide = new RepairGuide[compiled.Operations.Count];
        foreach (var op in compiled.Operations)
        {
            var start = model.Starts[op.Index];
            if (!old.TryGetValue((op.JobId, op.OperationId), out var was))
            {
                model.Model.Add(start >= request.Now);
                guide[op.Index] = new RepairGuide(null, request.Now, null, long.MaxValue / 2 + op.Release);
                continue;
            }
            var k = Array.FindIndex(op.Options, o => compiled.Problem.Machines[o.Machine].Id == was.MachineId);
            var end = was.Start + (k >= 0 ? op.Options[k].Duration : 0);
            // Only an operation already running when its machine stops is interrupted (and restarts); one not yet started just moves.
            var interrupted = k >= 0 && was.Start < request.Now && compiled.Unavailable[op.Options[k].Machine].Any(w => w.Overlaps(was.Start, end));
            if (interrupted)
                restarted.Add((op.JobId, op.OperationId));
            int? machine = k >= 0 ? op.Options[k].Machine : null;
            if (k >= 0 && !interrupted && was.Start < request.Now + request.FrozenMinutes)
            {
                frozen++;
                model.Model.AddBoolAnd([model.Presence[op.Index][k]]);
                if (was.Start < request.Now)
                    model.Model.Add(start == was.Start);
                else
                    model.Model.Add(start >= was.Start);
                guide[op.Index] = new RepairGuide(machine, was.Start, was.Start < request.Now ? was.Start : null, was.Start);
            }
            else
            {
                model.Model.Add(start >= request.Now);
                guide[op.Index] = new RepairGuide(machine, Math.Max(request.Now, was.Start), null, was.Start);
            }
            AddStabilityPenalty(model, op, was, k, weights);
        }
        // The old plan shifted right (same machines and order) is valid under the events: it is the search's complete
        // starting point (the old plan itself is infeasible under the events, and CP-SAT often failed to repair it in
        // time on 860 operations), and it is returned when the search finds nothing in time, so a repair always has a plan.
        var shifted = GreedyScheduler.Repair(compiled, guide);
        if (shifted is not null && ScheduleChecker.Check(compiled.Problem, shifted).Count == 0)
            model.Fallback = shifted;
        var hinted = options with { Hint = shifted ?? request.Current };
        var result = CpSatScheduler.Solve(model, hinted, cancellationToken);
        return new RescheduleResult(compiled.Problem, result, Changes(request.Current, result, restarted), frozen);
    }

    private static void AddStabilityPenalty(CpSatModel model, FlatOperation op, ScheduledOperation was, int oldOption, StabilityWeights weights)
    {
        if (weights.PerMinuteMoved > 0)
        {
            var moved = model.Model.NewIntVar(0, model.Problem.Horizon, $"moved{op.Index}");
            model.Model.AddAbsEquality(moved, model.Starts[op.Index] - was.Start);
            model.TrackMove(op.Index, moved, was.Start);
            model.ObjectiveTerms.Add(weights.PerMinuteMoved * moved);
        }
        if (weights.PerMachineChange > 0 && op.Options.Length > 1)
            model.ObjectiveTerms.Add(oldOption < 0
                ? LinearExpr.Constant(weights.PerMachineChange)
                : weights.PerMachineChange - weights.PerMachineChange * (LinearExpr)model.Presence[op.Index][oldOption]);
    }

    private static List<ScheduleChange> Changes(IReadOnlyList<ScheduledOperation> before, ScheduleResult after, HashSet<(string, string)> restarted)
    {
        var changes = new List<ScheduleChange>();
        if (!after.HasSchedule)
            return changes;
        var old = before.ToDictionary(o => (o.JobId, o.OperationId));
        var oldPrevious = PreviousOnMachine(before);
        var newPrevious = PreviousOnMachine(after.Operations);
        foreach (var op in after.Operations)
        {
            var key = (op.JobId, op.OperationId);
            if (!old.TryGetValue(key, out var was))
            {
                changes.Add(new ScheduleChange(op.JobId, op.OperationId, ChangeKind.Added, null, null, op.MachineId, op.Start));
                continue;
            }
            var kind = ChangeKind.None;
            if (was.Start != op.Start)
                kind |= ChangeKind.Moved;
            if (was.MachineId != op.MachineId)
                kind |= ChangeKind.Reassigned;
            else if (oldPrevious[key] != newPrevious[key])
                kind |= ChangeKind.Resequenced;
            if (restarted.Contains(key))
                kind |= ChangeKind.Restarted;
            if (kind != ChangeKind.None)
                changes.Add(new ScheduleChange(op.JobId, op.OperationId, kind, was.MachineId, was.Start, op.MachineId, op.Start));
        }
        return changes;
    }

    private static Dictionary<(string, string), (string, string)?> PreviousOnMachine(IEnumerable<ScheduledOperation> schedule)
    {
        var result = new Dictionary<(string, string), (string, string)?>();
        foreach (var machine in schedule.GroupBy(o => o.MachineId))
        {
            (string, string)? previous = null;
            foreach (var o in machine.OrderBy(o => o.Start).ThenBy(o => o.End))
            {
                result[(o.JobId, o.OperationId)] = previous;
                previous = (o.JobId, o.OperationId);
            }
        }
        return result;
    }
}
