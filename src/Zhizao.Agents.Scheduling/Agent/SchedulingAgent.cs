using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Zhizao.Agents.Scheduling.Plans;
using Zhizao.Core.Agents;
using Zhizao.Scheduling.Solving;

namespace Zhizao.Agents.Scheduling.Agent;

/// <summary>
/// The scheduling agent (排产调度): solves plans (from the plan-file format or the demo plant's production orders) with
/// CP-SAT and recommends a schedule: per-machine sequences, KPIs, whether it is proven optimal and its gap, Gantt rows;
/// explains validation problems and late jobs. Grade L2: it recommends, people release the plan.
/// </summary>
public sealed partial class SchedulingAgent(TimeProvider time, ILogger<SchedulingAgent> logger) : IAgent
{
    /// <summary>The agent id.</summary>
    public const string AgentId = "cn.zhizao/scheduler";

    private const double DefaultTimeLimitSeconds = 10;
    private const double MaxTimeLimitSeconds = 300;
    private const int MaxWorkers = 8;
    private const int MaxDemoOrders = 200;
    private const int MaxErrorsInMessage = 10;
    private const long MaxWeight = 1_000_000;

    /// <inheritdoc />
    public AgentDescriptor Descriptor { get; } = SchedulingDescriptor.Create();

    /// <inheritdoc />
    public async Task<SkillResult> InvokeAsync(string skill, JsonNode? input, AgentCaller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (input is not JsonObject request)
            return SkillResult.Fail("invalid-input", "the skill input must be a JSON object with a plan (or \"demo\": true)");
        return skill switch
        {
            "schedule" => await ScheduleAsync(request, cancellationToken),
            "explain" => await ExplainAsync(request, cancellationToken),
            _ => SkillResult.Fail("unknown-skill",
                $"the scheduling agent has no skill '{skill}' (skills: {string.Join(", ", Descriptor.Skills.Select(s => s.Name))})"),
        };
    }

    private async Task<SkillResult> ScheduleAsync(JsonObject request, CancellationToken cancellationToken)
    {
        if (ReadOptions(request) is not { } options)
            return OptionsError(request);
        Plan plan;
        try
        {
            plan = ReadPlan(request);
        }
        catch (PlanFileException e)
        {
            return SkillResult.Fail("invalid-input", Describe(e));
        }
        var result = await SolveAsync(plan, options, cancellationToken);
        if (!result.HasSchedule)
            return NoSchedule(result);
        return SkillResult.Ok(ScheduleJson.Write(plan, result));
    }

    private async Task<SkillResult> ExplainAsync(JsonObject request, CancellationToken cancellationToken)
    {
        if (ReadOptions(request) is not { } options)
            return OptionsError(request);
        Plan plan;
        try
        {
            plan = ReadPlan(request);
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

    /// <summary>The plan of a request: today's demo orders, the "plan" member, or the request itself.</summary>
    private Plan ReadPlan(JsonObject request)
    {
        if (request["demo"] is JsonValue demo && demo.TryGetValue<bool>(out var isDemo) && isDemo)
        {
            if (!TryReadWhole(request, "count", 1, MaxDemoOrders, out var count))
                throw new PlanFileException([new PlanFileError("input", "/count", $"'count' must be a whole number from 1 to {MaxDemoOrders}")]);
            return DemoPlan.Today(time, (int)(count ?? 12));
        }
        return request["plan"] is { } plan ? PlanFile.Parse("input", plan, "/plan") : PlanFile.Parse("input", request, "");
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

    /// <summary>Reads an optional "timeLimitSeconds" in [1, 300]; any JSON number (an in-memory int node included).</summary>
    private static bool TryReadSeconds(JsonObject request, out double? seconds)
    {
        seconds = null;
        var node = request["timeLimitSeconds"];
        if (node is null)
            return true;
        if (node is not JsonValue v || v.GetValueKind() != System.Text.Json.JsonValueKind.Number
            || !double.TryParse(v.ToJsonString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var read)
            || read is < 1 or > MaxTimeLimitSeconds)
            return false;
        seconds = read;
        return true;
    }

    /// <summary>Reads an optional whole number in [min, max].</summary>
    private static bool TryReadWhole(JsonObject request, string name, long min, long max, out long? value)
    {
        value = null;
        var node = request[name];
        if (node is null)
            return true;
        if (!PlanReader.TryWhole(node, out var read) || read < min || read > max)
            return false;
        value = read;
        return true;
    }

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
}
