using Zhizao.Core.Access;

namespace Zhizao.Access.Policy;

/// <summary>
/// Scope strings and role defaults. A skill scope is <c>skill:{agent id}:{skill}</c>; <c>*</c> matches a whole segment
/// (<c>skill:*</c>, <c>skill:cn.zhizao/scheduler:*</c>). Administrative scopes: <c>registry:publish</c>, <c>registry:admin</c>,
/// <c>audit:read</c>, <c>approvals:decide</c>.
/// </summary>
public static class Scopes
{
    /// <summary>Publish and manage agents of the caller's publishers.</summary>
    public const string RegistryPublish = "registry:publish";
    /// <summary>Suspend any agent, verify organisations, manage trust roots and clients.</summary>
    public const string RegistryAdmin = "registry:admin";
    /// <summary>Read and verify the audit log.</summary>
    public const string AuditRead = "audit:read";
    /// <summary>Approve or deny pending calls.</summary>
    public const string ApprovalsDecide = "approvals:decide";
    /// <summary>Install agents into the caller's workspace and review them.</summary>
    public const string RegistryInstall = "registry:install";

    /// <summary>Every skill.</summary>
    public const string AllSkills = "skill:*";

    /// <summary>The roles of the platform.</summary>
    public static readonly IReadOnlyList<string> Roles = ["admin", "engineer", "operator", "viewer", "device", "agent"];

    /// <summary>The scope that names one skill.</summary>
    public static string Skill(string agentId, string skill) => $"skill:{agentId}:{skill}";

    /// <summary>What a role may do when its credential names no scopes.</summary>
    public static IReadOnlyList<string> RoleDefaults(string role) => role switch
    {
        "admin" => [AllSkills, RegistryPublish, RegistryAdmin, RegistryInstall, AuditRead, ApprovalsDecide],
        "engineer" => [AllSkills, RegistryPublish, RegistryInstall, ApprovalsDecide],
        "operator" => [AllSkills],
        "viewer" => [AllSkills],
        // Agents and devices get only what their credential grants.
        _ => [],
    };

    /// <summary>The scopes in force: the credential's own when it names any (bounded by the role's defaults for people), else the role's defaults.</summary>
    public static IReadOnlyList<string> Effective(Principal principal) =>
        principal.Scopes.Count > 0 ? principal.Scopes : RoleDefaults(principal.Role);

    /// <summary>True when <paramref name="granted"/> covers <paramref name="wanted"/> (segment wildcards; the agent id may contain '/').</summary>
    public static bool Covers(string granted, string wanted)
    {
        if (granted == wanted)
            return true;
        var g = granted.Split(':');
        var w = wanted.Split(':');
        for (var i = 0; i < g.Length; i++)
        {
            if (g[i] == "*")
                return i == g.Length - 1 || (i < w.Length && Covers(string.Join(':', g[(i + 1)..]), string.Join(':', w[(i + 1)..])));
            if (i >= w.Length || g[i] != w[i])
                return false;
        }
        return g.Length == w.Length;
    }

    /// <summary>True when the principal's effective scopes cover <paramref name="wanted"/>.</summary>
    public static bool Allows(Principal principal, string wanted) => Effective(principal).Any(s => Covers(s, wanted));

    /// <summary>
    /// True when every scope in <paramref name="requested"/> is covered by <paramref name="granted"/> (no escalation: a credential
    /// can only be narrowed).
    /// </summary>
    public static bool IsSubset(IEnumerable<string> requested, IReadOnlyList<string> granted) =>
        requested.All(r => granted.Any(g => Covers(g, r)));
}
