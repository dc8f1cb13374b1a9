using Zhizao.Core.Access;

namespace Zhizao.Access.Approvals;

/// <summary>Approval states.</summary>
public static class ApprovalStatus
{
    /// <summary>Waiting for a person.</summary>
    public const string Pending = "pending";
    /// <summary>Approved; the call is running.</summary>
    public const string Approved = "approved";
    /// <summary>A person refused it.</summary>
    public const string Denied = "denied";
    /// <summary>Nobody decided in time.</summary>
    public const string Expired = "expired";
    /// <summary>Approved and run; <see cref="ApprovalRecord.Outcome"/> holds the result.</summary>
    public const string Done = "done";

    /// <summary>True when nothing more will happen to the approval.</summary>
    public static bool IsFinal(string status) => status is Denied or Expired or Done;
}

/// <summary>A call that waits for (or got) a person's decision.</summary>
/// <param name="Id">Approval id.</param>
/// <param name="Requester">Who made the call (it runs under this identity once approved).</param>
/// <param name="AgentId">Target agent.</param>
/// <param name="Skill">Target skill.</param>
/// <param name="InputJson">The call's input (kept until decided, so that the approver sees exactly what will run).</param>
/// <param name="Channel">How the call arrived.</param>
/// <param name="InvocationId">The invocation id in the audit log.</param>
/// <param name="Grade">The skill's grade (L3 …).</param>
/// <param name="Impact">The skill's impact class.</param>
/// <param name="CreatedAt">When it was asked.</param>
/// <param name="ExpiresAt">When it expires unapproved.</param>
/// <param name="Status">One of <see cref="ApprovalStatus"/>.</param>
public sealed record ApprovalRecord(
    string Id,
    Principal Requester,
    string AgentId,
    string Skill,
    string? InputJson,
    string Channel,
    string InvocationId,
    string Grade,
    string Impact,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    string Status)
{
    /// <summary>Who decided.</summary>
    public string? DecidedBy { get; init; }
    /// <summary>When it was decided (or expired).</summary>
    public DateTimeOffset? DecidedAt { get; init; }
    /// <summary>The decider's comment.</summary>
    public string? Comment { get; init; }
    /// <summary>The call's outcome once run: <c>{"output":…}</c> or <c>{"error":{"type","message"}}</c>.</summary>
    public string? Outcome { get; init; }
}
