using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Zhizao.Core.Access;
using Zhizao.Core.Agents;

namespace Zhizao.Protocols.A2A.Tests.Infrastructure;

/// <summary>
/// A test double of the skill gateway over real test agents: scopes skill:* / skill:{agent}:* / skill:{agent}:{skill}
/// (forbidden needs its exact scope), a and b must be numbers for add and guarded, guarded needs an approval that the test
/// gives or refuses.
/// </summary>
internal sealed class TestGateway(IReadOnlyList<IAgent> agents, TimeProvider time) : ISkillGateway
{
    private readonly ConcurrentDictionary<string, (Principal Caller, SkillCall Call, TaskCompletionSource<bool> Decision)> _approvals = new();

    public ConcurrentQueue<SkillCall> Calls { get; } = new();

    public IReadOnlyCollection<string> PendingApprovals => [.. _approvals.Keys];

    public IReadOnlyList<CallableSkill> ListCallable(Principal caller) =>
    [
        .. agents.SelectMany(a => a.Descriptor.Skills
            .Where(s => Allowed(caller, a.Descriptor.Id, s.Name))
            .Select(s => new CallableSkill(a.Descriptor.Id, a.Descriptor.Version, a.Descriptor.Name, s, a.Descriptor.Grade, s.Impact, s.Name == "guarded"))),
    ];

    public async Task<GatewayOutcome> InvokeAsync(Principal caller, SkillCall call, CancellationToken cancellationToken)
    {
        Calls.Enqueue(call);
        var invocation = Guid.NewGuid().ToString("N");
        if (agents.FirstOrDefault(a => a.Descriptor.Id == call.AgentId) is not { } agent)
            return Refused(invocation, RefusalTypes.UnknownAgent, $"No agent {call.AgentId}", 404);
        if (agent.Descriptor.Skills.All(s => s.Name != call.Skill))
            return Refused(invocation, RefusalTypes.UnknownSkill, $"{call.AgentId} has no skill {call.Skill}", 404);
        if (!Allowed(caller, call.AgentId, call.Skill))
            return Refused(invocation, RefusalTypes.ScopeDenied, $"Your scopes do not cover {call.AgentId}:{call.Skill}", 403);
        if (call.Skill is "add" or "guarded" && !(call.Input is JsonObject o && IsNumber(o["a"]) && IsNumber(o["b"])))
            return Refused(invocation, RefusalTypes.InvalidInput, "input.a and input.b must be numbers", 400);
        if (call.Skill == "guarded")
        {
            var id = "appr-" + invocation[..8];
            _approvals[id] = (caller, call, new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously));
            return new GatewayOutcome(invocation, null, null, new PendingApproval(id, time.GetUtcNow().AddHours(1)));
        }
        var result = await agent.InvokeAsync(call.Skill, call.Input, new AgentCaller(caller.Id, caller.Role), cancellationToken);
        return new GatewayOutcome(invocation, result, null, null);
    }

    public async Task<GatewayOutcome?> AwaitApprovalAsync(Principal caller, string approvalId, CancellationToken cancellationToken)
    {
        if (!_approvals.TryGetValue(approvalId, out var pending) || pending.Caller.Id != caller.Id)
            return null;
        var approved = await pending.Decision.Task.WaitAsync(cancellationToken);
        _approvals.TryRemove(approvalId, out _);
        if (!approved)
            return Refused(approvalId, RefusalTypes.ApprovalDenied, $"Approval {approvalId} was denied", 403);
        var agent = agents.First(a => a.Descriptor.Id == pending.Call.AgentId);
        return new GatewayOutcome(approvalId, await agent.InvokeAsync(pending.Call.Skill, pending.Call.Input, new AgentCaller(caller.Id, caller.Role), cancellationToken), null, null);
    }

    public void Decide(string approvalId, bool approve) => _approvals[approvalId].Decision.SetResult(approve);

    private static bool Allowed(Principal caller, string agentId, string skill) =>
        caller.Scopes.Contains($"skill:{agentId}:{skill}")
        || (skill != "forbidden" && (caller.Scopes.Contains("skill:*") || caller.Scopes.Contains($"skill:{agentId}:*")));

    private static bool IsNumber(JsonNode? node) => node is JsonValue v && v.TryGetValue<double>(out _);

    private static GatewayOutcome Refused(string invocation, string type, string message, int status) =>
        new(invocation, null, new Refusal(type, message, status), null);
}
