using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Zhizao.Access.Policy;

namespace Zhizao.Registry.Catalog;

/// <summary>The lifecycle of an agent version: draft → published → deprecated → suspended → retired (see <see cref="Lifecycle"/>).</summary>
public static class Lifecycle
{
    /// <summary>Being prepared; its card may still be replaced; not discoverable outside its workspace, not callable.</summary>
    public const string Draft = "draft";
    /// <summary>Immutable, discoverable, installable, callable.</summary>
    public const string Published = "published";
    /// <summary>Still callable where installed; not offered for new installations.</summary>
    public const string Deprecated = "deprecated";
    /// <summary>Blocked by an administrator (security or quality): not callable anywhere until reinstated.</summary>
    public const string Suspended = "suspended";
    /// <summary>Withdrawn for good.</summary>
    public const string Retired = "retired";

    /// <summary>Every state.</summary>
    public static readonly IReadOnlyList<string> All = [Draft, Published, Deprecated, Suspended, Retired];

    /// <summary>True when a version may move from <paramref name="from"/> to <paramref name="to"/>; suspending and reinstating need an administrator.</summary>
    public static bool CanMove(string from, string to) => (from, to) switch
    {
        (Draft, Published) or (Draft, Retired) => true,
        (Published, Deprecated) or (Published, Suspended) or (Published, Retired) => true,
        (Deprecated, Published) or (Deprecated, Suspended) or (Deprecated, Retired) => true,
        (Suspended, Published) or (Suspended, Retired) => true,
        _ => false,
    };

    /// <summary>True when calls may run on a version in this state.</summary>
    public static bool IsCallable(string status) => status is Published or Deprecated;
}

/// <summary>Who may discover an agent.</summary>
public static class Visibility
{
    /// <summary>Only its owner workspace.</summary>
    public const string Private = "private";
    /// <summary>Its owner workspace and the workspaces it is shared with.</summary>
    public const string Shared = "shared";
    /// <summary>Every workspace.</summary>
    public const string Public = "public";

    /// <summary>Every value.</summary>
    public static readonly IReadOnlyList<string> All = [Private, Shared, Public];
}

/// <summary>Where an agent runs.</summary>
public static class AgentKinds
{
    /// <summary>In the Zhizao process.</summary>
    public const string BuiltIn = "built-in";
    /// <summary>Elsewhere, reached over A2A at <see cref="AgentRecord.Endpoint"/>.</summary>
    public const string External = "external";
}

/// <summary>An agent in the registry (collection <c>agents</c>): ownership, visibility, and for external agents the endpoint and lease.</summary>
/// <param name="Id">Reverse-DNS id.</param>
/// <param name="Publisher">The publisher namespace.</param>
/// <param name="Kind">built-in or external.</param>
/// <param name="OwnerWorkspace">The workspace that registered it.</param>
/// <param name="Visibility">private, shared or public.</param>
/// <param name="CreatedAt">First registration.</param>
public sealed record AgentRecord(string Id, string Publisher, string Kind, string OwnerWorkspace, string Visibility, DateTimeOffset CreatedAt)
{
    /// <summary>Workspaces a shared agent is shared with.</summary>
    public IReadOnlyList<string> SharedWith { get; init; } = [];
    /// <summary>A2A base URL of an external agent.</summary>
    public string? Endpoint { get; init; }
    /// <summary>The key id its cards must be signed with (pinned at registration; a card signed by another key is refused).</summary>
    public string? PinnedKeyId { get; init; }
    /// <summary>Registration lifetime renewed by heartbeats (external agents).</summary>
    public TimeSpan? Lease { get; init; }
    /// <summary>The last heartbeat.</summary>
    public DateTimeOffset? LastHeartbeat { get; init; }

    /// <summary>For external agents: reachable while the lease runs; null for built-ins.</summary>
    public bool? IsReachable(DateTimeOffset now) =>
        Kind == AgentKinds.BuiltIn ? null : LastHeartbeat is { } beat && Lease is { } lease && now < beat + lease;
}

/// <summary>One immutable version of an agent (collection <c>agent-versions</c>, key <c>{id}@{version}</c>).</summary>
/// <param name="AgentId">The agent.</param>
/// <param name="Version">Semantic version.</param>
/// <param name="Card">The signed A2A card as published (never changed after publication).</param>
/// <param name="Status">One of <see cref="Lifecycle"/>.</param>
/// <param name="PublishedBy">Who registered it.</param>
/// <param name="CreatedAt">When it was registered.</param>
public sealed record VersionRecord(string AgentId, string Version, JsonObject Card, string Status, string PublishedBy, DateTimeOffset CreatedAt)
{
    /// <summary>When its status last changed.</summary>
    public DateTimeOffset? StatusChangedAt { get; init; }
    /// <summary>Why (suspension reason, deprecation note).</summary>
    public string? StatusReason { get; init; }
}

/// <summary>An agent installed in a workspace (collection <c>installations</c>, key <c>{workspace}/{agent id}</c>).</summary>
/// <param name="Workspace">The workspace.</param>
/// <param name="AgentId">The agent.</param>
/// <param name="Version">The chosen version.</param>
/// <param name="Configuration">Agent configuration given at installation (passed to external agents as message metadata).</param>
/// <param name="Bounds">What the workspace allows it (max grade, L4 asset bounds, closed loop).</param>
/// <param name="InstalledBy">Who installed it.</param>
/// <param name="InstalledAt">When.</param>
public sealed record InstallationRecord(string Workspace, string AgentId, string Version, JsonObject? Configuration, InstallationBounds Bounds, string InstalledBy, DateTimeOffset InstalledAt);

/// <summary>A rating and review by a workspace user (collection <c>reviews</c>, key <c>{agent id}|{workspace}|{principal}</c>).</summary>
/// <param name="AgentId">The agent.</param>
/// <param name="Workspace">The reviewer's workspace.</param>
/// <param name="Reviewer">The reviewer.</param>
/// <param name="Rating">1 to 5.</param>
/// <param name="Text">Up to 2,000 characters.</param>
/// <param name="At">When.</param>
public sealed record ReviewRecord(string AgentId, string Workspace, string Reviewer, int Rating, string Text, DateTimeOffset At);

/// <summary>A registry refusal with a stable type and HTTP status.</summary>
/// <param name="Type">Stable type (version-immutable, invalid-card, signature-invalid, forbidden, not-found, invalid-transition …).</param>
/// <param name="Message">In words.</param>
/// <param name="Status">HTTP status.</param>
public sealed record RegistryError(string Type, string Message, int Status);

/// <summary>A value or a registry error.</summary>
/// <typeparam name="T">The value's type.</typeparam>
/// <param name="Value">The value on success.</param>
/// <param name="Error">The error on failure.</param>
public sealed record RegistryResult<T>(T? Value, RegistryError? Error)
{
    /// <summary>True on success.</summary>
    [JsonIgnore]
    public bool IsSuccess => Error is null;

    /// <summary>A success.</summary>
    public static implicit operator RegistryResult<T>(T value) => new(value, null);

    /// <summary>A failure.</summary>
    public static implicit operator RegistryResult<T>(RegistryError error) => new(default, error);
}
