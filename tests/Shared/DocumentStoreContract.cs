using Zhizao.Core.Storage;

namespace Zhizao.Tests.Shared;

/// <summary>
/// What every store must do with JSON documents and the audit log, written once and run by each store's test project against its
/// real engine (linked into Zhizao.Storage.DuckDb.Tests and Zhizao.Storage.Postgres.Tests).
/// </summary>
internal static class DocumentStoreContract
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);
    private static CancellationToken Ct => CancellationToken.None;

    public static async Task Insert_never_overwrites_and_revisions_guard_writes(IStore store)
    {
        var documents = store.Documents;
        Assert.True(await documents.TryInsertAsync("agent-versions", "cn.x/a@1.0.0", """{"v":1}""", Now, Ct));
        Assert.False(await documents.TryInsertAsync("agent-versions", "cn.x/a@1.0.0", """{"v":2}""", Now, Ct));
        var stored = await documents.GetAsync("agent-versions", "cn.x/a@1.0.0", Ct);
        Assert.NotNull(stored);
        Assert.Equal(1, stored.Revision);
        Assert.Contains("\"v\":1", stored.Json.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);

        Assert.False(await documents.PutAsync("agent-versions", "cn.x/a@1.0.0", """{"v":3}""", 7, Now, Ct));
        Assert.True(await documents.PutAsync("agent-versions", "cn.x/a@1.0.0", """{"v":3}""", 1, Now.AddMinutes(1), Ct));
        Assert.False(await documents.PutAsync("agent-versions", "cn.x/a@1.0.0", """{"v":4}""", 1, Now, Ct));
        stored = await documents.GetAsync("agent-versions", "cn.x/a@1.0.0", Ct);
        Assert.Equal(2, stored!.Revision);
        Assert.Equal(Now.AddMinutes(1), stored.UpdatedAt);

        Assert.True(await documents.PutAsync("agent-versions", "cn.x/b@1.0.0", """{"v":5}""", null, Now, Ct));
        Assert.True(await documents.PutAsync("agent-versions", "cn.x/b@1.0.0", """{"v":6}""", null, Now, Ct));
        Assert.Equal(2, (await documents.GetAsync("agent-versions", "cn.x/b@1.0.0", Ct))!.Revision);
        Assert.False(await documents.PutAsync("agent-versions", "cn.x/c@1.0.0", """{"v":7}""", 1, Now, Ct));
        Assert.Null(await documents.GetAsync("agent-versions", "cn.x/c@1.0.0", Ct));
    }

    public static async Task Lists_by_collection_and_prefix_in_key_order_and_deletes(IStore store)
    {
        var documents = store.Documents;
        foreach (var key in new[] { "ws2/b", "ws1/b", "ws1/a", "ws10/a" })
            Assert.True(await documents.TryInsertAsync("installations", key, """{"k":"x"}""", Now, Ct));
        Assert.True(await documents.TryInsertAsync("reviews", "ws1/a", """{"k":"y"}""", Now, Ct));

        Assert.Equal(["ws1/a", "ws1/b", "ws10/a", "ws2/b"], (await documents.ListAsync("installations", null, Ct)).Select(d => d.Key));
        Assert.Equal(["ws1/a", "ws1/b"], (await documents.ListAsync("installations", "ws1/", Ct)).Select(d => d.Key));
        Assert.True(await documents.DeleteAsync("installations", "ws1/a", Ct));
        Assert.False(await documents.DeleteAsync("installations", "ws1/a", Ct));
        Assert.Single(await documents.ListAsync("installations", "ws1/", Ct));
        Assert.Single(await documents.ListAsync("reviews", null, Ct));
    }

    public static async Task Audit_entries_append_in_order_and_a_sequence_is_never_written_twice(IStore store)
    {
        Assert.Null(await store.Audit.LastAsync(Ct));
        var zero = new string('0', 64);
        var entries = Enumerable.Range(1, 5).Select(i => new AuditRecord(i, Now.AddSeconds(i), $$"""{"n":{{i}}}""", i == 1 ? zero : $"h{i - 1}", $"h{i}")).ToList();
        await store.Audit.AppendAsync(entries[..2], Ct);
        await store.Audit.AppendAsync(entries[2..], Ct);

        var read = await store.Audit.ReadAsync(0, 100, Ct);
        Assert.Equal(entries, read);
        Assert.Equal([4L, 5L], (await store.Audit.ReadAsync(3, 100, Ct)).Select(e => e.Sequence));
        Assert.Equal(entries[^1], await store.Audit.LastAsync(Ct));
        await Assert.ThrowsAnyAsync<Exception>(() => store.Audit.AppendAsync([entries[2]], Ct));
        Assert.Equal(5, (await store.Audit.ReadAsync(0, 100, Ct)).Count);
    }
}
