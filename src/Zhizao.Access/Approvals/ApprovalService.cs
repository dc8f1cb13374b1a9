using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using Zhizao.Access.Audit;
using Zhizao.Access.Policy;
using Zhizao.Core.Access;
using Zhizao.Core.Storage;

namespace Zhizao.Access.Approvals;

/// <summary>Why a decision on an approval was not taken.</summary>
/// <param name="Type">not-found, not-pending, expired, self-approval, not-allowed, conflict.</param>
/// <param name="Message">In words.</param>
/// <param name="Status">HTTP status.</param>
public sealed record ApprovalError(string Type, string Message, int Status);

/// <summary>
/// The approval workflow for high-grade skills: a pending call is stored (collection <c>approvals</c>), a person with
/// <c>approvals:decide</c> in the same workspace — never the requester (four eyes) — approves or denies it before it expires,
/// and waiters learn the outcome. Running the approved call is the gateway's job (<see cref="CompleteAsync"/> records its outcome).
/// </summary>
/// <param name="store">Where approvals are kept.</param>
/// <param name="time">The clock of timeouts.</param>
/// <param name="audit">Where expirations are recorded (whichever path notices them first); none in unit tests.</param>
public sealed class ApprovalService(IStore store, TimeProvider time, AuditLog? audit = null)
{
    private const string Collection = "approvals";
    private readonly ConcurrentDictionary<string, TaskCompletionSource<ApprovalRecord>> _waiters = new();

    /// <summary>How long a call waits for a decision.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Stores a new pending approval.</summary>
    public async Task<ApprovalRecord> CreateAsync(Principal requester, SkillCall call, string invocationId, string grade, string impact, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var record = new ApprovalRecord("ap_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)), requester, call.AgentId, call.Skill,
            call.Input?.ToJsonString(), call.Channel, invocationId, grade, impact, now, now + Timeout, ApprovalStatus.Pending);
        await store.Documents.TryInsertAsync(Collection, record.Id, Serialize(record), now, cancellationToken);
        return record;
    }

    /// <summary>One approval; null when unknown.</summary>
    public async Task<ApprovalRecord?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var stored = await store.Documents.GetAsync(Collection, id, cancellationToken);
        return stored is null ? null : await ExpireIfDueAsync(Deserialize(stored.Json), stored.Revision, cancellationToken);
    }

    /// <summary>Approvals of a workspace, newest first, optionally of one status.</summary>
    public async Task<IReadOnlyList<ApprovalRecord>> ListAsync(string workspace, string? status, int limit, CancellationToken cancellationToken)
    {
        var result = new List<ApprovalRecord>();
        foreach (var stored in await store.Documents.ListAsync(Collection, null, cancellationToken))
        {
            var record = await ExpireIfDueAsync(Deserialize(stored.Json), stored.Revision, cancellationToken);
            if (record.Requester.Workspace == workspace && (status is null || record.Status == status))
                result.Add(record);
        }
        return [.. result.OrderByDescending(r => r.CreatedAt).Take(Math.Clamp(limit, 1, 1000))];
    }

    /// <summary>Approves or denies a pending call; the record, or why not.</summary>
    public async Task<(ApprovalRecord? Record, ApprovalError? Error)> DecideAsync(Principal decider, string id, bool approve, string? comment, CancellationToken cancellationToken)
    {
        var stored = await store.Documents.GetAsync(Collection, id, cancellationToken);
        if (stored is null)
            return (null, new ApprovalError("not-found", $"no approval '{id}'", 404));
        var record = await ExpireIfDueAsync(Deserialize(stored.Json), stored.Revision, cancellationToken);
        if (record.Requester.Workspace != decider.Workspace)
            return (null, new ApprovalError("not-found", $"no approval '{id}' in workspace '{decider.Workspace}'", 404));
        if (record.Status == ApprovalStatus.Expired)
            return (record, new ApprovalError("expired", $"approval '{id}' expired at {record.ExpiresAt:O}", 409));
        if (record.Status != ApprovalStatus.Pending)
            return (record, new ApprovalError("not-pending", $"approval '{id}' is already {record.Status}", 409));
        if (decider.Kind != PrincipalKind.Person || !Scopes.Allows(decider, Scopes.ApprovalsDecide))
            return (null, new ApprovalError("not-allowed", $"'{decider.Id}' may not decide approvals (a person with '{Scopes.ApprovalsDecide}' must)", 403));
        if (record.Requester.Chain.Contains(decider.Id))
            return (null, new ApprovalError("self-approval", "a call cannot be approved by its requester or anyone in its delegation chain (four eyes)", 403));
        var decided = record with
        {
            Status = approve ? ApprovalStatus.Approved : ApprovalStatus.Denied,
            DecidedBy = decider.Id,
            DecidedAt = time.GetUtcNow(),
            Comment = comment is { Length: > 500 } ? comment[..500] : comment,
            InputJson = approve ? record.InputJson : null,
        };
        if (!await store.Documents.PutAsync(Collection, id, Serialize(decided), stored.Revision, time.GetUtcNow(), cancellationToken))
            return (null, new ApprovalError("conflict", $"approval '{id}' was decided concurrently; read it again", 409));
        if (!approve)
            Signal(decided);
        return (decided, null);
    }

    /// <summary>Records the outcome of an approved call and wakes its waiters.</summary>
    public async Task<ApprovalRecord> CompleteAsync(ApprovalRecord approved, string outcomeJson, CancellationToken cancellationToken)
    {
        var done = approved with { Status = ApprovalStatus.Done, Outcome = outcomeJson, InputJson = null };
        await store.Documents.PutAsync(Collection, approved.Id, Serialize(done), null, time.GetUtcNow(), cancellationToken);
        Signal(done);
        return done;
    }

    /// <summary>Waits until the approval is final (done, denied, expired) or <paramref name="cancellationToken"/> fires.</summary>
    public async Task<ApprovalRecord?> WaitAsync(string id, CancellationToken cancellationToken)
    {
        var waiter = _waiters.GetOrAdd(id, _ => new TaskCompletionSource<ApprovalRecord>(TaskCreationOptions.RunContinuationsAsynchronously));
        var current = await GetAsync(id, cancellationToken);
        if (current is null)
            return null;
        if (ApprovalStatus.IsFinal(current.Status))
            return current;
        var untilExpiry = current.ExpiresAt - time.GetUtcNow();
        try
        {
            return await waiter.Task.WaitAsync(untilExpiry > TimeSpan.Zero ? untilExpiry : TimeSpan.Zero, time, cancellationToken);
        }
        catch (TimeoutException)
        {
            return await GetAsync(id, cancellationToken);
        }
    }

    /// <summary>Marks every pending approval past its expiry expired (each is audited); returns those it expired.</summary>
    public async Task<IReadOnlyList<ApprovalRecord>> ExpireDueAsync(CancellationToken cancellationToken)
    {
        var expired = new List<ApprovalRecord>();
        foreach (var stored in await store.Documents.ListAsync(Collection, null, cancellationToken))
        {
            var record = Deserialize(stored.Json);
            var after = await ExpireIfDueAsync(record, stored.Revision, cancellationToken);
            if (after.Status == ApprovalStatus.Expired && record.Status == ApprovalStatus.Pending)
                expired.Add(after);
        }
        return expired;
    }

    private async Task<ApprovalRecord> ExpireIfDueAsync(ApprovalRecord record, long revision, CancellationToken cancellationToken)
    {
        if (record.Status != ApprovalStatus.Pending || time.GetUtcNow() < record.ExpiresAt)
            return record;
        var expired = record with { Status = ApprovalStatus.Expired, DecidedAt = record.ExpiresAt, InputJson = null };
        if (await store.Documents.PutAsync(Collection, record.Id, Serialize(expired), revision, time.GetUtcNow(), cancellationToken))
        {
            // Audited here, where the state changes, so that an expiry noticed by a reader is recorded exactly once too.
            if (audit is not null)
            {
                await audit.AppendAsync(AuditEvent.For(record.Requester, record.Channel, "invoke", $"{record.AgentId}#{record.Skill}", AuditDecisions.Expired)
                    with { Invocation = record.InvocationId, Reason = RefusalTypes.ApprovalExpired, Message = $"approval {record.Id} expired unapproved" }, cancellationToken);
            }
            Signal(expired);
            return expired;
        }
        var reread = await store.Documents.GetAsync(Collection, record.Id, cancellationToken);
        return reread is null ? expired : Deserialize(reread.Json);
    }

    private void Signal(ApprovalRecord record)
    {
        if (_waiters.TryRemove(record.Id, out var waiter))
            waiter.TrySetResult(record);
    }

    private static string Serialize(ApprovalRecord record) => JsonSerializer.Serialize(record, Json);

    private static ApprovalRecord Deserialize(string json) => JsonSerializer.Deserialize<ApprovalRecord>(json, Json)!;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
}
