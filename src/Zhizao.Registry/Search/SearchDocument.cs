using System.Text.Json.Serialization;

namespace Zhizao.Registry.Search;

/// <summary>Who may discover an agent.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AgentVisibility>))]
public enum AgentVisibility
{
    /// <summary>Only the owning workspace.</summary>
    Private,
    /// <summary>The owning workspace and the workspaces it is shared with.</summary>
    Shared,
    /// <summary>Every workspace.</summary>
    Public,
}

/// <summary>Where an agent version stands in its lifecycle: draft → published → deprecated → suspended → retired.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AgentLifecycleStatus>))]
public enum AgentLifecycleStatus
{
    /// <summary>Being prepared; not yet discoverable by default.</summary>
    Draft,
    /// <summary>Discoverable and installable.</summary>
    Published,
    /// <summary>Still usable, superseded.</summary>
    Deprecated,
    /// <summary>Temporarily blocked (e.g. a revoked key or a security review).</summary>
    Suspended,
    /// <summary>Permanently withdrawn.</summary>
    Retired,
}

/// <summary>One skill's searchable text.</summary>
/// <param name="Name">Skill id/name (English, e.g. <c>schedule</c>, <c>predict-failure</c>).</param>
/// <param name="DescriptionEn">English description.</param>
/// <param name="DescriptionZh">Chinese description (empty when none).</param>
public sealed record SearchSkill(string Name, string DescriptionEn, string DescriptionZh = "");

/// <summary>
/// What the search index knows of one agent (the registry maps the latest published version's card to it). Plain data: the
/// index does not depend on the card format.
/// </summary>
/// <param name="AgentId">Reverse-DNS agent id (the index key: one entry per agent).</param>
/// <param name="Version">The indexed version.</param>
/// <param name="Publisher">The publisher's namespace.</param>
/// <param name="OwnerWorkspace">The workspace that owns the agent.</param>
/// <param name="Visibility">Private, shared or public.</param>
/// <param name="Status">Lifecycle status of the indexed version.</param>
/// <param name="Grade">Autonomy grade 1 (informs) … 5 (closed loop).</param>
/// <param name="NameEn">English name.</param>
/// <param name="NameZh">Chinese name (empty when none).</param>
/// <param name="DescriptionEn">English description.</param>
/// <param name="DescriptionZh">Chinese description (empty when none).</param>
public sealed record SearchDocument(
    string AgentId,
    string Version,
    string Publisher,
    string OwnerWorkspace,
    AgentVisibility Visibility,
    AgentLifecycleStatus Status,
    int Grade,
    string NameEn,
    string NameZh,
    string DescriptionEn,
    string DescriptionZh)
{
    /// <summary>Workspaces a <see cref="AgentVisibility.Shared"/> agent is shared with (ignored for other visibilities).</summary>
    public IReadOnlyList<string> SharedWith { get; init; } = [];

    /// <summary>The action plan's stages: design, pilot, production, marketing-service, operations.</summary>
    public IReadOnlyList<string> Scenarios { get; init; } = [];

    /// <summary>Industries (e.g. discrete-manufacturing, food, pharma).</summary>
    public IReadOnlyList<string> Industries { get; init; } = [];

    /// <summary>Skill taxonomy tags (e.g. <c>planning/scheduling</c>).</summary>
    public IReadOnlyList<string> SkillTags { get; init; } = [];

    /// <summary>Domain taxonomy tags (e.g. <c>manufacturing/job-shop</c>).</summary>
    public IReadOnlyList<string> DomainTags { get; init; } = [];

    /// <summary>The agent's skills.</summary>
    public IReadOnlyList<SearchSkill> Skills { get; init; } = [];

    /// <summary>Mean review rating (0 when unrated).</summary>
    public double AverageRating { get; init; }

    /// <summary>Number of installations across workspaces.</summary>
    public long InstallCount { get; init; }
}
