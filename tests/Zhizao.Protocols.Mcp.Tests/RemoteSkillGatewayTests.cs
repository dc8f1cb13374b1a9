using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Zhizao.Core.Access;
using Zhizao.Core.Agents;

namespace Zhizao.Protocols.Mcp.Tests;

/// <summary>The remote gateway against a Kestrel host serving the Zhizao REST shapes.</summary>
public sealed class RemoteSkillGatewayTests : IAsyncLifetime
{
    private static readonly Principal Ignored = TestHost.Principals[TestHost.AddToken];
    private TestHost _host = null!;

    public async Task InitializeAsync() => _host = await TestHost.StartAsync(longPoll: TimeSpan.FromMilliseconds(100));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Lists_the_keys_callable_skills_with_schemas_grades_and_approval()
    {
        using var http = Client(_host.BaseAddress, TestHost.AllToken);
        var gateway = new RemoteSkillGateway(http);

        var skills = await gateway.ListCallableAsync(Ignored, McpHttpServerTests.Cancel());

        Assert.Equal(["add", "divide", "release"], skills.Select(s => s.Skill.Name));
        var release = skills[2];
        Assert.Equal((TestGateway.AgentId, "1.2.0", "计算器"), (release.AgentId, release.AgentVersion, release.AgentName.Zh));
        Assert.Equal((AutonomyGrade.L3ActsAfterApproval, ImpactClass.Production, true), (release.Grade, release.Impact, release.NeedsApproval));
        Assert.Equal(["machine"], release.Skill.AssetFields);
        Assert.Equal("string", release.Skill.InputSchema["properties"]!["machine"]!["type"]!.GetValue<string>());
        Assert.Same(skills, gateway.ListCallable(Ignored));
    }

    [Fact]
    public async Task Invocation_answers_output_refusal_or_skill_failure_with_the_invocation_id()
    {
        using var http = Client(_host.BaseAddress, TestHost.AddToken);
        var gateway = new RemoteSkillGateway(http);

        var ok = await gateway.InvokeAsync(Ignored, new SkillCall(TestGateway.AgentId, "add", new JsonObject { ["a"] = 1, ["b"] = 2 }, "mcp"), McpHttpServerTests.Cancel());
        var refused = await gateway.InvokeAsync(Ignored, new SkillCall(TestGateway.AgentId, "divide", new JsonObject { ["a"] = 1, ["b"] = 0 }, "mcp"), McpHttpServerTests.Cancel());

        Assert.True(ok.IsSuccess);
        Assert.Equal(3, ok.Result!.Output!["sum"]!.GetValue<double>());
        Assert.Equal("inv-1", ok.InvocationId);
        Assert.Equal(new Refusal(RefusalTypes.ScopeDenied, "viewer-1 may not call test.zhizao/calc:divide", 403), refused.Refusal);
        Assert.Equal("inv-2", refused.InvocationId);

        using var allHttp = Client(_host.BaseAddress, TestHost.AllToken);
        var failed = await new RemoteSkillGateway(allHttp).InvokeAsync(Ignored, new SkillCall(TestGateway.AgentId, "divide", new JsonObject { ["a"] = 1, ["b"] = 0 }, "mcp"), McpHttpServerTests.Cancel());
        Assert.Equal(new SkillError("failed", "cannot divide by zero"), failed.Result!.Error);
    }

    [Fact]
    public async Task Pending_call_is_awaited_through_repeated_long_polls_until_approved()
    {
        using var http = Client(_host.BaseAddress, TestHost.AllToken);
        var gateway = new RemoteSkillGateway(http);

        var pending = await gateway.InvokeAsync(Ignored, new SkillCall(TestGateway.AgentId, "release", new JsonObject { ["machine"] = "cnc-03" }, "mcp"), McpHttpServerTests.Cancel());
        var approvalId = pending.Pending!.Id;
        var waiting = gateway.AwaitApprovalAsync(Ignored, approvalId, McpHttpServerTests.Cancel());
        // Let at least one long poll (100 ms) end undecided with 202 before the decision.
        await WaitUntilAsync(() => _host.UndecidedPolls > 0);
        Assert.False(waiting.IsCompleted, waiting.IsCompleted ? (await waiting)?.ToString() : "");
        _host.Gateway.Approve(approvalId);
        var outcome = await waiting;

        Assert.True(pending.Pending.ExpiresAt > DateTimeOffset.UtcNow);
        Assert.True(outcome?.IsSuccess, outcome?.ToString());
        Assert.Equal("cnc-03", outcome!.Result!.Output!["released"]!.GetValue<string>());
        Assert.Null(await gateway.AwaitApprovalAsync(Ignored, "no-such-approval", McpHttpServerTests.Cancel()));
    }

    [Fact]
    public async Task Refused_key_and_unreachable_server_fail_listing_with_a_clear_message()
    {
        using var badKey = Client(_host.BaseAddress, "wrong-key");
        var refused = await Assert.ThrowsAsync<RemoteSkillGatewayException>(() => new RemoteSkillGateway(badKey).ListCallableAsync(Ignored, McpHttpServerTests.Cancel()));
        Assert.Contains("refused the key (401)", refused.Message, StringComparison.Ordinal);

        using var nowhere = Client(new Uri($"http://127.0.0.1:{UnusedPort()}/"), TestHost.AllToken);
        var gateway = new RemoteSkillGateway(nowhere);
        var unreachable = await Assert.ThrowsAsync<RemoteSkillGatewayException>(() => gateway.ListCallableAsync(Ignored, McpHttpServerTests.Cancel()));
        Assert.StartsWith("cannot reach the Zhizao server at http://127.0.0.1:", unreachable.Message, StringComparison.Ordinal);
        var call = await gateway.InvokeAsync(Ignored, new SkillCall(TestGateway.AgentId, "add", null, "mcp"), McpHttpServerTests.Cancel());
        Assert.Equal(RefusalTypes.Unreachable, call.Refusal!.Type);
    }

    internal static HttpClient Client(Uri baseAddress, string key)
    {
        var http = new HttpClient { BaseAddress = baseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return http;
    }

    private static int UnusedPort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(10));
        var cancel = McpHttpServerTests.Cancel();
        while (!condition())
            await timer.WaitForNextTickAsync(cancel);
    }
}
