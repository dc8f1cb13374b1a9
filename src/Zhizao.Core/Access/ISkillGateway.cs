using System.Text.Json.Nodes;
using Zhizao.Core.Agents;
using Zhizao.Core.Assets;

namespace Zhizao.Core.Access;

/// <summary>A skill as a caller may see and call it (MCP tools, A2A skills, the console's agent pages).</summary>
/// <param name="AgentId">Reverse-DNS agent id, e.g. <c>cn.zhizao/scheduler</c>.</param>
/// <param name="AgentVersion">The version installed in the caller's workspace.</param>
/// <param name="AgentName">The agent's display name.</param>
/// <param name="Skill">The skill with its input and output schemas.</param>
/// <param name="Grade">The skill's effective grade.</param>
/// <param name="Impact">What the skill can affect.</param>
/// <param name="NeedsApproval">True when a person must approve each call before it runs.</param>
public sealed record CallableSkill(
    string AgentId,
    string AgentVersion,
    LocalizedText AgentName,
    SkillDescriptor Skill,
    AutonomyGrade Grade,
    ImpactClass Impact,
    bool NeedsApproval);

/// <summary>One invocation request, whatever protocol it came by.</summary>
/// <param name="AgentId">Reverse-DNS agent id.</param>
/// <param name="Skill">Skill name.</param>
/// <param name="Input">JSON input (checked against the skill's input schema).</param>
/// <param name="Channel">How the call arrived: api, mcp, a2a, cli, console (for audit).</param>
/// <param name="ParentInvocation">When an agent calls another agent while serving an invocation, that invocation's id (delegation).</param>
public sealed record SkillCall(string AgentId, string Skill, JsonNode? Input, string Channel, string? ParentInvocation = null);

/// <summary>Why a call was refused. <see cref="Type"/> is stable (see <see cref="RefusalTypes"/>); <see cref="Status"/> is the HTTP status to answer.</summary>
public sealed record Refusal(string Type, string Message, int Status);

/// <summary>The stable refusal types.</summary>
public static class RefusalTypes
{
    /// <summary>No such agent installed in the caller's workspace (404).</summary>
    public const string UnknownAgent = "unknown-agent";
    /// <summary>The agent has no such skill (404).</summary>
    public const string UnknownSkill = "unknown-skill";
    /// <summary>The caller's scopes do not cover the skill (403).</summary>
    public const string ScopeDenied = "scope-denied";
    /// <summary>The caller's role may not invoke skills of this grade or impact (403).</summary>
    public const string GradeDenied = "grade-denied";
    /// <summary>The caller's role may not invoke skills of this impact (viewers and devices invoke none) (403).</summary>
    public const string RoleDenied = "role-denied";
    /// <summary>The input names an asset outside the caller's asset restrictions (403).</summary>
    public const string AssetDenied = "asset-denied";
    /// <summary>The agent version is suspended, retired or its signature no longer verifies (403).</summary>
    public const string AgentUnavailable = "agent-unavailable";
    /// <summary>An external agent does not answer (502).</summary>
    public const string Unreachable = "agent-unreachable";
    /// <summary>Too many calls from this principal (429).</summary>
    public const string RateLimited = "rate-limited";
    /// <summary>The input violates the skill's input schema (400).</summary>
    public const string InvalidInput = "invalid-input";
    /// <summary>A person refused the approval (403).</summary>
    public const string ApprovalDenied = "approval-denied";
    /// <summary>Nobody approved within the approval timeout (408).</summary>
    public const string ApprovalExpired = "approval-expired";
    /// <summary>The delegation (parent invocation) is unknown or not the caller's (403).</summary>
    public const string DelegationDenied = "delegation-denied";
}

/// <summary>A call waiting for a person's approval.</summary>
/// <param name="Id">Approval id.</param>
/// <param name="ExpiresAt">When the call expires unapproved.</param>
public sealed record PendingApproval(string Id, DateTimeOffset ExpiresAt);

/// <summary>What became of a call: a skill result, a refusal, or a pending approval. Exactly one is set.</summary>
/// <param name="InvocationId">The invocation's id in the audit log (also given to agents that delegate).</param>
/// <param name="Result">The skill's result when it ran.</param>
/// <param name="Refusal">Why the call was refused.</param>
/// <param name="Pending">The approval the call waits for.</param>
public sealed record GatewayOutcome(string InvocationId, SkillResult? Result, Refusal? Refusal, PendingApproval? Pending)
{
    /// <summary>True when the skill ran and succeeded.</summary>
    public bool IsSuccess => Result is { IsSuccess: true };
}

/// <summary>
/// The one door to every skill, for every protocol (REST, MCP, A2A, CLI): it checks the caller's policy (scope, grade, assets,
/// rate), validates the input against the skill's schema, asks for approval where the grade requires it, audits every
/// decision, and runs the skill (in process, or on an external agent through its protocol).
/// </summary>
public interface ISkillGateway
{
    /// <summary>Exactly the skills that <see cref="InvokeAsync"/> would not refuse by policy for this caller.</summary>
    IReadOnlyList<CallableSkill> ListCallable(Principal caller);

    /// <summary>Decides, audits and runs a call. Skills needing approval return <see cref="GatewayOutcome.Pending"/>.</summary>
    Task<GatewayOutcome> InvokeAsync(Principal caller, SkillCall call, CancellationToken cancellationToken);

    /// <summary>
    /// Waits for a pending approval's call to finish: the skill's result once approved and run, or the refusal
    /// (denied, expired). Returns null when no such approval exists or it is not the caller's.
    /// </summary>
    Task<GatewayOutcome?> AwaitApprovalAsync(Principal caller, string approvalId, CancellationToken cancellationToken);
}
