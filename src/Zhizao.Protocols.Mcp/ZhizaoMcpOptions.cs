using Zhizao.Core.Access;

namespace Zhizao.Protocols.Mcp;

/// <summary>Options of Zhizao's MCP server (section <c>Zhizao:Mcp</c> when bound from configuration).</summary>
public sealed class ZhizaoMcpOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string Section = "Zhizao:Mcp";

    /// <summary>
    /// How long <c>tools/call</c> waits for a person to approve a call that needs approval before it answers "pending approval".
    /// Zero (the default) answers at once; at most 10 minutes, so that clients and proxies do not time out first.
    /// </summary>
    public TimeSpan ApprovalWait { get; set; } = TimeSpan.Zero;

    /// <summary>How often a waiting call sends a progress notification, when the client asked for progress (default 5 s).</summary>
    public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The caller when the transport carries no authenticated user: the stdio server, whose gateway is a remote server that
    /// authenticates by key. Null (the default, and what the HTTP server needs) refuses such requests.
    /// </summary>
    public Principal? LocalCaller { get; set; }

    /// <summary>The longest <see cref="ApprovalWait"/> accepted.</summary>
    public static readonly TimeSpan MaxApprovalWait = TimeSpan.FromMinutes(10);

    /// <summary>Why the options are invalid, or null when they are valid.</summary>
    public string? Validate()
    {
        if (ApprovalWait < TimeSpan.Zero || ApprovalWait > MaxApprovalWait)
            return $"{nameof(ApprovalWait)} must be between 0 and {MaxApprovalWait}";
        if (ProgressInterval <= TimeSpan.Zero)
            return $"{nameof(ProgressInterval)} must be positive";
        return null;
    }
}
