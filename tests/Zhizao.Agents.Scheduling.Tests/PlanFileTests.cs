using System.Text.Json.Nodes;
using Zhizao.Agents.Scheduling.Plans;
using Zhizao.Scheduling.Model;

namespace Zhizao.Agents.Scheduling.Tests;

public sealed class PlanFileTests
{
    internal static string SampleText => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "samples", "plan.example.json"));

    [Fact]
    public void Sample_plan_round_trips_through_the_plan_file_format()
    {
        var plan = PlanFile.Parse("plan.example.json", SampleText);
        Assert.Equal(3, plan.Problem.Machines.Count);
        Assert.Equal(3, plan.Problem.Jobs.Count);
        Assert.Equal(60, plan.Problem.Jobs[1].Release);
        Assert.Equal(300, plan.Problem.Jobs[0].Due);
        Assert.Equal(new TimeWindow(240, 300), plan.Problem.BlockedList[0].Window);
        Assert.Equal(["turn", "keyway"], plan.Problem.Jobs[1].Operations[3].Predecessors!);
        Assert.Null(plan.Problem.Jobs[0].Operations[1].Predecessors);

        var written = PlanFile.ToJson(plan).ToJsonString();
        var again = PlanFile.Parse("written.json", written);
        Assert.Equal(written, PlanFile.ToJson(again).ToJsonString());
        Assert.Equal(plan.Clock, again.Clock);
    }

    [Fact]
    public void Structural_errors_name_the_file_and_the_json_path_of_each_problem()
    {
        var json = JsonNode.Parse(SampleText)!.AsObject();
        json["jobs"]![0]!["operations"]![1]!["options"]![0]!["minutes"] = "ninety";
        json["jobs"]![2]!["due"] = "2026-11-25T12:00:00";
        json["blockedWindows"]![0]!["to"] = "2026-11-25T11:00:00+08:00";
        json["colour"] = "blue";

        var e = Assert.Throws<PlanFileException>(() => PlanFile.Parse("bad.json", json.ToJsonString()));

        var paths = e.Errors.Select(x => x.Path).ToList();
        Assert.Contains("/jobs/0/operations/1/options/0/minutes", paths);
        Assert.Contains("/jobs/2/due", paths);
        Assert.Contains("/blockedWindows/0/to", paths);
        Assert.Contains("/colour", paths);
        Assert.All(e.Errors, x => Assert.Equal("bad.json", x.File));
        Assert.Contains("bad.json: /jobs/0/operations/1/options/0/minutes:", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_json_is_reported_with_the_file_and_line()
    {
        var e = Assert.Throws<PlanFileException>(() => PlanFile.Parse("broken.json", "{\n \"planStart\": "));
        var error = Assert.Single(e.Errors);
        Assert.Equal("broken.json", error.File);
        Assert.Contains("not valid JSON (line 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Engine_issues_point_at_the_job_or_operation_they_name()
    {
        var json = JsonNode.Parse(SampleText)!.AsObject();
        json["jobs"]![0]!["operations"]![2]!["options"]![0]!["machine"] = "lathe-9";
        json["jobs"]![1]!["operations"]![2]!["predecessors"] = new JsonArray("inspect");
        json["jobs"]![2]!["due"] = "2026-11-25T07:00:00+08:00";
        json["jobs"]![2]!["release"] = "2026-11-25T09:00:00+08:00";

        var e = Assert.Throws<PlanFileException>(() => PlanFile.Parse("plan.json", json.ToJsonString()));

        var unknown = Assert.Single(e.Errors, x => x.Kind == SchedulingIssueKind.UnknownMachine);
        Assert.Equal("/jobs/0/operations/2", unknown.Path);
        Assert.Contains("'drill'", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("'lathe-9'", unknown.Message, StringComparison.Ordinal);
        var cycle = Assert.Single(e.Errors, x => x.Kind == SchedulingIssueKind.PrecedenceCycle);
        Assert.StartsWith("/jobs/1", cycle.Path, StringComparison.Ordinal);
        Assert.Contains("'J2'", cycle.Message, StringComparison.Ordinal);
        var due = Assert.Single(e.Errors, x => x.Kind == SchedulingIssueKind.DueBeforeRelease);
        Assert.Equal("/jobs/2/due", due.Path);
    }
}
