using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Zhizao.Agents.Scheduling.Agent;
using Zhizao.Agents.Scheduling.Plans;
using Zhizao.Scheduling.Solving;

namespace Zhizao.Cli.Commands;

/// <summary>
/// <c>zhizao schedule PLAN.json</c> (or <c>--demo</c>): solves a plan locally with CP-SAT (no server needed), reporting
/// the solver's progress on stderr and the per-machine sequences and KPIs on stdout (JSON with --json, the scheduling
/// agent's format).
/// </summary>
public static class ScheduleCommand
{
    private static readonly string[] Header = ["machine", "util", "job", "operation", "start", "end", "setup"];

    public static Command Create()
    {
        var plan = new Argument<string?>("plan") { Description = "Plan file (JSON, see samples/plan.example.json)", Arity = ArgumentArity.ZeroOrOne };
        var demo = new Option<bool>("--demo") { Description = "Schedule today's demo production orders instead of a plan file" };
        var count = new Option<int>("--count") { Description = "Number of demo orders", DefaultValueFactory = _ => 12 };
        var limit = new Option<string>("--time-limit") { Description = "Solver time limit (e.g. 30s, 2m)", DefaultValueFactory = _ => "30s" };
        var workers = new Option<int>("--workers") { Description = "CP-SAT workers", DefaultValueFactory = _ => 2 };
        var objective = new Option<string>("--objective") { Description = "makespan, tardiness (weighted) or late-jobs", DefaultValueFactory = _ => "makespan" };
        var command = new Command("schedule", "Schedule a plan (orders, routings, machines, setups, calendars) with CP-SAT: per-machine sequences and KPIs")
            { plan, demo, count, limit, workers, objective, CommonOptions.Json };
        command.SetAction((r, ct) => CommonOptions.RunAsync(async () =>
        {
            if (!Server.Apis.ApiTime.TryParseDuration(r.GetValue(limit)!, out var timeLimit) || timeLimit < TimeSpan.FromSeconds(1) || timeLimit > TimeSpan.FromHours(1))
                return CliOutput.Fail(ExitCodes.InvalidInput, $"--time-limit '{r.GetValue(limit)}' is not a duration between 1 s and 1 h (e.g. 30s)");
            if (r.GetValue(workers) is < 1 or > 64)
                return CliOutput.Fail(ExitCodes.InvalidInput, "--workers must be between 1 and 64");
            if (!ScheduleObjectives.TryParse(r.GetValue(objective), out var weights))
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

            var options = new SchedulerOptions { TimeLimit = timeLimit, Workers = r.GetValue(workers), Objective = weights, Progress = new StderrProgress() };
            var result = await CpSatScheduler.SolveAsync(problem.Problem, options, ct);
            if (!result.HasSchedule)
                return CliOutput.Fail(result.Status == ScheduleStatus.Infeasible ? ExitCodes.InvalidInput : ExitCodes.Failure,
                    $"no schedule ({result.Status.ToString().ToLowerInvariant()}): {string.Join("; ", result.Explanation)}");
            var json = ScheduleJson.Write(problem, result);
            if (r.GetValue(CommonOptions.Json))
                Console.Out.WriteLine(json.ToJsonString(CliOutput.Json));
            else
                Render(json);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static void Render(JsonObject json)
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
        var widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(row => row[c].Length)).ToArray();
        foreach (var row in rows)
            Console.Out.WriteLine(string.Join("  ", row.Select((cell, c) => cell.PadRight(widths[c]))).TrimEnd());
    }

    /// <summary>One stderr line per improving solution: best objective and bound (called on the solver's thread).</summary>
    private sealed class StderrProgress : IProgress<SchedulingProgress>
    {
        public void Report(SchedulingProgress value) =>
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"progress: best {value.Objective:0.##}, bound {value.Bound:0.##}, {value.Elapsed.TotalSeconds:F2} s, {value.Solutions} solution(s)"));
    }
}
