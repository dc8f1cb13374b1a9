using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Zhizao.Access.Approvals;
using Zhizao.Core.Access;
using Zhizao.Core.Storage;
using Zhizao.Tests.Shared;

namespace Zhizao.Access.Tests;

public sealed class ApprovalServiceTests
{
    private static readonly Principal Operator = new("op", "operator", PrincipalKind.Person, "ws1", "operator", [], [], []);
    private static readonly Principal Engineer = new("eng", "engineer", PrincipalKind.Person, "ws1", "engineer", [], [], []);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero));
    private readonly ApprovalService _approvals;

    public ApprovalServiceTests() => _approvals = new ApprovalService(new DocumentsOnly(new MemoryDocumentStore()), _time) { Timeout = TimeSpan.FromMinutes(10) };

    private Task<ApprovalRecord> PendingAsync(Principal requester) =>
        _approvals.CreateAsync(requester, new SkillCall("cn.zhizao/scheduler", "release", new JsonObject { ["schedule"] = new JsonArray() }, "api"), "inv_1", "L3", "Production", CancellationToken.None);

    [Fact]
    public async Task The_requester_and_anyone_in_its_chain_cannot_approve_but_an_engineer_can()
    {
        var pending = await PendingAsync(Operator);
        Assert.Equal("self-approval", (await _approvals.DecideAsync(Operator with { Role = "admin" }, pending.Id, true, null, CancellationToken.None)).Error?.Type);

        var delegated = await PendingAsync(new Principal("agent-x", "agent", PrincipalKind.Agent, "ws1", "agent", [], [], ["eng"]));
        Assert.Equal("self-approval", (await _approvals.DecideAsync(Engineer, delegated.Id, true, null, CancellationToken.None)).Error?.Type);

        var (record, error) = await _approvals.DecideAsync(Engineer, pending.Id, true, "ok for shift B", CancellationToken.None);
        Assert.Null(error);
        Assert.Equal((ApprovalStatus.Approved, "eng"), (record!.Status, record.DecidedBy));
        Assert.Equal("not-pending", (await _approvals.DecideAsync(Engineer, pending.Id, false, null, CancellationToken.None)).Error?.Type);
    }

    [Fact]
    public async Task Only_people_with_the_decide_scope_in_the_same_workspace_decide()
    {
        var pending = await PendingAsync(Operator);
        Assert.Equal("not-allowed", (await _approvals.DecideAsync(Engineer with { Kind = PrincipalKind.Agent }, pending.Id, true, null, CancellationToken.None)).Error?.Type);
        Assert.Equal("not-allowed", (await _approvals.DecideAsync(Operator with { Id = "op2" }, pending.Id, true, null, CancellationToken.None)).Error?.Type);
        Assert.Equal("not-found", (await _approvals.DecideAsync(Engineer with { Workspace = "ws2" }, pending.Id, true, null, CancellationToken.None)).Error?.Type);
    }

    [Fact]
    public async Task An_undecided_call_expires_at_its_timeout_and_waiters_learn_it()
    {
        var pending = await PendingAsync(Operator);
        var other = await PendingAsync(Operator with { Id = "op2" });
        var waiting = _approvals.WaitAsync(pending.Id, CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(11));

        // Whoever notices first (the waiter's timeout or the sweep) expires it, once.
        Assert.Equal(ApprovalStatus.Expired, (await waiting.WaitAsync(TimeSpan.FromSeconds(10)))!.Status);
        var expired = await _approvals.ExpireDueAsync(CancellationToken.None);
        Assert.Equal([other.Id], expired.Select(e => e.Id));
        Assert.Empty(await _approvals.ExpireDueAsync(CancellationToken.None));
        Assert.Equal("expired", (await _approvals.DecideAsync(Engineer, pending.Id, true, null, CancellationToken.None)).Error?.Type);
    }

    [Fact]
    public async Task A_denial_wakes_the_waiter_and_drops_the_held_input()
    {
        var pending = await PendingAsync(Operator);
        var waiting = _approvals.WaitAsync(pending.Id, CancellationToken.None);
        await _approvals.DecideAsync(Engineer, pending.Id, false, "not during the audit", CancellationToken.None);

        var final = await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal((ApprovalStatus.Denied, "not during the audit"), (final!.Status, final.Comment));
        Assert.Null(final.InputJson);
    }

    /// <summary>An <see cref="IStore"/> with only documents, for the approval service's unit tests.</summary>
    private sealed class DocumentsOnly(IDocumentStore documents) : IStore
    {
        public string Backend => "memory";
        public IPointStore Points => throw new NotSupportedException();
        public IMetadataStore Metadata => throw new NotSupportedException();
        public IDocumentStore Documents => documents;
        public IAuditStore Audit => throw new NotSupportedException();
        public Task InitializeAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task<bool> IsReadyAsync(CancellationToken cancellationToken) => Task.FromResult(true);
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
