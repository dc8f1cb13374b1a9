using System.Text.Json.Serialization;

namespace Zhizao.Core.Access;

/// <summary>What kind of caller a principal is.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PrincipalKind>))]
public enum PrincipalKind
{
    /// <summary>A person (console user, engineer at a terminal, an LLM client acting for a person).</summary>
    Person,
    /// <summary>A service account (an MES, a script, a device).</summary>
    Service,
    /// <summary>An agent acting under its own identity.</summary>
    Agent,
}

/// <summary>
/// An authenticated caller as the access policy sees it. Scopes name what the caller may invoke
/// (<c>skill:*</c>, <c>skill:cn.zhizao/scheduler:*</c>, <c>skill:cn.zhizao/scheduler:schedule</c>) and what it may administer
/// (<c>registry:publish</c>, <c>registry:admin</c>, <c>audit:read</c>); asset prefixes restrict which assets its invocations may touch
/// (empty: all assets of the workspace).
/// </summary>
/// <param name="Id">Stable id: an API key id, an OAuth client id, or an agent id.</param>
/// <param name="Name">Display name (never a secret).</param>
/// <param name="Kind">Person, service or agent.</param>
/// <param name="Workspace">The workspace the caller acts in.</param>
/// <param name="Role">One of admin, engineer, operator, viewer, device, agent.</param>
/// <param name="Scopes">Granted scopes; empty means the role's default scopes.</param>
/// <param name="Assets">Asset path prefixes the caller may touch; empty means every asset.</param>
/// <param name="Delegation">Principals on whose behalf this call is made, outermost first (empty for a direct call).</param>
public sealed record Principal(
    string Id,
    string Name,
    PrincipalKind Kind,
    string Workspace,
    string Role,
    IReadOnlyList<string> Scopes,
    IReadOnlyList<string> Assets,
    IReadOnlyList<string> Delegation)
{
    /// <summary>The workspace every installation starts with.</summary>
    public const string DefaultWorkspace = "default";

    /// <summary>The chain of callers, outermost first, ending with this principal (for audit).</summary>
    public IReadOnlyList<string> Chain => [.. Delegation, Id];
}
