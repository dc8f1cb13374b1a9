using System.Text.Json;
using System.Text.Json.Serialization;
using Zhizao.Core.Access;

namespace Zhizao.Access.Audit;

/// <summary>Decisions recorded in the audit log.</summary>
public static class AuditDecisions
{
    /// <summary>The policy allowed a call; it runs now.</summary>
    public const string Allowed = "allowed";
    /// <summary>The policy refused a call, or an administrative request was refused.</summary>
    public const string Denied = "denied";
    /// <summary>A call waits for a person's approval.</summary>
    public const string Pending = "pending";
    /// <summary>A person approved a pending call.</summary>
    public const string Approved = "approved";
    /// <summary>A pending call expired unapproved.</summary>
    public const string Expired = "expired";
    /// <summary>A call ran and succeeded.</summary>
    public const string Succeeded = "succeeded";
    /// <summary>A call ran and failed.</summary>
    public const string Failed = "failed";
    /// <summary>An administrative change was made (publish, install, key rotation …).</summary>
    public const string Changed = "changed";
}

/// <summary>
/// One audited decision: who (with the delegation chain), through which channel, did what to which target, and what was decided.
/// Inputs are never stored, only their SHA-256, so that secrets passed to a skill do not end up in the log.
/// </summary>
public sealed record AuditEvent
{
    /// <summary>Principal id.</summary>
    public required string Principal { get; init; }
    /// <summary>Person, Service or Agent.</summary>
    public string Kind { get; init; } = "";
    /// <summary>The principal's workspace.</summary>
    public string Workspace { get; init; } = "";
    /// <summary>The principal's role.</summary>
    public string Role { get; init; } = "";
    /// <summary>The callers on whose behalf the call was made, outermost first, ending with <see cref="Principal"/>.</summary>
    public IReadOnlyList<string> Chain { get; init; } = [];
    /// <summary>api, mcp, a2a, cli, console, system.</summary>
    public string Channel { get; init; } = "";
    /// <summary>What was attempted: invoke, approve, deny, publish, install, key.revoke, …</summary>
    public required string Action { get; init; }
    /// <summary>What it was attempted on: <c>agent#skill</c>, an agent version, a key id …</summary>
    public required string Target { get; init; }
    /// <summary>One of <see cref="AuditDecisions"/>.</summary>
    public required string Decision { get; init; }
    /// <summary>Stable reason type for refusals (a <see cref="RefusalTypes"/> value) or failures.</summary>
    public string? Reason { get; init; }
    /// <summary>Human-readable detail.</summary>
    public string? Message { get; init; }
    /// <summary>The invocation this decision belongs to.</summary>
    public string? Invocation { get; init; }
    /// <summary>Hex SHA-256 of the call's input JSON.</summary>
    public string? InputSha256 { get; init; }
    /// <summary>The agent's grade at the time.</summary>
    public string? Grade { get; init; }

    /// <summary>An event about <paramref name="principal"/>.</summary>
    public static AuditEvent For(Principal principal, string channel, string action, string target, string decision) => new()
    {
        Principal = principal.Id,
        Kind = principal.Kind.ToString(),
        Workspace = principal.Workspace,
        Role = principal.Role,
        Chain = principal.Chain,
        Channel = channel,
        Action = action,
        Target = target,
        Decision = decision,
    };

    internal static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
