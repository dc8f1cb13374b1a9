using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Zhizao.Core.Access;
using Zhizao.Core.Agents;
using Zhizao.Core.Assets;

namespace Zhizao.Protocols.Mcp.Tests;

/// <summary>
/// A test double of the skill gateway over one small agent (<c>test.zhizao/calc</c>): it lists and allows the skills the caller's
/// scopes cover, refuses the rest, and holds <c>release</c> (production impact) for approval until the test decides.
/// </summary>
internal sealed class TestGateway(TimeProvider time) : ISkillGateway
{
    public const string AgentId = "test.zhizao/calc";

    public static readonly AgentDescriptor Agent = new(
        AgentId, "1.2.0", new LocalizedText("Calculator", "计算器"), new LocalizedText("Adds numbers", "加法"), AutonomyGrade.L3ActsAfterApproval,
        [
            new SkillDescriptor("add", new LocalizedText("Add two numbers", "两数相加"),
                Schema("""{"type":"object","required":["a","b"],"properties":{"a":{"type":"number"},"b":{"type":"number"}}}"""),
                Schema("""{"type":"object","required":["sum"],"properties":{"sum":{"type":"number"}}}""")) { Grade = AutonomyGrade.L1Informs },
            new SkillDescriptor("divide", new LocalizedText("Divide two numbers", "两数相除"),
                Schema("""{"type":"object","required":["a","b"],"properties":{"a":{"type":"number"},"b":{"type":"number"}}}"""),
                Schema("""{"type":"object","properties":{"quotient":{"type":"number"}}}""")) { Grade = AutonomyGrade.L2Recommends, Impact = ImpactClass.Quality },
            new SkillDescriptor("release", new LocalizedText("Release a machine", "释放设备"),
                Schema("""{"type":"object","required":["machine"],"properties":{"machine":{"type":"string"}}}"""),
                Schema("""{"type":"object","properties":{"released":{"type":"string"}}}""")) { Impact = ImpactClass.Production, AssetFields = ["machine"] },
        ]);

    private readonly ConcurrentDictionary<string, (Principal Caller, SkillCall Call, TaskCompletionSource<GatewayOutcome> Decision)> _approvals = new();
    private int _next;

    /// <summary>Every call the gateway received, in order.</summary>
    public ConcurrentQueue<(Principal Caller, SkillCall Call)> Calls { get; } = new();

    /// <summary>Completes with the id of the next approval the gateway asks for.</summary>
    public TaskCompletionSource<string> ApprovalRequested { get; private set; } = NewSignal();

    public IReadOnlyList<CallableSkill> ListCallable(Principal caller) =>
        [.. Agent.Skills.Where(s => Allows(caller, s.Name)).Select(s => Callable(s))];

    public Task<GatewayOutcome> InvokeAsync(Principal caller, SkillCall call, CancellationToken cancellationToken)
    {
        Calls.Enqueue((caller, call));
        var invocation = $"inv-{Interlocked.Increment(ref _next)}";
        if (call.AgentId != AgentId)
            return Task.FromResult(Refused(invocation, RefusalTypes.UnknownAgent, $"no agent {call.AgentId}", 404));
        if (Agent.Skills.FirstOrDefault(s => s.Name == call.Skill) is not { } skill)
            return Task.FromResult(Refused(invocation, RefusalTypes.UnknownSkill, $"{AgentId} has no skill {call.Skill}", 404));
        if (!Allows(caller, call.Skill))
            return Task.FromResult(Refused(invocation, RefusalTypes.ScopeDenied, $"{caller.Id} may not call {AgentId}:{call.Skill}", 403));
        if (skill.Impact == ImpactClass.Production)
        {
            var id = $"apr-{invocation}";
            _approvals[id] = (caller, call, new TaskCompletionSource<GatewayOutcome>(TaskCreationOptions.RunContinuationsAsynchronously));
            var signal = ApprovalRequested;
            ApprovalRequested = NewSignal();
            signal.TrySetResult(id);
            return Task.FromResult(new GatewayOutcome(invocation, null, null, new PendingApproval(id, time.GetUtcNow().AddMinutes(10))));
        }
        return Task.FromResult(new GatewayOutcome(invocation, Run(call), null, null));
    }

    public async Task<GatewayOutcome?> AwaitApprovalAsync(Principal caller, string approvalId, CancellationToken cancellationToken) =>
        _approvals.TryGetValue(approvalId, out var approval) && approval.Caller.Id == caller.Id
            ? await approval.Decision.Task.WaitAsync(cancellationToken)
            : null;

    /// <summary>A person approves: the call runs.</summary>
    public void Approve(string approvalId)
    {
        var approval = _approvals[approvalId];
        approval.Decision.TrySetResult(new GatewayOutcome($"inv-{approvalId}", Run(approval.Call), null, null));
    }

    /// <summary>A person denies the call.</summary>
    public void Deny(string approvalId) =>
        _approvals[approvalId].Decision.TrySetResult(Refused($"inv-{approvalId}", RefusalTypes.ApprovalDenied, "a person denied the release", 403));

    public static CallableSkill Callable(SkillDescriptor skill) => new(
        AgentId, Agent.Version, Agent.Name, skill, skill.Grade ?? Agent.Grade, skill.Impact, skill.Impact == ImpactClass.Production);

    private static SkillResult Run(SkillCall call)
    {
        var a = call.Input?["a"]?.GetValue<double>() ?? 0;
        var b = call.Input?["b"]?.GetValue<double>() ?? 0;
        return call.Skill switch
        {
            "add" => SkillResult.Ok(new JsonObject { ["sum"] = a + b }),
            "divide" when b == 0 => SkillResult.Fail("failed", "cannot divide by zero"),
            "divide" => SkillResult.Ok(new JsonObject { ["quotient"] = a / b }),
            _ => SkillResult.Ok(new JsonObject { ["released"] = call.Input?["machine"]?.GetValue<string>() }),
        };
    }

    private static bool Allows(Principal caller, string skill) =>
        caller.Scopes.Any(s => s == "skill:*" || s == $"skill:{AgentId}:*" || s == $"skill:{AgentId}:{skill}");

    private static GatewayOutcome Refused(string invocation, string type, string message, int status) =>
        new(invocation, null, new Refusal(type, message, status), null);

    private static TaskCompletionSource<string> NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static JsonObject Schema(string json) => JsonNode.Parse(json)!.AsObject();
}
