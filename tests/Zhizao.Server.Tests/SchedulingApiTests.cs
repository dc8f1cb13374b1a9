using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Zhizao.Server.Tests.Infrastructure;

namespace Zhizao.Server.Tests;

/// <summary>The scheduling agent's skills through the HTTP API: schedule, reschedule after a breakdown, explain, bad input.</summary>
public sealed class SchedulingApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string Skills = "api/v1/agents/cn.zhizao/scheduler/skills";

    private static readonly string SampleFile = Path.Combine(AppContext.BaseDirectory, "samples", "plan.example.json");

    private readonly ServerHost _server = fixture.Server;

    [Fact]
    public async Task A_plan_is_scheduled_then_repaired_after_a_breakdown_through_the_api()
    {
        using var admin = _server.Admin();
        var plan = JsonNode.Parse(await File.ReadAllTextAsync(SampleFile))!;

        var scheduled = await PostOkAsync(admin, "schedule", new JsonObject { ["plan"] = plan.DeepClone(), ["timeLimitSeconds"] = 5 });
        Assert.Equal("optimal", scheduled["status"]!.GetValue<string>());
        Assert.Equal(9, scheduled["gantt"]!.AsArray().Count);

        var repaired = await PostOkAsync(admin, "reschedule", new JsonObject
        {
            ["plan"] = plan.DeepClone(),
            ["current"] = scheduled.DeepClone(),
            ["now"] = "2026-11-25T08:30:00+08:00",
            ["frozenMinutes"] = 0,
            ["timeLimitSeconds"] = 5,
            ["events"] = new JsonArray(new JsonObject { ["type"] = "breakdown", ["machine"] = "cnc-01", ["to"] = "2026-11-25T12:00:00+08:00" }),
        });

        Assert.Equal(9, repaired["gantt"]!.AsArray().Count);
        Assert.DoesNotContain(repaired["gantt"]!.AsArray(), r => r!["machine"]!.GetValue<string>() == "cnc-01"
            && Time(r["start"]) < Time("2026-11-25T12:00:00+08:00") && Time(r["end"]) > Time("2026-11-25T08:30:00+08:00"));
        Assert.NotEmpty(repaired["changes"]!.AsArray());
        Assert.Contains(repaired["plan"]!["blockedWindows"]!.AsArray(), b => b!["reason"]!.GetValue<string>() == "breakdown");
    }

    [Fact]
    public async Task Late_jobs_of_the_demo_orders_are_explained()
    {
        using var admin = _server.Admin();

        var explained = await PostOkAsync(admin, "explain", new JsonObject { ["demo"] = true, ["count"] = 30, ["timeLimitSeconds"] = 2, ["objective"] = "tardiness" });

        Assert.True(explained["valid"]!.GetValue<bool>());
        Assert.False(string.IsNullOrEmpty(explained["summary"]!.GetValue<string>()));
        Assert.All(explained["lateJobs"]!.AsArray(), j => Assert.False(string.IsNullOrEmpty(j!["summary"]!.GetValue<string>())));
    }

    [Fact]
    public async Task A_bad_plan_is_a_problem_naming_the_operation_and_a_caller_without_a_key_is_refused()
    {
        using var admin = _server.Admin();
        var plan = JsonNode.Parse(await File.ReadAllTextAsync(SampleFile))!;
        plan["jobs"]![0]!["operations"]![1]!["options"] = new JsonArray();

        using var bad = await admin.PostAsJsonAsync($"{Skills}/schedule", new JsonObject { ["plan"] = plan });
        var problem = await bad.ProblemAsync(HttpStatusCode.BadRequest, "invalid-input");
        Assert.Contains("/plan/jobs/0/operations/1", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("'mill'", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        using var anonymous = _server.Client(null);
        using var refused = await anonymous.PostAsJsonAsync($"{Skills}/schedule", new JsonObject { ["demo"] = true });
        await refused.ProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
    }

    private static DateTimeOffset Time(JsonNode? node) => Time(node!.GetValue<string>());

    private static DateTimeOffset Time(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);

    private static async Task<JsonObject> PostOkAsync(HttpClient admin, string skill, JsonObject input)
    {
        using var response = await admin.PostAsJsonAsync($"{Skills}/{skill}", input);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{skill}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }
}
