using Zhizao.Tests.Shared;

namespace Zhizao.Storage.DuckDb.Tests;

/// <summary>The document and audit contract on the embedded store, and that documents survive a restart.</summary>
public sealed class DocumentStoreTests : DuckDbStoreTest
{
    [Fact]
    public Task Insert_never_overwrites_and_revisions_guard_writes() => DocumentStoreContract.Insert_never_overwrites_and_revisions_guard_writes(Store);

    [Fact]
    public Task Lists_by_collection_and_prefix_in_key_order_and_deletes() => DocumentStoreContract.Lists_by_collection_and_prefix_in_key_order_and_deletes(Store);

    [Fact]
    public Task Audit_entries_append_in_order_and_a_sequence_is_never_written_twice() =>
        DocumentStoreContract.Audit_entries_append_in_order_and_a_sequence_is_never_written_twice(Store);

    [Fact]
    public async Task Documents_and_audit_survive_a_reopen()
    {
        await Store.Documents.TryInsertAsync("publishers", "cn.example", """{"name":"Example"}""", DateTimeOffset.UnixEpoch, Ct);
        await Store.Audit.AppendAsync([new Core.Storage.AuditRecord(1, DateTimeOffset.UnixEpoch, "{}", new string('0', 64), "h1")], Ct);
        await ReopenAsync();
        Assert.NotNull(await Store.Documents.GetAsync("publishers", "cn.example", Ct));
        Assert.Equal(1, (await Store.Audit.LastAsync(Ct))!.Sequence);
    }
}
