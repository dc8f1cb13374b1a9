using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Zhizao.Agents.Scheduling.Plans;
using Zhizao.Core.Agents;
using Zhizao.Core.Storage;
using Zhizao.Scheduling.Model;
using Zhizao.Scheduling.Rescheduling;
using Zhizao.Scheduling.Solving;

namespace Zhizao.Agents.Scheduling.Agent;

/// <summary>
/// The scheduling agent (排产调度): solves plans (from the plan-file format or the demo plant's production orders) with
/// CP-SAT and recommends a schedule: per-machine sequences, KPIs, whether it is proven optimal and its gap, Gantt rows;
/// repairs a schedule after a breakdown, a rush order or a late operation; explains validation problems and late jobs.
/// Open maintenance work orders block their machines (unless a request turns it off). Its planning skills are L2 (it
/// recommends); releasing a schedule to the shop floor is L3 (it acts on production once a person approves).
/// </summary>
/// <param name="time">The clock ("now" of a repair when the request gives none; today's demo orders).</param>
/// <param name="logger">Logger.</param>
/// <param name="maintenance">Planned maintenance to block; none when null.</param>
/// <param name="documents">Where released schedules are kept; releasing is unavailable when null (the CLI alone).</param>
public sealed partial class SchedulingAgent(
    TimeProvider time, ILogger<SchedulingAgent> logger, IMaintenanceWindowSource? maintenance = null, IDocumentStore? documents = null) : IAgent
{
    private readonly ScheduleRelease _release = new(documents, time);

    /// <summary>The agent id.</summary>
    public const string AgentId = "cn.zhizao/scheduler";

    private const double DefaultTimeLimitSeconds = 10;
    private const double MaxTimeLimitSeconds = 300;
    private const int MaxWorkers = 8;
    private const int MaxDemoOrders = 200;
    private const int MaxErrorsInMessage = 10;
    private const long MaxWeight = 1_000_000;
    private const long DefaultFrozenMinutes = 30;

    /// <inheritdoc />
    public AgentDescriptor Descriptor { get; } = SchedulingDescriptor.Create();

    /// <inheritdoc />
    public Task<SkillResult> InvokeAsync(string skill, JsonNode? input, AgentCaller caller, CancellationToken cancellationToken) =>
        InvokeAsync(skill, input, caller, null, cancellationToken);

    /// <summary>Invokes a skill, reporting each improving solution to <paramref name="progress"/> (the CLI's progress bar).</summary>
    public async Task<SkillResult> InvokeAsync(string skill, JsonNode? input, AgentCaller caller, IProgress<SchedulingProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (skill == "dispatch" && input is null)
            input = new JsonObject();
        if (input is not JsonObject request)
            return SkillResult.Fail("invalid-input", "the skill input must be a JSON object with a plan (or \"demo\": true)");
        if (Descriptor.Skills.All(s => s.Name != skill))
            return SkillResult.Fail("unknown-skill",
                $"the scheduling agent has no skill '{skill}' (skills: {string.Join(", ", Descriptor.Skills.Select(s => s.Name))})");
        if (skill == "release")
            return await _release.ReleaseAsync(request, caller, cancellationToken);
        if (skill == "dispatch")
            return await _release.DispatchAsync(request, cancellationToken);
        if (ReadOptions(request) is not { } options)
            return OptionsError(request);
        options = options with { Progress = progress };
        return skill switch
        {
            "schedule" => await ScheduleAsync(request, options, cancellationToken),
            "reschedule" => await RescheduleAsync(request, options, cancellationToken),
            _ => await ExplainAsync(request, options, cancellationToken),
        };
    }

    private async Task<SkillResult> ScheduleAsync(JsonObject request, SchedulerOptions options, CancellationToken cancellationToken)
    {
        Plan plan;
        IReadOnlyList<BlockedWindow> blocked;
        try
        {
            (plan, blocked) = await ReadPlanAsync(request, cancellationToken);
        }
        catch (PlanFileException e)
        {
            return SkillResult.Fail("invalid-input", Describe(e));
        }
        var result = await SolveAsync(plan, options, cancellationToken);
        if (!result.HasSchedule)
            return NoSchedule(result);
        var output = ScheduleJson.Write(plan, result);
        output["maintenanceWindows"] = ScheduleJson.Blocked(plan, blocked);
        return SkillResult.Ok(output);
    }

    /// <summary>
    /// Repairs the schedule in force (<c>current</c>) of <c>plan</c> from <c>now</c> after the <c>events</c>, keeping the
    /// frozen horizon and minimising the objective plus the stability penalty; returns the new schedule, the changes and
    /// the updated plan (events applied) for the next repair.
    /// </summary>
    private async Task<SkillResult> RescheduleAsync(JsonObject request, SchedulerOptions options, CancellationToken cancellationToken)
    {
        if (request["plan"] is null && !(SkillInput.TryRead<bool>(request, "demo", out var demo) && demo == true))
            return SkillResult.Fail("invalid-input", "'plan' (or \"demo\": true) is required: the plan the current schedule was made for");
        Plan plan;
        IReadOnlyList<BlockedWindow> blocked;
        RepairInput repair;
        try
        {
            (plan, blocked) = await ReadPlanAsync(request, cancellationToken);
            repair = PlanFile.ParseRepair("input", request, plan, time.GetUtcNow(), DefaultFrozenMinutes);
        }
        catch (PlanFileException e)
        {
            return SkillResult.Fail("invalid-input", Describe(e));
        }
        RescheduleResult repaired;
        try
        {
            repaired = await Rescheduler.RescheduleAsync(
                new RescheduleRequest(plan.Problem, repair.Current, repair.Now, repair.FrozenMinutes, repair.Disruptions), options, repair.Stability, cancellationToken);
        }
        catch (SchedulingInputException e)
        {
            return SkillResult.Fail("invalid-input", "the events make the plan invalid: " + string.Join("; ", e.Issues.Count > 0 ? e.Issues.Select(i => i.Message) : [e.Message]));
        }
        var result = repaired.Schedule;
        LogRepaired(logger, repair.Disruptions.Count, repaired.ChangedOperations, repaired.FrozenOperations, result.Status, result.WallTime.TotalSeconds);
        if (!result.HasSchedule)
            return NoSchedule(result);
        var updated = plan with { Problem = repaired.Problem };
        var output = ScheduleJson.Write(updated, result);
        output["maintenanceWindows"] = ScheduleJson.Blocked(plan, blocked);
        output["now"] = PlanFile.Iso(plan.Clock.ToTime(repair.Now));
        output["frozenUntil"] = PlanFile.Iso(plan.Clock.ToTime(repair.Now + repair.FrozenMinutes));
        output["frozenOperations"] = repaired.FrozenOperations;
        output["changedOperations"] = repaired.ChangedOperations;
        output["changes"] = ScheduleJson.Changes(updated, repaired.Changes);
        output["plan"] = PlanFile.ToJson(updated);
        return SkillResult.Ok(output);
    }

    private async Task<SkillResult> ExplainAsync(JsonObject request, SchedulerOptions options, CancellationToken cancellationToken)
    {
        Plan plan;
        try
        {
            (plan, _) = await ReadPlanAsync(request, cancellationToken);
        }
        catch (PlanFileException e)
        {
            return SkillResult.Ok(new JsonObject { ["valid"] = false, ["issues"] = ScheduleJson.Errors(e.Errors) });
        }
        var result = await SolveAsync(plan, options, cancellationToken);
        if (!result.HasSchedule)
            return SkillResult.Ok(new JsonObject
            {
                ["valid"] = true,
                ["status"] = result.Status.ToString().ToLowerInvariant(),
                ["reasons"] = new JsonArray([.. result.Explanation.Select(e => (JsonNode)e)]),
            });
        var late = LateJobExplainer.Explain(plan, result);
        return SkillResult.Ok(new JsonObject
        {
            ["valid"] = true,
            ["status"] = result.Status.ToString().ToLowerInvariant(),
            ["provenOptimal"] = result.ProvenOptimal,
            ["summary"] = late.Count == 0
                ? "every job ends by its due date"
                : $"{late.Count} of {plan.Problem.Jobs.Count} jobs are late in the {(result.ProvenOptimal ? "optimal" : "best found")} schedule for this objective",
            ["lateJobs"] = late,
        });
    }

    private async Task<ScheduleResult> SolveAsync(Plan plan, SchedulerOptions options, CancellationToken cancellationToken)
    {
        var result = await CpSatScheduler.SolveAsync(plan.Problem, options, cancellationToken);
        LogSolved(logger, plan.Problem.Jobs.Count, plan.Problem.Jobs.Sum(j => j.Operations.Count), result.Status, result.Objective, result.Bound, result.WallTime.TotalSeconds);
        return result;
    }

    /// <summary>
    /// The plan of a request (today's demo orders, the "plan" member, or the request itself) with the open maintenance
    /// windows blocked on its machines unless "maintenanceWindows" is false.
    /// </summary>
    private async Task<(Plan Plan, IReadOnlyList<BlockedWindow> Blocked)> ReadPlanAsync(JsonObject request, CancellationToken cancellationToken)
    {
        if (!SkillInput.TryRead<bool>(request, "maintenanceWindows", out var useWindows))
            throw new PlanFileException([new PlanFileError("input", "/maintenanceWindows", "'maintenanceWindows' must be true or false")]);
        if (!SkillInput.TryRead<bool>(request, "demo", out var isDemo))
            throw new PlanFileException([new PlanFileError("input", "/demo", "'demo' must be true or false")]);
        Plan plan;
        if (isDemo == true)
        {
            if (!TryReadWhole(request, "count", 1, MaxDemoOrders, out var count))
                throw new PlanFileException([new PlanFileError("input", "/count", $"'count' must be a whole number from 1 to {MaxDemoOrders}")]);
            plan = DemoPlan.Today(time, (int)(count ?? 12));
        }
        else
        {
            plan = request["plan"] is { } given ? PlanFile.Parse("input", given, "/plan") : PlanFile.Parse("input", request, "");
        }
        if (maintenance is null || useWindows == false)
            return (plan, []);
        return MaintenanceBlocking.Apply(plan, await maintenance.ActiveAsync(cancellationToken));
    }

    private static SchedulerOptions? ReadOptions(JsonObject request)
    {
        if (!TryReadSeconds(request, out var seconds))
            return null;
        if (!TryReadWhole(request, "workers", 1, MaxWorkers, out var workers))
            return null;
        if (ReadObjective(request["objective"]) is not { } objective)
            return null;
        return new SchedulerOptions
        {
            TimeLimit = TimeSpan.FromSeconds(seconds ?? DefaultTimeLimitSeconds),
            Workers = (int)(workers ?? 2),
            Objective = objective,
        };
    }

    /// <summary>Reads an optional "timeLimitSeconds" in [1, 300].</summary>
    private static bool TryReadSeconds(JsonObject request, out double? seconds) =>
        SkillInput.TryRead(request, "timeLimitSeconds", out seconds) && seconds is null or (>= 1 and <= MaxTimeLimitSeconds);

    /// <summary>Reads an optional whole number in [min, max].</summary>
    private static bool TryReadWhole(JsonObject request, string name, long min, long max, out long? value) =>
        SkillInput.TryRead(request, name, out value) && (value is null || (value >= min && value <= max));

    private static ObjectiveWeights? ReadObjective(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return ObjectiveWeights.MakespanOnly;
            case JsonValue v when v.TryGetValue<string>(out var name):
                return ScheduleObjectives.TryParse(name, out var named) ? named : null;
            case JsonObject o:
                if (!TryReadWhole(o, "makespan", 0, MaxWeight, out var m) || !TryReadWhole(o, "weightedTardiness", 0, MaxWeight, out var t)
                    || !TryReadWhole(o, "lateJobs", 0, MaxWeight, out var l) || o.Any(p => p.Key is not ("makespan" or "weightedTardiness" or "lateJobs")))
                    return null;
                var weights = new ObjectiveWeights(m ?? 0, t ?? 0, l ?? 0);
                return weights.Makespan + weights.WeightedTardiness + weights.LateJobs > 0 ? weights : null;
            default:
                return null;
        }
    }

    private static SkillResult OptionsError(JsonObject request)
    {
        var culprit = !TryReadSeconds(request, out _)
            ? $"'timeLimitSeconds' must be a number from 1 to {MaxTimeLimitSeconds}"
            : !TryReadWhole(request, "workers", 1, MaxWorkers, out _)
                ? $"'workers' must be a whole number from 1 to {MaxWorkers}"
                : $"'objective' must be one of {string.Join(", ", ScheduleObjectives.Names)} or an object of non-negative whole weights {{makespan, weightedTardiness, lateJobs}}, not all zero";
        return SkillResult.Fail("invalid-input", culprit);
    }

    private static SkillResult NoSchedule(ScheduleResult result) => result.Status == ScheduleStatus.Infeasible
        ? SkillResult.Fail("invalid-input", "no schedule exists: " + string.Join("; ", result.Explanation))
        : SkillResult.Fail("failed", "no schedule found: " + string.Join("; ", result.Explanation));

    /// <summary>The first errors of a plan, each as "path: message".</summary>
    internal static string Describe(PlanFileException e)
    {
        var shown = e.Errors.Take(MaxErrorsInMessage).Select(x => $"{(x.Path.Length == 0 ? "/" : x.Path)}: {x.Message}");
        var more = e.Errors.Count > MaxErrorsInMessage ? $" (and {e.Errors.Count - MaxErrorsInMessage} more)" : "";
        return "invalid plan: " + string.Join("; ", shown) + more;
    }

    [LoggerMessage(EventId = 6001, Level = LogLevel.Information,
        Message = "Scheduled {Jobs} jobs ({Operations} operations): {Status}, objective {Objective}, bound {Bound} in {Seconds:F2} s")]
    private static partial void LogSolved(ILogger logger, int jobs, int operations, ScheduleStatus status, long? objective, double bound, double seconds);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Information,
        Message = "Rescheduled after {Events} event(s): {Changed} operations changed, {Frozen} frozen, {Status} in {Seconds:F2} s")]
    private static partial void LogRepaired(ILogger logger, int events, int changed, int frozen, ScheduleStatus status, double seconds);
}
