using System.Globalization;
using System.Text.Json.Nodes;
using Zhizao.Core.Agents;
using Zhizao.Core.Storage;

namespace Zhizao.Agents.Scheduling.Agent;

/// <summary>
/// Releasing a schedule to the shop floor (下达): the schedule in force becomes the dispatch list each machine works through. This is the
/// step that acts on production, so the skill is graded L3 — it runs only after a person approves it — while computing a schedule stays L2.
/// Released schedules are kept as documents (collection <c>released-schedules</c>: <c>current</c> and one per release).
/// </summary>
internal sealed class ScheduleRelease(IDocumentStore? documents, TimeProvider time)
{
    internal const string Collection = "released-schedules";
    private const int MaxRows = 20_000;

    public async Task<SkillResult> ReleaseAsync(JsonObject request, AgentCaller caller, CancellationToken cancellationToken)
    {
        if (documents is null)
            return SkillResult.Fail("failed", "releasing needs the platform's store (run the server, not the CLI alone)");
        var rowsNode = request["schedule"] is JsonObject schedule ? schedule["gantt"] : request["schedule"];
        if (rowsNode is not JsonArray rows || rows.Count == 0)
            return SkillResult.Fail("invalid-input", "'schedule' must be the schedule skill's output (with gantt rows) or a non-empty array of rows {machine, job, operation, start, end}");
        if (rows.Count > MaxRows)
            return SkillResult.Fail("invalid-input", $"a release holds at most {MaxRows} operations");
        var machines = new SortedDictionary<string, List<JsonObject>>(StringComparer.Ordinal);
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i] is not JsonObject row || Text(row, "machine") is not { } machine || Text(row, "job") is null || Text(row, "operation") is null
                || Time(row, "start") is not { } start || Time(row, "end") is not { } end || end < start)
                return SkillResult.Fail("invalid-input", $"/schedule row {i}: needs machine, job, operation and start <= end as ISO 8601 times with an offset");
            if (!machines.TryGetValue(machine, out var list))
                machines[machine] = list = [];
            list.Add(new JsonObject { ["job"] = Text(row, "job"), ["operation"] = Text(row, "operation"), ["start"] = start, ["end"] = end });
        }
        foreach (var (machine, list) in machines)
        {
            list.Sort((a, b) => a["start"]!.GetValue<DateTimeOffset>().CompareTo(b["start"]!.GetValue<DateTimeOffset>()));
            for (var i = 1; i < list.Count; i++)
            {
                if (list[i]["start"]!.GetValue<DateTimeOffset>() < list[i - 1]["end"]!.GetValue<DateTimeOffset>())
                    return SkillResult.Fail("invalid-input", $"machine '{machine}': {list[i - 1]["job"]}/{list[i - 1]["operation"]} and {list[i]["job"]}/{list[i]["operation"]} overlap; a machine does one operation at a time");
            }
        }
        var now = time.GetUtcNow();
        var id = "r" + now.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture);
        var released = new JsonObject
        {
            ["id"] = id,
            ["releasedAt"] = now,
            ["releasedBy"] = caller.PrincipalId,
            ["invocation"] = caller.InvocationId,
            ["note"] = Text(request, "note") is { } note ? note[..Math.Min(note.Length, 500)] : null,
            ["operations"] = rows.Count,
            ["dispatch"] = new JsonObject(machines.Select(m => KeyValuePair.Create(m.Key, (JsonNode?)new JsonArray([.. m.Value]))).ToList()),
        };
        var json = released.ToJsonString();
        await documents.TryInsertAsync(Collection, id, json, now, cancellationToken);
        await documents.PutAsync(Collection, "current", json, null, now, cancellationToken);
        return SkillResult.Ok(new JsonObject { ["id"] = id, ["releasedAt"] = now, ["operations"] = rows.Count, ["machines"] = machines.Count });
    }

    public async Task<SkillResult> DispatchAsync(JsonObject request, CancellationToken cancellationToken)
    {
        if (documents is null)
            return SkillResult.Fail("failed", "dispatch lists are kept by the platform's store (run the server, not the CLI alone)");
        var current = await documents.GetAsync(Collection, "current", cancellationToken);
        if (current is null)
            return SkillResult.Fail("not-found", "no schedule has been released yet");
        var released = JsonNode.Parse(current.Json)!.AsObject();
        if (Text(request, "machine") is { } machine)
        {
            var list = released["dispatch"]?[machine]?.DeepClone();
            if (list is null)
                return SkillResult.Fail("not-found", $"machine '{machine}' has nothing in the released schedule {released["id"]}");
            released["dispatch"] = new JsonObject { [machine] = list };
        }
        return SkillResult.Ok(released);
    }

    private static string? Text(JsonObject row, string name) => row[name] is JsonValue v && v.TryGetValue<string>(out var text) ? text : null;

    private static DateTimeOffset? Time(JsonObject row, string name) =>
        SkillInput.TryReadTime(row, name, out var time) ? time : null;
}
