using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Zhizao.Access.Approvals;
using Zhizao.Access.Audit;
using Zhizao.Access.Policy;
using Zhizao.Core.Access;
using Zhizao.Core.Agents;
using Zhizao.Registry.Catalog;

namespace Zhizao.Registry.Gateway;

/// <summary>
/// The one door to every skill (REST, MCP, A2A, CLI): rate limit, delegation, resolution in the caller's workspace, the grade policy,
/// the input schema, approval where the grade asks for it, an audit entry made durable before anything runs, then the call — in process
/// or on an external agent — and an audit entry of its outcome.
/// </summary>
public sealed partial class SkillGateway(
    AgentRegistry registry, CallRateLimiter rateLimiter, ApprovalService approvals, AuditLog audit, SkillSchemas schemas,
    IExternalAgentClient external, TimeProvider time, ILogger<SkillGateway> logger) : ISkillGateway
{
    /// <summary>How long an invocation id can be named as the parent of a delegated call.</summary>
    public static readonly TimeSpan DelegationWindow = TimeSpan.FromMinutes(10);

    /// <summary>Most invocations remembered for delegation (memory stays bounded at thousands of calls per second).</summary>
    public const int MaxTrackedInvocations = 100_000;

    // Invocations an agent may delegate from, in two generations rotated every half window: O(1) per call, memory bounded.
    private readonly Lock _rotation = new();
    private ConcurrentDictionary<string, (string AgentId, IReadOnlyList<string> Chain, DateTimeOffset Until)> _current = new(StringComparer.Ordinal);
    private ConcurrentDictionary<string, (string AgentId, IReadOnlyList<string> Chain, DateTimeOffset Until)> _previous = new(StringComparer.Ordinal);
    private DateTimeOffset _rotatedAt = DateTimeOffset.MinValue;

    /// <inheritdoc />
    public IReadOnlyList<CallableSkill> ListCallable(Principal caller)
    {
        var result = new List<CallableSkill>();
        foreach (var id in registry.InstalledIds(caller).Order(StringComparer.Ordinal))
        {
            var (agent, _) = registry.Resolve(caller, id);
            if (agent is null)
                continue;
            foreach (var skill in agent.Descriptor.Skills)
            {
                var target = Target(agent, skill);
                var decision = AccessPolicy.Decide(caller, target, null, inputKnown: false);
                if (decision.Verdict != PolicyVerdict.Refuse)
                    result.Add(new CallableSkill(id, agent.Version, agent.Descriptor.Name, skill, target.Grade, skill.Impact, decision.Verdict == PolicyVerdict.NeedsApproval));
            }
        }
        return result;
    }

    /// <inheritdoc />
    public async Task<GatewayOutcome> InvokeAsync(Principal caller, SkillCall call, CancellationToken cancellationToken)
    {
        var invocation = "inv_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var target = $"{call.AgentId}#{call.Skill}";
        var entry = AuditEvent.For(caller, call.Channel, "invoke", target, AuditDecisions.Denied) with
        {
            Invocation = invocation,
            InputSha256 = call.Input is null ? null : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(call.Input.ToJsonString()))),
        };

        if (rateLimiter.TryAcquire(caller) is { } limited)
            return await RefuseAsync(entry, invocation, limited, cancellationToken);

        if (call.ParentInvocation is { } parent)
        {
            if (!(_current.TryGetValue(parent, out var origin) || _previous.TryGetValue(parent, out origin))
                || origin.Until < time.GetUtcNow() || caller.Kind != PrincipalKind.Agent || origin.AgentId != caller.Id)
                return await RefuseAsync(entry, invocation, new Refusal(RefusalTypes.DelegationDenied,
                    $"invocation '{parent}' is not one that '{caller.Id}' is serving (only the agent an invocation was made to may delegate from it)", 403), cancellationToken);
            caller = caller with { Delegation = [.. origin.Chain] };
            entry = entry with { Chain = caller.Chain };
        }

        var (agent, refusal) = registry.Resolve(caller, call.AgentId);
        if (agent is null)
            return await RefuseAsync(entry, invocation, refusal!, cancellationToken);
        var skill = agent.Descriptor.Skills.FirstOrDefault(s => s.Name == call.Skill);
        if (skill is null)
            return await RefuseAsync(entry, invocation, new Refusal(RefusalTypes.UnknownSkill,
                $"'{call.AgentId}' has no skill '{call.Skill}' (skills: {string.Join(", ", agent.Descriptor.Skills.Select(s => s.Name))})", 404), cancellationToken);

        var skillTarget = Target(agent, skill);
        entry = entry with { Grade = AccessPolicy.Short(skillTarget.Grade) };
        var decision = AccessPolicy.Decide(caller, skillTarget, call.Input, inputKnown: true);
        if (decision.Verdict == PolicyVerdict.Refuse)
            return await RefuseAsync(entry, invocation, decision.Refusal!, cancellationToken);
        if (schemas.Check(call.AgentId, agent.Version, skill.Name, skill.InputSchema, call.Input) is { } invalid)
            return await RefuseAsync(entry, invocation, new Refusal(RefusalTypes.InvalidInput, invalid, 400), cancellationToken);

        if (decision.Verdict == PolicyVerdict.NeedsApproval)
        {
            var approval = await approvals.CreateAsync(caller, call, invocation, AccessPolicy.Short(skillTarget.Grade), skill.Impact.ToString(), cancellationToken);
            await audit.AppendAsync(entry with { Decision = AuditDecisions.Pending, Message = $"{decision.Rule}; approval {approval.Id}" }, cancellationToken);
            return new GatewayOutcome(invocation, null, null, new PendingApproval(approval.Id, approval.ExpiresAt));
        }

        await audit.AppendAsync(entry with { Decision = AuditDecisions.Allowed, Message = decision.Rule }, cancellationToken);
        var result = await RunAsync(caller, agent, call, invocation, cancellationToken);
        await audit.AppendAsync(entry with
        {
            Decision = result.IsSuccess ? AuditDecisions.Succeeded : AuditDecisions.Failed,
            Reason = result.Error?.Type,
            Message = result.Error?.Message,
        }, cancellationToken);
        return new GatewayOutcome(invocation, result, null, null);
    }

    /// <inheritdoc />
    public async Task<GatewayOutcome?> AwaitApprovalAsync(Principal caller, string approvalId, CancellationToken cancellationToken)
    {
        var record = await approvals.GetAsync(approvalId, cancellationToken);
        if (record is null || record.Requester.Id != caller.Id || record.Requester.Workspace != caller.Workspace)
            return null;
        record = await approvals.WaitAsync(approvalId, cancellationToken) ?? record;
        return ToOutcome(record);
    }

    /// <summary>The outcome an approval has come to (pending while undecided).</summary>
    public static GatewayOutcome ToOutcome(ApprovalRecord record) => record.Status switch
    {
        ApprovalStatus.Done => new GatewayOutcome(record.InvocationId, ReadOutcome(record.Outcome), null, null),
        ApprovalStatus.Denied => new GatewayOutcome(record.InvocationId, null,
            new Refusal(RefusalTypes.ApprovalDenied, $"'{record.DecidedBy}' denied the call{(record.Comment is { Length: > 0 } c ? ": " + c : "")}", 403), null),
        ApprovalStatus.Expired => new GatewayOutcome(record.InvocationId, null,
            new Refusal(RefusalTypes.ApprovalExpired, $"nobody approved the call before {record.ExpiresAt:O}", 408), null),
        _ => new GatewayOutcome(record.InvocationId, null, null, new PendingApproval(record.Id, record.ExpiresAt)),
    };

    /// <summary>
    /// A person approves or denies a pending call. Approved calls run under the requester's identity, in the background; their outcome
    /// is recorded on the approval and in the audit log.
    /// </summary>
    public async Task<(ApprovalRecord? Record, ApprovalError? Error)> DecideAsync(Principal decider, string approvalId, bool approve, string? comment, CancellationToken cancellationToken)
    {
        var (record, error) = await approvals.DecideAsync(decider, approvalId, approve, comment, cancellationToken);
        var target = record is null ? approvalId : $"{record.AgentId}#{record.Skill}";
        var entry = AuditEvent.For(decider, "api", approve ? "approve" : "deny", target, error is null ? (approve ? AuditDecisions.Approved : AuditDecisions.Denied) : AuditDecisions.Denied)
            with { Invocation = record?.InvocationId, Reason = error?.Type, Message = error?.Message ?? $"approval {approvalId}" };
        await audit.AppendAsync(entry, cancellationToken);
        if (error is not null || !approve)
            return (record, error);
        _ = Task.Run(() => RunApprovedAsync(record!), CancellationToken.None);
        return (record, null);
    }

    /// <summary>Expires overdue approvals; the approval service audits each (run periodically by the host).</summary>
    public async Task<int> ExpireApprovalsAsync(CancellationToken cancellationToken)
    {
        var expired = await approvals.ExpireDueAsync(cancellationToken);
        return expired.Count;
    }

    private async Task RunApprovedAsync(ApprovalRecord record)
    {
        var caller = record.Requester;
        var call = new SkillCall(record.AgentId, record.Skill, record.InputJson is null ? null : JsonNode.Parse(record.InputJson), record.Channel);
        var entry = AuditEvent.For(caller, record.Channel, "invoke", $"{record.AgentId}#{record.Skill}", AuditDecisions.Succeeded) with { Invocation = record.InvocationId };
        SkillResult result;
        var (agent, refusal) = registry.Resolve(caller, record.AgentId);
        if (agent is null)
            result = SkillResult.Fail("failed", refusal!.Message);
        else
            result = await RunAsync(caller, agent, call, record.InvocationId, CancellationToken.None);
        try
        {
            await audit.AppendAsync(entry with { Decision = result.IsSuccess ? AuditDecisions.Succeeded : AuditDecisions.Failed, Reason = result.Error?.Type, Message = result.Error?.Message },
                CancellationToken.None);
            var outcome = result.IsSuccess
                ? new JsonObject { ["output"] = result.Output?.DeepClone() }
                : new JsonObject { ["error"] = new JsonObject { ["type"] = result.Error!.Type, ["message"] = result.Error.Message } };
            await approvals.CompleteAsync(record, outcome.ToJsonString(), CancellationToken.None);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogApprovedRunFailed(logger, e, record.Id);
        }
    }

    private async Task<SkillResult> RunAsync(Principal caller, ResolvedAgent agent, SkillCall call, string invocation, CancellationToken cancellationToken)
    {
        Track(invocation, call.AgentId, caller.Chain);
        try
        {
            if (agent.Local is { } local)
                return await local.InvokeAsync(call.Skill, call.Input, new AgentCaller(caller.Id, caller.Role) { InvocationId = invocation }, cancellationToken);
            return await external.InvokeAsync(agent.Card!, call.Skill, call.Input, agent.Configuration, caller, cancellationToken);
        }
        catch (Exception e) when (agent.Local is null && e is HttpRequestException or TaskCanceledException or InvalidDataException && !cancellationToken.IsCancellationRequested)
        {
            return SkillResult.Fail("failed", $"'{call.AgentId}' did not answer: {e.Message}");
        }
    }

    // Remembers an invocation so that the agent serving it may delegate from it. Entries live between half a window and a window
    // (two generations); a generation holds at most half of MaxTrackedInvocations, beyond which an invocation is not remembered
    // (a delegation from it is then refused as unknown).
    private void Track(string invocation, string agentId, IReadOnlyList<string> chain)
    {
        var now = time.GetUtcNow();
        if (now - _rotatedAt > DelegationWindow / 2)
        {
            lock (_rotation)
            {
                if (now - _rotatedAt > DelegationWindow / 2)
                {
                    _previous = _current;
                    _current = new(StringComparer.Ordinal);
                    _rotatedAt = now;
                }
            }
        }
        var current = _current;
        if (current.Count < MaxTrackedInvocations / 2)
            current[invocation] = (agentId, chain, now + DelegationWindow);
    }

    private async Task<GatewayOutcome> RefuseAsync(AuditEvent entry, string invocation, Refusal refusal, CancellationToken cancellationToken)
    {
        await audit.AppendAsync(entry with { Decision = AuditDecisions.Denied, Reason = refusal.Type, Message = refusal.Message }, cancellationToken);
        return new GatewayOutcome(invocation, null, refusal, null);
    }

    private static SkillTarget Target(ResolvedAgent agent, SkillDescriptor skill)
    {
        var grade = skill.Grade is { } g && g < agent.Descriptor.Grade ? g : agent.Descriptor.Grade;
        return new SkillTarget(agent.Descriptor.Id, skill, grade, agent.PublisherLevel, agent.Bounds);
    }

    private static SkillResult ReadOutcome(string? outcome)
    {
        var node = outcome is null ? null : JsonNode.Parse(outcome);
        return node?["error"] is JsonObject error
            ? SkillResult.Fail(error["type"]?.GetValue<string>() ?? "failed", error["message"]?.GetValue<string>() ?? "")
            : SkillResult.Ok(node?["output"]?.DeepClone());
    }

    [LoggerMessage(EventId = 5201, Level = LogLevel.Error, Message = "Recording the outcome of approved call {ApprovalId} failed")]
    private static partial void LogApprovedRunFailed(ILogger logger, Exception exception, string approvalId);
}
