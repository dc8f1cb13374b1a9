using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Zhizao.Agents.Scheduling.Agent;
using Zhizao.Agents.Scheduling.Plans;

namespace Zhizao.Cli.Commands;

/// <summary>
/// <c>zhizao reschedule PLAN.json --current SCHEDULE.json --breakdown cnc-01,2026-11-25T11:00+08:00 …</c>: repairs the
/// schedule in force (the output of <c>zhizao schedule --json</c>) from now after breakdowns, rush orders and late
/// operations, keeping a frozen horizon; prints the new schedule and what changed (the scheduling agent's
/// <c>reschedule</c> skill, run in this process).
/// </summary>
public static class RescheduleCommand
{
    public static Command Create()
    {
        var plan = new Argument<string>("plan") { Description = "The plan file the current schedule was made for" };
        var current = new Option<string>("--current") { Description = "The schedule in force: `zhizao schedule --json` output, or an array of {machine, job, operation, start}", Required = true };
        var now = new Option<string?>("--now") { Description = "Repair time, ISO 8601 with offset (default: now)" };
        var frozen = new Option<string>("--frozen") { Description = "Frozen horizon after now (e.g. 30m): operations starting in it keep their machine", DefaultValueFactory = _ => "30m" };
        var breakdowns = new Option<string[]>("--breakdown") { Description = "MACHINE,TO or MACHINE,FROM,TO (ISO 8601): the machine is down in that interval", AllowMultipleArgumentsPerToken = false };
        var late = new Option<string[]>("--late") { Description = "JOB,OPERATION,MINUTES: the operation now takes MINUTES in total" };
        var rush = new Option<string[]>("--rush") { Description = "A JSON file holding one new job in the plan-file format (a rush order)" };
        var events = new Option<string?>("--events") { Description = "A JSON file holding an array of events in the skill's format" };
        var limit = new Option<string>("--time-limit") { Description = "Solver time limit (e.g. 10s)", DefaultValueFactory = _ => "10s" };
        var workers = new Option<int>("--workers") { Description = "CP-SAT workers", DefaultValueFactory = _ => 2 };
        var objective = new Option<string>("--objective") { Description = "makespan, tardiness (weighted) or late-jobs", DefaultValueFactory = _ => "makespan" };
        var command = new Command("reschedule", "Repair a schedule after breakdowns, rush orders or late operations, from now with a frozen horizon; shows what changed")
            { plan, current, now, frozen, breakdowns, late, rush, events, limit, workers, objective, CommonOptions.Json };
        command.SetAction((r, ct) => CommonOptions.RunAsync(async () =>
        {
            if (!Server.Apis.ApiTime.TryParseDuration(r.GetValue(limit)!, out var timeLimit) || timeLimit < TimeSpan.FromSeconds(1) || timeLimit > TimeSpan.FromMinutes(5))
                return CliOutput.Fail(ExitCodes.InvalidInput, $"--time-limit '{r.GetValue(limit)}' is not a duration between 1 s and 5 min (e.g. 10s)");
            if (!TryParseFrozen(r.GetValue(frozen)!, out var frozenFor))
                return CliOutput.Fail(ExitCodes.InvalidInput, $"--frozen '{r.GetValue(frozen)}' is not a duration (e.g. 30m, 0s)");
            if (!ScheduleObjectives.TryParse(r.GetValue(objective), out _))
                return CliOutput.Fail(ExitCodes.InvalidInput, $"--objective must be one of {string.Join(", ", ScheduleObjectives.Names)}");
            var planFile = r.GetValue(plan)!;
            JsonObject input;
            try
            {
                var parsed = PlanFile.Parse(planFile, await File.ReadAllTextAsync(planFile, ct));
                input = new JsonObject
                {
                    ["plan"] = PlanFile.ToJson(parsed),
                    ["current"] = await ReadJsonAsync(r.GetValue(current)!, ct),
                    ["frozenMinutes"] = (long)frozenFor.TotalMinutes,
                    ["timeLimitSeconds"] = timeLimit.TotalSeconds,
                    ["workers"] = r.GetValue(workers),
                    ["objective"] = r.GetValue(objective),
                    ["events"] = await EventsAsync(r.GetValue(breakdowns) ?? [], r.GetValue(late) ?? [], r.GetValue(rush) ?? [], r.GetValue(events), ct),
                };
                if (r.GetValue(now) is { } at)
                    input["now"] = at;
            }
            catch (PlanFileException e)
            {
                foreach (var error in e.Errors)
                    CliOutput.WriteError("error", error.ToString());
                return ExitCodes.InvalidInput;
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or JsonException or FormatException)
            {
                return CliOutput.Fail(ExitCodes.InvalidInput, e.Message);
            }
            var json = r.GetValue(CommonOptions.Json);
            var code = await ScheduleCommand.InvokeAsync("reschedule", input, timeLimit, json, ct);
            return code;
        }));
        return command;
    }

    /// <summary>A duration, or zero ("0", "0s", "0m"): no frozen horizon.</summary>
    private static bool TryParseFrozen(string text, out TimeSpan frozen)
    {
        frozen = TimeSpan.Zero;
        return text.TrimEnd('s', 'm', 'h').All(c => c == '0') && text.Length > 0 && text[0] == '0' || Server.Apis.ApiTime.TryParseDuration(text, out frozen);
    }

    private static async Task<JsonNode> ReadJsonAsync(string file, CancellationToken ct)
    {
        try
        {
            return JsonNode.Parse(await File.ReadAllTextAsync(file, ct)) ?? throw new FormatException($"{file}: empty JSON");
        }
        catch (JsonException e)
        {
            throw new FormatException($"{file}: not valid JSON (line {e.LineNumber + 1}): {e.Message}", e);
        }
    }

    private static async Task<JsonArray> EventsAsync(string[] breakdowns, string[] late, string[] rush, string? eventsFile, CancellationToken ct)
    {
        var events = new JsonArray();
        if (eventsFile is not null)
        {
            if (await ReadJsonAsync(eventsFile, ct) is not JsonArray list)
                throw new FormatException($"{eventsFile}: must hold a JSON array of events");
            foreach (var e in list.ToList())
            {
                list.Remove(e);
                events.Add(e);
            }
        }
        foreach (var b in breakdowns)
        {
            var parts = b.Split(',', StringSplitOptions.TrimEntries);
            events.Add(parts.Length switch
            {
                2 => new JsonObject { ["type"] = "breakdown", ["machine"] = parts[0], ["to"] = parts[1] },
                3 => new JsonObject { ["type"] = "breakdown", ["machine"] = parts[0], ["from"] = parts[1], ["to"] = parts[2] },
                _ => throw new FormatException($"--breakdown '{b}': expected MACHINE,TO or MACHINE,FROM,TO"),
            });
        }
        foreach (var l in late)
        {
            var parts = l.Split(',', StringSplitOptions.TrimEntries);
            if (parts.Length != 3 || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var minutes))
                throw new FormatException($"--late '{l}': expected JOB,OPERATION,MINUTES");
            events.Add(new JsonObject { ["type"] = "running-late", ["job"] = parts[0], ["operation"] = parts[1], ["minutes"] = minutes });
        }
        foreach (var file in rush)
            events.Add(new JsonObject { ["type"] = "rush-order", ["job"] = await ReadJsonAsync(file, ct) });
        return events;
    }
}
