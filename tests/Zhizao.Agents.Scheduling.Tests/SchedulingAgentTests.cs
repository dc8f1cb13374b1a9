using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Zhizao.Agents.Scheduling.Agent;
using Zhizao.Agents.Scheduling.Plans;
using Zhizao.Core.Agents;
using Zhizao.Scheduling.Solving;

namespace Zhizao.Agents.Scheduling.Tests;

public sealed class SchedulingAgentTests
{
    private static readonly AgentCaller Caller = new("test", "admin");

    private readonly SchedulingAgent _agent = new(new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 1, 0, 0, TimeSpan.Zero)), NullLogger<SchedulingAgent>.Instance);

    /// <summary>Two jobs crossing two machines; M1 carries 7 minutes of work, and 7 is reachable.</summary>
    private static JsonObject TinyPlan() => JsonNode.Parse("""
        {
          "planStart": "2026-11-25T08:00:00+08:00",
          "machines": [ { "id": "M1" }, { "id": "M2" } ],
          "jobs": [
            { "id": "J1", "due": "2026-11-25T08:05:00+08:00", "operations": [
              { "id": "a", "options": [ { "machine": "M1", "minutes": 3 } ] },
              { "id": "b", "options": [ { "machine": "M2", "minutes": 2 } ] } ] },
            { "id": "J2", "due": "2026-11-25T08:07:00+08:00", "operations": [
              { "id": "a", "options": [ { "machine": "M2", "minutes": 2 } ] },
              { "id": "b", "options": [ { "machine": "M1", "minutes": 4 } ] } ] }
          ]
        }
        """)!.AsObject();

    [Fact]
    public void Descriptor_recommends_plans_at_l2_and_releases_them_at_l3()
    {
        Assert.Equal("cn.zhizao/scheduler", _agent.Descriptor.Id);
        Assert.Equal(AutonomyGrade.L3ActsAfterApproval, _agent.Descriptor.Grade);
        Assert.Equal(["schedule", "reschedule", "explain", "release", "dispatch"], _agent.Descriptor.Skills.Select(s => s.Name));
        Assert.All(_agent.Descriptor.Skills.Where(s => s.Name != "release"), s => Assert.Equal(AutonomyGrade.L2Recommends, s.Grade));
        var release = _agent.Descriptor.Skills.Single(s => s.Name == "release");
        Assert.Equal((AutonomyGrade.L3ActsAfterApproval, ImpactClass.Production), (release.Grade, release.Impact));
    }

    [Fact]
    public async Task Schedule_proves_the_optimal_makespan_of_a_tiny_plan_and_keeps_every_constraint()
    {
        var output = await ScheduleAsync(new JsonObject { ["plan"] = TinyPlan(), ["timeLimitSeconds"] = 10 });

        Assert.Equal("optimal", output["status"]!.GetValue<string>());
        Assert.True(output["provenOptimal"]!.GetValue<bool>());
        Assert.Equal(0, output["gap"]!.GetValue<double>());
        Assert.Equal(7, output["kpis"]!["makespanMinutes"]!.GetValue<long>());
        Assert.Equal("2026-11-25T08:07:00+08:00", output["kpis"]!["end"]!.GetValue<string>());
        Assert.Equal(1.0, output["kpis"]!["utilisation"]!["M1"]!.GetValue<double>());
        Assert.Equal(["M1", "M2"], output["machines"]!.AsArray().Select(m => m!["machine"]!.GetValue<string>()));
        AssertScheduleIsValid(PlanFile.Parse("tiny", TinyPlan(), ""), output);
    }

    [Fact]
    public async Task Schedule_respects_the_sample_plans_precedence_setups_shifts_and_blocked_window()
    {
        var plan = JsonNode.Parse(PlanFileTests.SampleText)!.AsObject();
        plan["timeLimitSeconds"] = 10;
        plan["objective"] = new JsonObject { ["makespan"] = 1, ["weightedTardiness"] = 10 };

        var output = await ScheduleAsync(plan);

        Assert.Equal(9, output["gantt"]!.AsArray().Count);
        AssertScheduleIsValid(PlanFile.Parse("sample", PlanFileTests.SampleText), output);
    }

    [Fact]
    public async Task Schedule_of_the_demo_orders_places_every_operation_validly()
    {
        var output = await ScheduleAsync(new JsonObject { ["demo"] = true, ["count"] = 8, ["timeLimitSeconds"] = 2, ["objective"] = "tardiness" });

        Assert.Contains(output["status"]!.GetValue<string>(), (string[])["optimal", "feasible"]);
        var plan = DemoPlan.Today(new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 1, 0, 0, TimeSpan.Zero)), 8);
        Assert.Equal("2026-11-25T00:00:00+08:00", output["planStart"]!.GetValue<string>());
        Assert.Equal(plan.Problem.Jobs.Sum(j => j.Operations.Count), output["gantt"]!.AsArray().Count);
        AssertScheduleIsValid(plan, output);
    }

    public static TheoryData<string, string, string[]> BadPlans => new()
    {
        { "cycle", """{"jobs":[{"id":"J1","operations":[{"id":"a","predecessors":["b"],"options":[{"machine":"M1","minutes":1}]},{"id":"b","options":[{"machine":"M1","minutes":1}]}]}]}""", ["cycle", "'J1'", "a -> b"] },
        { "unknown machine", """{"jobs":[{"id":"J1","operations":[{"id":"cut","options":[{"machine":"M9","minutes":5}]}]}]}""", ["'cut'", "'M9'", "/plan/jobs/0/operations/0"] },
        { "due before release", """{"jobs":[{"id":"J7","release":"2026-11-25T10:00:00+08:00","due":"2026-11-25T09:00:00+08:00","operations":[{"id":"x","options":[{"machine":"M1","minutes":5}]}]}]}""", ["'J7'", "due", "/plan/jobs/0/due"] },
        { "wrong type", """{"jobs":[{"id":"J1","operations":[{"id":"x","options":[{"machine":"M1","minutes":-5}]}]}]}""", ["/plan/jobs/0/operations/0/options/0/minutes"] },
    };

    [Theory]
    [MemberData(nameof(BadPlans))]
    public async Task Schedule_rejects_a_bad_plan_naming_the_culprit(string kind, string jobs, string[] expected)
    {
        var plan = JsonNode.Parse(jobs)!.AsObject();
        plan["planStart"] = "2026-11-25T08:00:00+08:00";
        plan["machines"] = new JsonArray(new JsonObject { ["id"] = "M1" });

        var result = await _agent.InvokeAsync("schedule", new JsonObject { ["plan"] = plan }, Caller, CancellationToken.None);

        Assert.False(result.IsSuccess, kind);
        Assert.Equal("invalid-input", result.Error!.Type);
        foreach (var text in expected)
            Assert.Contains(text, result.Error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("timeLimitSeconds", "0", "'timeLimitSeconds'")]
    [InlineData("timeLimitSeconds", "301", "'timeLimitSeconds'")]
    [InlineData("workers", "0", "'workers'")]
    [InlineData("objective", "\"fastest\"", "'objective'")]
    [InlineData("objective", "{\"makespan\":0}", "'objective'")]
    public async Task Schedule_rejects_out_of_range_options(string name, string value, string culprit)
    {
        var input = new JsonObject { ["plan"] = TinyPlan(), [name] = JsonNode.Parse(value) };

        var result = await _agent.InvokeAsync("schedule", input, Caller, CancellationToken.None);

        Assert.Equal("invalid-input", result.Error?.Type);
        Assert.Contains(culprit, result.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Schedule_without_a_plan_says_what_is_missing()
    {
        var result = await _agent.InvokeAsync("schedule", new JsonObject(), Caller, CancellationToken.None);

        Assert.Equal("invalid-input", result.Error?.Type);
        Assert.Contains("/planStart", result.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explain_lists_validation_issues_of_a_bad_plan()
    {
        var plan = TinyPlan();
        plan["jobs"]![1]!["operations"]![0]!["options"]![0]!["machine"] = "M3";

        var result = await _agent.InvokeAsync("explain", plan, Caller, CancellationToken.None);

        Assert.True(result.IsSuccess);
        Assert.False(result.Output!["valid"]!.GetValue<bool>());
        var issue = Assert.Single(result.Output["issues"]!.AsArray());
        Assert.Equal("/jobs/1/operations/0", issue!["path"]!.GetValue<string>());
        Assert.Equal("UnknownMachine", issue["kind"]!.GetValue<string>());
    }

    [Fact]
    public async Task Explain_tells_a_job_that_cannot_be_on_time_from_one_delayed_by_the_machine()
    {
        // J1 needs 3 + 2 min but is due after 4; J2 is due at 6 but M1 is shared with J1, so one of them waits.
        var plan = TinyPlan();
        plan["jobs"]![0]!["due"] = "2026-11-25T08:04:00+08:00";
        plan["jobs"]![1]!["due"] = "2026-11-25T08:06:00+08:00";

        var result = await _agent.InvokeAsync("explain", plan, Caller, CancellationToken.None);

        Assert.True(result.IsSuccess, result.Error?.Message);
        var late = result.Output!["lateJobs"]!.AsArray().ToDictionary(j => j!["job"]!.GetValue<string>());
        Assert.Contains("cannot be on time", late["J1"]!["summary"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("2026-11-25T08:05:00+08:00", late["J1"]!["earliestPossibleCompletion"]!.GetValue<string>());
        Assert.True(late.ContainsKey("J2"));
        var waited = late["J2"]!["operations"]!.AsArray().Single(o => o!["waitMinutes"]!.GetValue<long>() > 0);
        Assert.Contains("machine 'M1' busy with J1/a", waited!["cause"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_skill_is_reported_with_the_skills_there_are()
    {
        var result = await _agent.InvokeAsync("teleport", new JsonObject(), Caller, CancellationToken.None);

        Assert.Equal("unknown-skill", result.Error?.Type);
        Assert.Contains("schedule, reschedule, explain", result.Error!.Message, StringComparison.Ordinal);
    }

    private async Task<JsonObject> ScheduleAsync(JsonObject input)
    {
        var result = await _agent.InvokeAsync("schedule", input, Caller, CancellationToken.None);
        Assert.True(result.IsSuccess, result.Error?.Message);
        return result.Output!.AsObject();
    }

    /// <summary>Reads the Gantt rows back into the engine's operations and runs the engine's independent checker.</summary>
    private static void AssertScheduleIsValid(Plan plan, JsonObject output)
    {
        long Minutes(JsonNode? time) => plan.Clock.ToMinutes(DateTimeOffset.Parse(time!.GetValue<string>(), CultureInfo.InvariantCulture));
        var operations = output["gantt"]!.AsArray().Select(r => new ScheduledOperation(
            r!["job"]!.GetValue<string>(), r["operation"]!.GetValue<string>(), r["machine"]!.GetValue<string>(),
            Minutes(r["start"]), Minutes(r["end"]), r["setupMinutes"]!.GetValue<long>())).ToList();
        Assert.Empty(ScheduleChecker.Check(plan.Problem, operations));
    }
}
