using System.Text.Json.Nodes;
using Zhizao.Core.Points;

namespace Zhizao.Core.Agents;

/// <summary>Who invokes a skill, for audit and (later) access policies.</summary>
public sealed record AgentCaller(string PrincipalId, string Role)
{
    /// <summary>The gateway invocation id, when the call came through the skill gateway (agents that call other agents pass it on).</summary>
    public string? InvocationId { get; init; }
}

/// <summary>The result of a skill: its JSON output, or a failure with a stable error type and message.</summary>
public sealed record SkillResult(JsonNode? Output, SkillError? Error)
{
    public static SkillResult Ok(JsonNode? output) => new(output, null);
    public static SkillResult Fail(string type, string message) => new(null, new SkillError(type, message));
    public bool IsSuccess => Error is null;
}

/// <summary>A skill failure: <see cref="Type"/> is one of "invalid-input", "not-found", "unknown-skill", "failed".</summary>
public sealed record SkillError(string Type, string Message);

/// <summary>The contract every agent implements: describe itself and run a skill.</summary>
public interface IAgent
{
    /// <summary>The agent's identity, grade and skills.</summary>
    AgentDescriptor Descriptor { get; }

    /// <summary>Runs one skill with a JSON input that matches the skill's input schema.</summary>
    Task<SkillResult> InvokeAsync(string skill, JsonNode? input, AgentCaller caller, CancellationToken cancellationToken);
}

/// <summary>
/// An agent that also watches the live point stream. It receives every stored batch, after it is durable,
/// in order; it must not block for long (the stream is bounded and a slow subscriber delays others).
/// </summary>
public interface IPointStreamSubscriber
{
    /// <summary>Called with each durable batch.</summary>
    ValueTask OnPointsAsync(IReadOnlyList<DataPoint> points, CancellationToken cancellationToken);
}
