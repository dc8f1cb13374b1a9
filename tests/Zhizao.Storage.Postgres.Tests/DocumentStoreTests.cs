using Zhizao.Tests.Shared;

namespace Zhizao.Storage.Postgres.Tests;

/// <summary>The document and audit contract on the real PostgreSQL server.</summary>
public sealed class DocumentStoreTests(PostgresServerFixture server) : PostgresStoreTest(server)
{
    [Fact]
    public Task Insert_never_overwrites_and_revisions_guard_writes() => DocumentStoreContract.Insert_never_overwrites_and_revisions_guard_writes(Store);

    [Fact]
    public Task Lists_by_collection_and_prefix_in_key_order_and_deletes() => DocumentStoreContract.Lists_by_collection_and_prefix_in_key_order_and_deletes(Store);

    [Fact]
    public Task Audit_entries_append_in_order_and_a_sequence_is_never_written_twice() =>
        DocumentStoreContract.Audit_entries_append_in_order_and_a_sequence_is_never_written_twice(Store);
}
