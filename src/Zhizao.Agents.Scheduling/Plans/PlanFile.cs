using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Zhizao.Scheduling.Model;

namespace Zhizao.Agents.Scheduling.Plans;

/// <summary>
/// Reads and writes plan files: the JSON form of a scheduling problem with wall-clock times.
/// <code>
/// {
///   "planStart": "2026-11-25T08:00:00+08:00",                  // minute 0 of the plan, ISO 8601 with offset
///   "machines": [ { "id": "cnc-01",
///                   "shifts": [ { "from": "…", "to": "…" } ] } ], // optional calendar; always available when absent
///   "jobs": [ { "id": "J1", "orderId": "PO-1", "family": "housing",
///               "release": "…", "due": "…", "weight": 2,        // release defaults to planStart, due and weight optional
///               "operations": [ { "id": "mill", "options": [ { "machine": "cnc-01", "minutes": 45 } ],
///                                 "predecessors": [ "saw" ] } ] } ], // absent: the previous operation; [] none
///   "setups": [ { "machine": "cnc-01", "from": "housing", "to": "shaft", "minutes": 20 } ], // machine optional
///   "blockedWindows": [ { "machine": "cnc-01", "from": "…", "to": "…", "reason": "maintenance" } ]
/// }
/// </code>
/// Every problem is reported with the file name and the JSON pointer of the value at fault; the engine's validator then
/// names jobs, operations and machines (precedence cycles, unknown machines, due before release, windows that never fit).
/// </summary>
public static class PlanFile
{
    /// <summary>Parses and validates a plan file. Throws <see cref="PlanFileException"/> listing every problem.</summary>
    /// <param name="fileName">The name used in error messages.</param>
    /// <param name="json">The file's text.</param>
    public static Plan Parse(string fileName, string json)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new PlanFileException([new PlanFileError(fileName, "", $"not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}): {e.Message}")]);
        }
        return Parse(fileName, root, "");
    }

    /// <summary>Parses and validates a plan given as JSON (a skill input); <paramref name="basePath"/> prefixes every error path.</summary>
    public static Plan Parse(string fileName, JsonNode? root, string basePath)
    {
        var reader = new PlanReader(fileName);
        var plan = reader.Read(root, basePath);
        if (reader.Errors.Count > 0 || plan is null)
            throw new PlanFileException(reader.Errors);
        var issues = SchedulingValidator.Validate(plan.Problem);
        if (issues.Count > 0)
            throw new PlanFileException([.. issues.Select(i => new PlanFileError(fileName, PathOf(plan.Problem, i, basePath), i.Message, i.Kind))]);
        return plan;
    }

    /// <summary>
    /// Reads the repair part of a reschedule request (<c>current</c>, <c>now</c>, <c>frozenMinutes</c>, <c>events</c>,
    /// <c>stability</c>) against <paramref name="plan"/>. Throws <see cref="PlanFileException"/> listing every problem.
    /// </summary>
    public static RepairInput ParseRepair(string fileName, JsonObject request, Plan plan, DateTimeOffset defaultNow, long defaultFrozenMinutes)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(plan);
        var reader = new PlanReader(fileName);
        var repair = reader.ReadRepair(request, plan, defaultNow, defaultFrozenMinutes);
        if (reader.Errors.Count > 0 || repair is null)
            throw new PlanFileException(reader.Errors);
        return repair;
    }

    /// <summary>The engine's issues with the updated problem of a repair, each at the JSON pointer of its culprit.</summary>
    public static PlanFileException Issues(string fileName, SchedulingProblem problem, IEnumerable<SchedulingIssue> issues, string basePath) =>
        new([.. issues.Select(i => new PlanFileError(fileName, PathOf(problem, i, basePath), i.Message, i.Kind))]);

    /// <summary>The JSON pointer of the job, operation or machine an engine issue names.</summary>
    private static string PathOf(SchedulingProblem problem, SchedulingIssue issue, string basePath)
    {
        if (issue.JobId is not null)
        {
            var j = IndexOf(problem.Jobs, x => x.Id == issue.JobId);
            if (j < 0)
                return basePath + "/jobs";
            var path = $"{basePath}/jobs/{j}";
            if (issue.Kind == SchedulingIssueKind.DueBeforeRelease)
                return path + "/due";
            if (issue.OperationId is null)
                return path;
            var o = IndexOf(problem.Jobs[j].Operations, x => x.Id == issue.OperationId);
            return o < 0 ? path + "/operations" : $"{path}/operations/{o}";
        }
        if (issue.MachineId is not null)
        {
            var m = IndexOf(problem.Machines, x => x.Id == issue.MachineId);
            return m < 0 ? basePath : $"{basePath}/machines/{m}";
        }
        return basePath;
    }

    private static int IndexOf<T>(IReadOnlyList<T> items, Func<T, bool> match)
    {
        for (var i = 0; i < items.Count; i++)
            if (match(items[i]))
                return i;
        return -1;
    }

    /// <summary>Writes a plan in the plan-file format (times as ISO 8601 in the plan start's offset).</summary>
    public static JsonObject ToJson(Plan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var (problem, clock) = plan;
        string Time(long minutes) => Iso(clock.ToTime(minutes));
        return new JsonObject
        {
            ["planStart"] = Iso(clock.PlanStart),
            ["machines"] = new JsonArray([.. problem.Machines.Select(m => (JsonNode)Compact(new JsonObject
            {
                ["id"] = m.Id,
                ["shifts"] = m.Shifts is null ? null : new JsonArray([.. m.Shifts.Select(s => (JsonNode)new JsonObject { ["from"] = Time(s.Start), ["to"] = Time(s.End) })]),
            }))]),
            ["jobs"] = new JsonArray([.. problem.Jobs.Select(j => (JsonNode)Compact(new JsonObject
            {
                ["id"] = j.Id,
                ["orderId"] = j.OrderId,
                ["family"] = j.Family,
                ["release"] = Time(j.Release),
                ["due"] = j.Due is { } due ? Time(due) : null,
                ["weight"] = j.Weight,
                ["operations"] = new JsonArray([.. j.Operations.Select(o => (JsonNode)Compact(new JsonObject
                {
                    ["id"] = o.Id,
                    ["family"] = o.Family,
                    ["options"] = new JsonArray([.. o.Options.Select(x => (JsonNode)new JsonObject { ["machine"] = x.MachineId, ["minutes"] = x.Duration })]),
                    ["predecessors"] = o.Predecessors is null ? null : new JsonArray([.. o.Predecessors.Select(p => (JsonNode)p)]),
                }))]),
            }))]),
            ["setups"] = new JsonArray([.. problem.SetupList.Select(s => (JsonNode)Compact(new JsonObject
            {
                ["machine"] = s.MachineId, ["from"] = s.FromFamily, ["to"] = s.ToFamily, ["minutes"] = s.Minutes,
            }))]),
            ["blockedWindows"] = new JsonArray([.. problem.BlockedList.Select(b => (JsonNode)Compact(new JsonObject
            {
                ["machine"] = b.MachineId, ["from"] = Time(b.Window.Start), ["to"] = Time(b.Window.End), ["reason"] = b.Reason,
            }))]),
        };
    }

    /// <summary>ISO 8601 with offset, to the second.</summary>
    public static string Iso(DateTimeOffset time) => time.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private static JsonObject Compact(JsonObject node)
    {
        foreach (var key in node.Where(p => p.Value is null).Select(p => p.Key).ToList())
            node.Remove(key);
        return node;
    }
}
