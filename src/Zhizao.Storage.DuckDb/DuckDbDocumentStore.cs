using DuckDB.NET.Data;
using Zhizao.Core.Points;
using Zhizao.Core.Storage;

namespace Zhizao.Storage.DuckDb;

/// <summary>JSON documents and the audit log in the embedded database.</summary>
internal sealed class DuckDbDocumentStore(DuckDbStore store) : IDocumentStore, IAuditStore
{
    private const int MaxAuditRead = 10_000;

    // DuckDB has no row-level compare-and-set across statements: one writer at a time makes insert-if-absent and
    // revision checks exact (documents are low-volume; reads do not take the gate).
    private readonly SemaphoreSlim _writeGate = new(1, 1);

    public async Task<StoredDocument?> GetAsync(string collection, string key, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        await using var command = Command(connection, "SELECT json, revision, updated_us FROM documents WHERE collection = $1 AND key = $2", collection, key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new StoredDocument(collection, key, reader.GetString(0), reader.GetInt64(1), Timestamps.FromMicros(reader.GetInt64(2)))
            : null;
    }

    public async Task<IReadOnlyList<StoredDocument>> ListAsync(string collection, string? keyPrefix, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        await using var command = keyPrefix is null
            ? Command(connection, "SELECT key, json, revision, updated_us FROM documents WHERE collection = $1 ORDER BY key", collection)
            : Command(connection, "SELECT key, json, revision, updated_us FROM documents WHERE collection = $1 AND starts_with(key, $2) ORDER BY key", collection, keyPrefix);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var result = new List<StoredDocument>();
        while (await reader.ReadAsync(cancellationToken))
            result.Add(new StoredDocument(collection, reader.GetString(0), reader.GetString(1), reader.GetInt64(2), Timestamps.FromMicros(reader.GetInt64(3))));
        return result;
    }

    public async Task<bool> TryInsertAsync(string collection, string key, string json, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await store.OpenAsync(cancellationToken);
            await using var command = Command(connection,
                "INSERT INTO documents (collection, key, json, revision, updated_us) VALUES ($1, $2, $3, 1, $4) ON CONFLICT DO NOTHING",
                collection, key, json, Timestamps.ToMicros(now));
            return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public async Task<bool> PutAsync(string collection, string key, string json, long? expectedRevision, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await store.OpenAsync(cancellationToken);
            await using var command = expectedRevision is { } expected
                ? Command(connection, "UPDATE documents SET json = $3, revision = revision + 1, updated_us = $4 WHERE collection = $1 AND key = $2 AND revision = $5",
                    collection, key, json, Timestamps.ToMicros(now), expected)
                : Command(connection, """
                    INSERT INTO documents (collection, key, json, revision, updated_us) VALUES ($1, $2, $3, 1, $4)
                    ON CONFLICT (collection, key) DO UPDATE SET json = excluded.json, revision = documents.revision + 1, updated_us = excluded.updated_us
                    """, collection, key, json, Timestamps.ToMicros(now));
            return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public async Task<bool> DeleteAsync(string collection, string key, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await store.OpenAsync(cancellationToken);
            await using var command = Command(connection, "DELETE FROM documents WHERE collection = $1 AND key = $2", collection, key);
            return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public async Task AppendAsync(IReadOnlyList<AuditRecord> entries, CancellationToken cancellationToken)
    {
        if (entries.Count == 0)
            return;
        await using var connection = await store.OpenAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var entry in entries)
        {
            await using var command = Command(connection, "INSERT INTO audit_log (seq, at_us, json, previous_hash, hash) VALUES ($1, $2, $3, $4, $5)",
                entry.Sequence, Timestamps.ToMicros(entry.At), entry.Json, entry.PreviousHash, entry.Hash);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        await tx.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<AuditRecord>> ReadAsync(long afterSequence, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        await using var command = Command(connection, "SELECT seq, at_us, json, previous_hash, hash FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2",
            afterSequence, Math.Clamp(limit, 1, MaxAuditRead));
        return await ReadAuditAsync(command, cancellationToken);
    }

    public async Task<AuditRecord?> LastAsync(CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        await using var command = Command(connection, "SELECT seq, at_us, json, previous_hash, hash FROM audit_log ORDER BY seq DESC LIMIT 1");
        var last = await ReadAuditAsync(command, cancellationToken);
        return last.Count == 0 ? null : last[0];
    }

    private static async Task<IReadOnlyList<AuditRecord>> ReadAuditAsync(DuckDBCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var result = new List<AuditRecord>();
        while (await reader.ReadAsync(cancellationToken))
            result.Add(new AuditRecord(reader.GetInt64(0), Timestamps.FromMicros(reader.GetInt64(1)), reader.GetString(2), reader.GetString(3), reader.GetString(4)));
        return result;
    }

    private static DuckDBCommand Command(DuckDBConnection connection, string sql, params object?[] args) => DuckDbMetadataStore.Command(connection, sql, args);
}
