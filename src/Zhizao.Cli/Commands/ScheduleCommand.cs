using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Zhizao.Agents.Scheduling.Agent;
using Zhizao.Agents.Scheduling.Plans;
using Zhizao.Core.Agents;

namespace Zhizao.Cli.Commands;

/// <summary>
/// <c>zhizao schedule PLAN.json</c> (or <c>--demo</c>): solves a plan locally with CP-SAT (no server needed), reporting
/// the solver's progress on stderr and the per-machine sequences and KPIs on stdout (JSON with --json, the scheduling
/// agent's format). It runs the scheduling agent's skills in process, so the output is the API's.
/// </summary>
public static class ScheduleCommand
{
    private static readonly string[] Header = ["machine", "util", "job", "operation", "start", "end", "setup"];
    private static readonly string[] ChangesHeader = ["job", "operation", "change", "from", "to", "moved (min)"];

    public static Command Create()
    {
        var plan = new Argument<string?>("plan") { Description = "Plan file (JSON, see samples/plan.example.json)", Arity = ArgumentArity.ZeroOrOne };
        var demo = new Option<bool>("--demo") { Description = "Schedule today's demo production orders instead of a plan file" };
        var count = new Option<int>("--count") { Description = "Number of demo orders", DefaultValueFactory = _ => 12 };
        var limit = new Option<string>("--time-limit") { Description = "Solver time limit (e.g. 30s, 2m)", DefaultValueFactory = _ => "30s" };
        var workers = new Option<int>("--workers") { Description = "CP-SAT workers", DefaultValueFactory = _ => 2 };
        var objective = new Option<string>("--objective") { Description = "makespan, tardiness (weighted) or late-jobs", DefaultValueFactory = _ => "makespan" };
        var explain = new Option<bool>("--explain") { Description = "Explain instead: validation issues, or why each late job is late" };
        var command = new Command("schedule", "Schedule a plan (orders, routings, machines, setups, calendars) with CP-SAT: per-machine sequences and KPIs")
            { plan, demo, count, limit, workers, objective, explain, CommonOptions.Json };
        command.SetAction((r, ct) => CommonOptions.RunAsync(async () =>
        {
            if (!Server.Apis.ApiTime.TryParseDuration(r.GetValue(limit)!, out var timeLimit) || timeLimit < TimeSpan.FromSeconds(1) || timeLimit > TimeSpan.FromHours(1))
                return CliOutput.Fail(ExitCodes.InvalidInput, $"--time-limit '{r.GetValue(limit)}' is not a duration between 1 s and 1 h (e.g. 30s)");
            if (r.GetValue(workers) is < 1 or > 64)
                return CliOutput.Fail(ExitCodes.InvalidInput, "--workers must be between 1 and 64");
            if (!ScheduleObjectives.TryParse(r.GetValue(objective), out _))
                return CliOutput.Fail(ExitCodes.InvalidInput, $"--objective must be one of {string.Join(", ", ScheduleObjectives.Names)}");
            if (r.GetValue(demo) == (r.GetValue(plan) is not null))
                return CliOutput.Fail(ExitCodes.InvalidInput, "give either a plan file or --demo");
            if (r.GetValue(count) is < 1 or > 500)
                return CliOutput.Fail(ExitCodes.InvalidInput, "--count must be between 1 and 500");

            Plan problem;
            try
            {
                problem = r.GetValue(plan) is { } file
                    ? PlanFile.Parse(file, await File.ReadAllTextAsync(file, ct))
                    : DemoPlan.Today(TimeProvider.System, r.GetValue(count));
            }
            catch (PlanFileException e)
            {
                foreach (var error in e.Errors)
                    CliOutput.WriteError("error", error.ToString());
                return ExitCodes.InvalidInput;
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
            {
                return CliOutput.Fail(ExitCodes.InvalidInput, e.Message);
            }

            var input = new JsonObject
            {
                ["plan"] = PlanFile.ToJson(problem),
                ["timeLimitSeconds"] = timeLimit.TotalSeconds,
                ["workers"] = r.GetValue(workers),
                ["objective"] = r.GetValue(objective),
            };
            var skill = r.GetValue(explain) ? "explain" : "schedule";
            return await InvokeAsync(skill, input, timeLimit, r.GetValue(CommonOptions.Json), ct);
        }));
        return command;
    }

    /// <summary>
    /// Runs a scheduling-agent skill in this process (no server needed) with the solver's progress on stderr, and prints
    /// its output: JSON with --json, otherwise tables. A rejected input exits 2 with the agent's message.
    /// </summary>
    internal static async Task<int> InvokeAsync(string skill, JsonObject input, TimeSpan timeLimit, bool json, CancellationToken ct)
    {
        var agent = new SchedulingAgent(TimeProvider.System, NullLogger<SchedulingAgent>.Instance);
        var result = await SolverProgress.RunAsync(timeLimit, progress => agent.InvokeAsync(skill, input, Caller, progress, ct));
        if (!result.IsSuccess)
            return CliOutput.Fail(result.Error!.Type == "invalid-input" ? ExitCodes.InvalidInput : ExitCodes.Failure, result.Error.Message);
        var output = result.Output!.AsObject();
        if (json)
            Console.Out.WriteLine(output.ToJsonString(CliOutput.Json));
        else if (skill == "explain")
            RenderExplanation(output);
        else
            Render(output);
        if (!json && output["changes"] is JsonArray changes)
            RenderChanges(output, changes);
        return ExitCodes.Ok;
    }

    /// <summary>The local user, who runs the agent in their own process.</summary>
    private static readonly AgentCaller Caller = new(Environment.UserName, "engineer");

    private static void RenderChanges(JsonObject json, JsonArray changes)
    {
        Console.Out.WriteLine();
        Console.Out.WriteLine($"Repaired from {json["now"]} (frozen until {json["frozenUntil"]}, {json["frozenOperations"]} operations frozen): {changes.Count} operations changed");
        var rows = new List<string[]> { ChangesHeader };
        rows.AddRange(changes.Select(c => new[]
        {
            c!["job"]!.ToString(), c["operation"]!.ToString(), string.Join("+", c["kinds"]!.AsArray().Select(k => k!.ToString())),
            c["oldMachine"] is null ? "-" : $"{c["oldMachine"]} {c["oldStart"]}", $"{c["newMachine"]} {c["newStart"]}", c["minutesMoved"]?.ToString() ?? "-",
        }));
        WriteTable(rows);
    }

    private static void WriteTable(List<string[]> rows)
    {
        var widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(row => row[c].Length)).ToArray();
        foreach (var row in rows)
            Console.Out.WriteLine(string.Join("  ", row.Select((cell, c) => cell.PadRight(widths[c]))).TrimEnd());
    }

    private static void RenderExplanation(JsonObject json)
    {
        Console.Out.WriteLine($"Status: {json["status"]}; {json["summary"]}");
        foreach (var job in json["lateJobs"]?.AsArray() ?? [])
            Console.Out.WriteLine($"- {job!["job"]}: {job["summary"]}");
    }

    internal static void Render(JsonObject json)
    {
        var inv = CultureInfo.InvariantCulture;
        var gap = json["gap"]?.GetValue<double>() ?? 0;
        Console.Out.WriteLine(string.Create(inv,
            $"Status: {json["status"]}{(json["provenOptimal"]!.GetValue<bool>() ? ", proven" : $" (gap {gap:P2})")}, objective {json["objective"]}, bound {json["bound"]}, {json["wallTimeSeconds"]} s"));
        var kpis = json["kpis"]!;
        Console.Out.WriteLine($"Makespan: {kpis["makespanMinutes"]} min (ends {kpis["end"]}), weighted tardiness {kpis["totalWeightedTardinessMinutes"]} min, late jobs {kpis["lateJobs"]}");
        Console.Out.WriteLine();
        var rows = new List<string[]> { Header };
        foreach (var machine in json["machines"]!.AsArray())
        {
            var utilisation = string.Create(inv, $"{machine!["utilisation"]!.GetValue<double>():P0}");
            var sequence = machine["sequence"]!.AsArray();
            if (sequence.Count == 0)
                rows.Add([machine["machine"]!.ToString(), utilisation, "-", "", "", "", ""]);
            foreach (var (op, i) in sequence.Select((o, i) => (o!, i)))
                rows.Add([i == 0 ? machine["machine"]!.ToString() : "", i == 0 ? utilisation : "", op["job"]!.ToString(), op["operation"]!.ToString(),
                    op["start"]!.ToString(), op["end"]!.ToString(), op["setupMinutes"]!.ToString()]);
        }
        WriteTable(rows);
    }
}
