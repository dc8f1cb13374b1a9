using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Zhizao.Core.Assets;

namespace Zhizao.Core.Agents;

/// <summary>
/// How far an agent may act on its own. The skill gateway enforces it at invocation;
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

/// <summary>What a skill can affect, from least to most critical (分类: the impact axis of the grade scale).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ImpactClass>))]
public enum ImpactClass
{
    /// <summary>Reads and reports only.</summary>
    Information = 1,
    /// <summary>Can change quality decisions (inspection verdicts, parameters of a quality check).</summary>
    Quality = 2,
    /// <summary>Can change production (plans released to the floor, machine availability, work orders).</summary>
    Production = 3,
    /// <summary>Can affect people's safety or equipment integrity (interlocks, set points).</summary>
    Safety = 4,
}

/// <summary>One callable skill of an agent, with JSON schemas for its input and output.</summary>
public sealed record SkillDescriptor(string Name, LocalizedText Description, JsonObject InputSchema, JsonObject OutputSchema)
{
    /// <summary>The skill's grade when it differs from the agent's (a skill never exceeds its agent's grade); null: the agent's.</summary>
    public AutonomyGrade? Grade { get; init; }

    /// <summary>What the skill can affect.</summary>
    public ImpactClass Impact { get; init; } = ImpactClass.Information;

    /// <summary>
    /// Names of input fields that carry asset paths (machine, asset …), so that per-asset restrictions can be checked before the
    /// skill runs; empty when the skill touches no particular asset.
    /// </summary>
    public IReadOnlyList<string> AssetFields { get; init; } = [];
}

/// <summary>What an agent is and what it can do. Ids are reverse-DNS (<c>cn.zhizao/limit-monitor</c>); versions are semantic.</summary>
public sealed record AgentDescriptor(
    string Id,
    string Version,
    LocalizedText Name,
    LocalizedText Description,
    AutonomyGrade Grade,
    IReadOnlyList<SkillDescriptor> Skills);
