using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Zhizao.Agents.Scheduling.Agent;
using Zhizao.Agents.Scheduling.Plans;
using Zhizao.Core.Agents;
using Zhizao.Scheduling.Solving;

namespace Zhizao.Agents.Scheduling.Tests;

public sealed class RescheduleSkillTests
{
    private static readonly AgentCaller Caller = new("test", "admin");
    private static readonly DateTimeOffset Clock = new(2026, 11, 25, 1, 0, 0, TimeSpan.Zero);

    private readonly SchedulingAgent _agent = new(new FakeTimeProvider(Clock), NullLogger<SchedulingAgent>.Instance);

    [Fact]
    public async Task Descriptor_lists_the_reschedule_skill()
    {
        Assert.Contains("reschedule", _agent.Descriptor.Skills.Select(s => s.Name));
        var result = await _agent.InvokeAsync("teleport", new JsonObject(), Caller, CancellationToken.None);
        Assert.Contains("schedule, reschedule, explain, release, dispatch", result.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Breakdown_moves_work_off_the_broken_machine_keeps_the_past_and_reports_the_changes()
    {
        var plan = SamplePlan();
        var scheduled = await InvokeAsync("schedule", new JsonObject { ["plan"] = plan.DeepClone(), ["timeLimitSeconds"] = 5 });
        var cnc01 = Rows(scheduled).Where(r => r.Machine == "cnc-01").OrderBy(r => r.Start).ToList();
        Assert.NotEmpty(cnc01);
        // cnc-01 breaks down for two hours from 09:00 (plan minute 60).
        var now = "2026-11-25T09:00:00+08:00";
        var input = new JsonObject
        {
            ["plan"] = plan.DeepClone(),
            ["current"] = scheduled.DeepClone(),
            ["now"] = now,
            ["frozenMinutes"] = 0,
            ["timeLimitSeconds"] = 5,
            ["events"] = new JsonArray(new JsonObject { ["type"] = "breakdown", ["machine"] = "cnc-01", ["to"] = "2026-11-25T11:00:00+08:00" }),
        };

        var repaired = await InvokeAsync("reschedule", input);

        var updated = PlanFile.Parse("updated", repaired["plan"]!.DeepClone(), "");
        var window = Assert.Single(updated.Problem.BlockedList, b => b.Reason == "breakdown");
        Assert.Equal(("cnc-01", 60L, 180L), (window.MachineId, window.Window.Start, window.Window.End));
        AssertValid(updated, repaired);
        var after = Rows(repaired).ToDictionary(r => (r.Job, r.Operation));
        var before = Rows(scheduled).ToList();
        foreach (var op in before.Where(r => r.Start < 60 && r.End <= 60))
            Assert.Equal((op.Machine, op.Start), (after[(op.Job, op.Operation)].Machine, after[(op.Job, op.Operation)].Start));
        Assert.DoesNotContain(after.Values, r => r.Machine == "cnc-01" && r.Start < 180 && r.End > 60);
        Assert.Equal(repaired["changes"]!.AsArray().Count, repaired["changedOperations"]!.GetValue<int>());
        Assert.All(repaired["changes"]!.AsArray(), c => Assert.NotEmpty(c!["kinds"]!.AsArray()));
        Assert.Equal(now, repaired["now"]!.GetValue<string>());
    }

    [Fact]
    public async Task Rush_order_is_added_after_now_and_frozen_operations_stay_put()
    {
        var plan = SamplePlan();
        var scheduled = await InvokeAsync("schedule", new JsonObject { ["plan"] = plan.DeepClone(), ["timeLimitSeconds"] = 5 });
        var rush = JsonNode.Parse("""
            { "id": "RUSH", "orderId": "PO-9", "family": "shaft", "due": "2026-11-25T11:00:00+08:00", "weight": 10,
              "operations": [ { "id": "turn", "options": [ { "machine": "cnc-01", "minutes": 30 }, { "machine": "cnc-02", "minutes": 40 } ] } ] }
            """)!;
        var input = new JsonObject
        {
            ["plan"] = plan.DeepClone(),
            ["current"] = scheduled["gantt"]!.DeepClone(),
            ["now"] = "2026-11-25T08:30:00+08:00",
            ["frozenMinutes"] = 60,
            ["timeLimitSeconds"] = 5,
            ["objective"] = new JsonObject { ["makespan"] = 1, ["weightedTardiness"] = 1 },
            ["events"] = new JsonArray(new JsonObject { ["type"] = "rush-order", ["job"] = rush }),
        };

        var repaired = await InvokeAsync("reschedule", input);

        AssertValid(PlanFile.Parse("updated", repaired["plan"]!.DeepClone(), ""), repaired);
        var added = Assert.Single(repaired["changes"]!.AsArray(), c => c!["job"]!.GetValue<string>() == "RUSH");
        Assert.Equal(["added"], added!["kinds"]!.AsArray().Select(k => k!.GetValue<string>()));
        var after = Rows(repaired).ToDictionary(r => (r.Job, r.Operation));
        Assert.True(after[("RUSH", "turn")].Start >= 30);
        // Operations starting before 09:30 (the frozen horizon) keep their machine and do not start earlier.
        foreach (var op in Rows(scheduled).Where(r => r.Start < 90))
        {
            Assert.Equal(op.Machine, after[(op.Job, op.Operation)].Machine);
            Assert.True(after[(op.Job, op.Operation)].Start >= op.Start);
        }
        Assert.True(repaired["frozenOperations"]!.GetValue<int>() > 0);
    }

    [Fact]
    public async Task Operation_running_late_gets_its_new_duration_and_its_successors_wait()
    {
        var plan = SamplePlan();
        var scheduled = await InvokeAsync("schedule", new JsonObject { ["plan"] = plan.DeepClone(), ["timeLimitSeconds"] = 5 });
        var saw = Rows(scheduled).Single(r => r.Job == "J1" && r.Operation == "saw");
        var input = new JsonObject
        {
            ["plan"] = plan.DeepClone(),
            ["current"] = scheduled.DeepClone(),
            ["now"] = PlanFile.Iso(new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.FromHours(8)).AddMinutes(saw.Start + 1)),
            ["timeLimitSeconds"] = 5,
            ["events"] = new JsonArray(new JsonObject { ["type"] = "running-late", ["job"] = "J1", ["operation"] = "saw", ["minutes"] = 90 }),
        };

        var repaired = await InvokeAsync("reschedule", input);

        AssertValid(PlanFile.Parse("updated", repaired["plan"]!.DeepClone(), ""), repaired);
        var after = Rows(repaired).ToDictionary(r => (r.Job, r.Operation));
        Assert.Equal(saw.Start, after[("J1", "saw")].Start);
        Assert.Equal(saw.Start + 90, after[("J1", "saw")].End);
        Assert.True(after[("J1", "mill")].Start >= saw.Start + 90);
    }

    public static TheoryData<string, string, string[]> BadRequests => new()
    {
        { "unknown machine", """{"events":[{"type":"breakdown","machine":"cnc-09","to":"2026-11-25T10:00:00+08:00"}]}""", ["/events/0/machine", "'cnc-09'"] },
        { "unknown event", """{"events":[{"type":"earthquake"}]}""", ["/events/0/type", "'earthquake'"] },
        { "late op not scheduled", """{"events":[{"type":"running-late","job":"J9","operation":"saw","minutes":5}]}""", ["/events/0", "'J9'"] },
        { "duplicate rush id", """{"events":[{"type":"rush-order","job":{"id":"J1","operations":[{"id":"x","options":[{"machine":"cnc-01","minutes":5}]}]}}]}""", ["/events/0/job/id", "'J1'"] },
        { "now before plan", """{"now":"2026-11-24T08:00:00+08:00"}""", ["/now"] },
        { "breakdown reversed", """{"events":[{"type":"breakdown","machine":"cnc-01","from":"2026-11-25T10:00:00+08:00","to":"2026-11-25T09:00:00+08:00"}]}""", ["/events/0/to"] },
        { "rush order on unknown machine", """{"events":[{"type":"rush-order","job":{"id":"R1","operations":[{"id":"x","options":[{"machine":"lathe","minutes":5}]}]}}]}""", ["'lathe'"] },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Bad_repair_requests_are_rejected_naming_the_culprit(string kind, string extra, string[] expected)
    {
        var plan = SamplePlan();
        var scheduled = await InvokeAsync("schedule", new JsonObject { ["plan"] = plan.DeepClone(), ["timeLimitSeconds"] = 2 });
        var input = new JsonObject { ["plan"] = plan, ["current"] = scheduled["gantt"]!.DeepClone(), ["now"] = "2026-11-25T09:00:00+08:00", ["timeLimitSeconds"] = 2 };
        foreach (var (key, value) in JsonNode.Parse(extra)!.AsObject())
            input[key] = value!.DeepClone();

        var result = await _agent.InvokeAsync("reschedule", input, Caller, CancellationToken.None);

        Assert.False(result.IsSuccess, kind);
        Assert.Equal("invalid-input", result.Error!.Type);
        foreach (var text in expected)
            Assert.Contains(text, result.Error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""[{"machine":"cnc-01","job":"J1","operation":"teleport","start":"2026-11-25T08:00:00+08:00"}]""", "/current/0", "'teleport'")]
    [InlineData("""[{"machine":"saw-01","job":"J1","operation":"mill","start":"2026-11-25T08:00:00+08:00"}]""", "/current/0/machine", "'saw-01'")]
    [InlineData("""[{"machine":"saw-01","job":"J1","operation":"saw","start":"08:00"}]""", "/current/0/start", "ISO 8601")]
    [InlineData("\"yesterday's plan\"", "/current", "array")]
    public async Task A_current_schedule_that_does_not_fit_the_plan_is_rejected(string current, string path, string text)
    {
        var input = new JsonObject { ["plan"] = SamplePlan(), ["current"] = JsonNode.Parse(current), ["now"] = "2026-11-25T09:00:00+08:00" };

        var result = await _agent.InvokeAsync("reschedule", input, Caller, CancellationToken.None);

        Assert.Equal("invalid-input", result.Error?.Type);
        Assert.Contains(path, result.Error!.Message, StringComparison.Ordinal);
        Assert.Contains(text, result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_demo_orders_are_repaired_after_a_rush_order()
    {
        var scheduled = await InvokeAsync("schedule", new JsonObject { ["demo"] = true, ["count"] = 8, ["timeLimitSeconds"] = 2 });
        var rush = JsonNode.Parse("""
            { "id": "PO-RUSH", "family": "flange", "due": "2026-11-25T12:00:00+08:00", "weight": 5,
              "operations": [ { "id": "face", "options": [ { "machine": "cnc-01", "minutes": 40 }, { "machine": "cnc-05", "minutes": 45 } ] } ] }
            """)!;

        var repaired = await InvokeAsync("reschedule", new JsonObject
        {
            ["demo"] = true, ["count"] = 8, ["current"] = scheduled.DeepClone(), ["timeLimitSeconds"] = 2, ["now"] = "2026-11-25T09:00:00+08:00",
            ["events"] = new JsonArray(new JsonObject { ["type"] = "rush-order", ["job"] = rush }),
        });

        var updated = PlanFile.Parse("updated", repaired["plan"]!.DeepClone(), "");
        Assert.Equal(9, updated.Problem.Jobs.Count);
        AssertValid(updated, repaired);
        Assert.Contains(repaired["changes"]!.AsArray(), c => c!["job"]!.GetValue<string>() == "PO-RUSH");
    }

    [Fact]
    public async Task Reschedule_requires_a_plan_and_a_current_schedule()
    {
        var noPlan = await _agent.InvokeAsync("reschedule", new JsonObject { ["current"] = new JsonArray() }, Caller, CancellationToken.None);
        var noCurrent = await _agent.InvokeAsync("reschedule", new JsonObject { ["plan"] = SamplePlan() }, Caller, CancellationToken.None);

        Assert.Contains("'plan' (or \"demo\": true) is required", noPlan.Error!.Message, StringComparison.Ordinal);
        Assert.Contains("'current' is required", noCurrent.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_maintenance_work_orders_block_their_machines_unless_turned_off()
    {
        // The maintenance agent names machines by asset path; the plan by id.
        var windows = new FixedWindows(new MaintenanceWindow("plant/machining/cnc-01",
            new DateTimeOffset(2026, 11, 25, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 25, 4, 0, 0, TimeSpan.Zero), "maintenance work order #7 (high)"));
        var agent = new SchedulingAgent(new FakeTimeProvider(Clock), NullLogger<SchedulingAgent>.Instance, windows);
        var plan = SamplePlan();

        var blocked = (await agent.InvokeAsync("schedule", new JsonObject { ["plan"] = plan.DeepClone(), ["timeLimitSeconds"] = 5 }, Caller, CancellationToken.None)).Output!.AsObject();
        var free = (await agent.InvokeAsync("schedule", new JsonObject { ["plan"] = plan.DeepClone(), ["timeLimitSeconds"] = 5, ["maintenanceWindows"] = false }, Caller, CancellationToken.None)).Output!.AsObject();

        var applied = Assert.Single(blocked["maintenanceWindows"]!.AsArray());
        Assert.Equal(("cnc-01", "2026-11-25T08:00:00+08:00", "2026-11-25T12:00:00+08:00"),
            (applied!["machine"]!.GetValue<string>(), applied["from"]!.GetValue<string>(), applied["to"]!.GetValue<string>()));
        Assert.DoesNotContain(Rows(blocked), r => r.Machine == "cnc-01" && r.Start < 240);
        Assert.Empty(free["maintenanceWindows"]!.AsArray());
        Assert.Contains(Rows(free), r => r.Machine == "cnc-01" && r.Start < 240);
        var withWindow = PlanFile.Parse("sample", plan.DeepClone(), "");
        withWindow = MaintenanceBlocking.Apply(withWindow, await windows.ActiveAsync(CancellationToken.None)).Plan;
        AssertValid(withWindow, blocked);
    }

    [Fact]
    public void Maintenance_windows_of_other_machines_or_before_the_plan_are_ignored()
    {
        var plan = PlanFile.Parse("sample", SamplePlan(), "");
        var start = plan.Clock.PlanStart;

        var (_, applied) = MaintenanceBlocking.Apply(plan, [
            new MaintenanceWindow("plant/line/press-01", start, start.AddHours(1), "other machine"),
            new MaintenanceWindow("cnc-02", start.AddHours(-3), start.AddHours(-1), "already over"),
            new MaintenanceWindow("cnc-02", start.AddHours(-1), start.AddMinutes(30.5), "running"),
        ]);

        var window = Assert.Single(applied);
        Assert.Equal(("cnc-02", 0L, 31L), (window.MachineId, window.Window.Start, window.Window.End));
    }

    private sealed class FixedWindows(params MaintenanceWindow[] windows) : IMaintenanceWindowSource
    {
        public Task<IReadOnlyList<MaintenanceWindow>> ActiveAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<MaintenanceWindow>>(windows);
    }

    private sealed record Row(string Machine, string Job, string Operation, long Start, long End);

    private static JsonObject SamplePlan() => JsonNode.Parse(PlanFileTests.SampleText)!.AsObject();

    private static IEnumerable<Row> Rows(JsonObject output)
    {
        var start = DateTimeOffset.Parse(output["planStart"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        long Minutes(JsonNode? t) => (long)(DateTimeOffset.Parse(t!.GetValue<string>(), CultureInfo.InvariantCulture) - start).TotalMinutes;
        return output["gantt"]!.AsArray().Select(r => new Row(r!["machine"]!.GetValue<string>(), r["job"]!.GetValue<string>(), r["operation"]!.GetValue<string>(),
            Minutes(r["start"]), Minutes(r["end"])));
    }

    private async Task<JsonObject> InvokeAsync(string skill, JsonObject input)
    {
        var result = await _agent.InvokeAsync(skill, input, Caller, CancellationToken.None);
        Assert.True(result.IsSuccess, result.Error?.Message);
        return result.Output!.AsObject();
    }

    /// <summary>Every Gantt row through the engine's independent checker against <paramref name="plan"/>.</summary>
    private static void AssertValid(Plan plan, JsonObject output)
    {
        var operations = Rows(output).Zip(output["gantt"]!.AsArray(), (r, g) => new ScheduledOperation(r.Job, r.Operation, r.Machine, r.Start, r.End, g!["setupMinutes"]!.GetValue<long>())).ToList();
        Assert.Equal(plan.Problem.Jobs.Sum(j => j.Operations.Count), operations.Count);
        Assert.Empty(ScheduleChecker.Check(plan.Problem, operations));
    }
}
