using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Zhizao.Core.Assets;

namespace Zhizao.Core.Agents;

/// <summary>
/// How far an agent may act on its own. The registry (a later capability) enforces it at invocation;
/// see docs/agents.md for the full scale.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<AutonomyGrade>))]
public enum AutonomyGrade
{
    /// <summary>Informs: observes and reports (alarms, dashboards).</summary>
    L1Informs = 1,
    /// <summary>Recommends: proposes actions that a person takes.</summary>
    L2Recommends = 2,
    /// <summary>Acts after a person approves.</summary>
    L3ActsAfterApproval = 3,
    /// <summary>Acts autonomously within declared bounds.</summary>
    L4ActsWithinBounds = 4,
    /// <summary>Closed-loop control.</summary>
    L5ClosedLoop = 5,
}

/// <summary>One callable skill of an agent, with JSON schemas for its input and output.</summary>
public sealed record SkillDescriptor(string Name, LocalizedText Description, JsonObject InputSchema, JsonObject OutputSchema);

/// <summary>What an agent is and what it can do. Ids are reverse-DNS (<c>cn.zhizao/limit-monitor</c>); versions are semantic.</summary>
public sealed record AgentDescriptor(
    string Id,
    string Version,
    LocalizedText Name,
    LocalizedText Description,
    AutonomyGrade Grade,
    IReadOnlyList<SkillDescriptor> Skills);
