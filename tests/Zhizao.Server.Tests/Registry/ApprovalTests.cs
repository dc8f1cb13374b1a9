using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Zhizao.Server.Tests.Infrastructure;

namespace Zhizao.Server.Tests.Registry;

/// <summary>
/// Four-eyes approval of an L3 skill through the real server: releasing a schedule to the shop floor (cn.zhizao/scheduler release)
/// waits for a person other than the requester, then runs; a denied call never runs; every step is in an intact audit chain.
/// </summary>
public sealed class ApprovalTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string Scheduler = "cn.zhizao/scheduler";
    private readonly ServerHost _server = fixture.Server;

    [Fact]
    public async Task A_release_waits_for_another_persons_approval_then_runs_and_every_step_is_audited()
    {
        using var admin = _server.Admin();
        using var requester = _server.Client((await admin.CreateKeyAsync("release-operator", "operator")).Key);
        using var approver = _server.Client((await admin.CreateKeyAsync("release-engineer", "engineer")).Key);
        var schedule = await ScheduleAsync(requester);

        using var call = await requester.InvokeAsync(Scheduler, "release", new JsonObject { ["schedule"] = schedule, ["note"] = "morning shift" });
        var pending = await call.JsonAsync(HttpStatusCode.Accepted);
        Assert.Equal("pending-approval", pending["status"]!.GetValue<string>());
        var approvalId = pending["approvalId"]!.GetValue<string>();
        var invocation = RegistryCalls.InvocationOf(call);

        // An operator may not decide approvals at all, its own least of all; the refusal changes nothing.
        using (var own = await requester.PostAsJsonAsync($"api/v1/approvals/{approvalId}/approve", new { comment = "mine" }))
            await own.ProblemAsync(HttpStatusCode.Forbidden, "not-allowed");
        Assert.Equal("pending", (await requester.GetJsonAsync($"api/v1/approvals/{approvalId}"))["status"]!.GetValue<string>());
        using (var notYet = await requester.InvokeAsync(Scheduler, "dispatch", new JsonObject()))
            Assert.NotEqual(HttpStatusCode.OK, notYet.StatusCode);

        using (var approved = await approver.PostAsJsonAsync($"api/v1/approvals/{approvalId}/approve", new { comment = "checked" }))
            Assert.Equal("approved", (await approved.JsonAsync(HttpStatusCode.OK))["status"]!.GetValue<string>());
        using var waited = await requester.GetAsync($"api/v1/approvals/{approvalId}/wait?seconds=30");
        var released = await waited.JsonAsync(HttpStatusCode.OK);

        Assert.Equal(schedule["gantt"]!.AsArray().Count, released["operations"]!.GetValue<int>());
        using var dispatch = await requester.InvokeAsync(Scheduler, "dispatch", new JsonObject());
        var lists = await dispatch.JsonAsync(HttpStatusCode.OK);
        Assert.Equal((released["id"]!.GetValue<string>(), "morning shift"), (lists["id"]!.GetValue<string>(), lists["note"]!.GetValue<string>()));
        Assert.Equal(released["machines"]!.GetValue<int>(), lists["dispatch"]!.AsObject().Count);
        var decisions = await Poll.UntilAsync(
            async () => (await admin.AuditAsync()).Where(e => RegistryCalls.Text(e, "invocation") == invocation).Select(e => RegistryCalls.Text(e, "decision")).ToList(),
            d => d.Contains("succeeded"), "the release's audit entries");
        Assert.Equal(["pending", "approved", "succeeded"], decisions);
        await AssertAuditIntactAsync(admin);
    }

    [Fact]
    public async Task A_requester_cannot_approve_its_own_call_and_a_denied_call_never_runs()
    {
        using var admin = _server.Admin();
        using var requester = _server.Client((await admin.CreateKeyAsync("self-approver", "engineer")).Key);
        using var other = _server.Client((await admin.CreateKeyAsync("denier", "engineer")).Key);
        var schedule = await ScheduleAsync(requester);
        using var call = await requester.InvokeAsync(Scheduler, "release", new JsonObject { ["schedule"] = schedule });
        var approvalId = (await call.JsonAsync(HttpStatusCode.Accepted))["approvalId"]!.GetValue<string>();
        var invocation = RegistryCalls.InvocationOf(call);

        using (var own = await requester.PostAsJsonAsync($"api/v1/approvals/{approvalId}/approve", new { comment = "looks fine to me" }))
            await own.ProblemAsync(HttpStatusCode.Forbidden, "self-approval");
        await admin.AssertDeniedAsync("self-approval", e => RegistryCalls.Text(e, "action") == "approve" && RegistryCalls.Text(e, "target") == approvalId, "the self-approval");
        Assert.Equal("pending", (await requester.GetJsonAsync($"api/v1/approvals/{approvalId}"))["status"]!.GetValue<string>());

        using (var denied = await other.PostAsJsonAsync($"api/v1/approvals/{approvalId}/deny", new { comment = "not this week" }))
            Assert.Equal("denied", (await denied.JsonAsync(HttpStatusCode.OK))["status"]!.GetValue<string>());
        using var waited = await requester.GetAsync($"api/v1/approvals/{approvalId}/wait?seconds=10");

        var problem = await waited.ProblemAsync(HttpStatusCode.Forbidden, "approval-denied");
        Assert.Contains("not this week", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var decisions = (await admin.AuditAsync()).Where(e => RegistryCalls.Text(e, "invocation") == invocation).Select(e => RegistryCalls.Text(e, "decision")).ToList();
        Assert.DoesNotContain("succeeded", decisions);
        Assert.DoesNotContain("allowed", decisions);
        Assert.Equal(["pending", "denied"], decisions);
        await AssertAuditIntactAsync(admin);
    }

    private static async Task<JsonObject> ScheduleAsync(HttpClient http)
    {
        using var scheduled = await http.InvokeAsync(Scheduler, "schedule", new JsonObject { ["demo"] = true, ["timeLimitSeconds"] = 2 });
        var schedule = await scheduled.JsonAsync(HttpStatusCode.OK);
        Assert.NotEmpty(schedule["gantt"]!.AsArray());
        return schedule;
    }

    private static async Task AssertAuditIntactAsync(HttpClient admin)
    {
        var verification = await admin.GetJsonAsync("api/v1/audit/verify");
        Assert.True(verification["brokenAt"] is null, verification.ToJsonString());
        Assert.True(verification["checked"]!.GetValue<long>() > 0, verification.ToJsonString());
    }
}
