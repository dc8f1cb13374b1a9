using DuckDB.NET.Data;
using Zhizao.Core.Points;
using Zhizao.Core.Storage;

namespace Zhizao.Storage.DuckDb;

/// <summary>JSON documents in the embedded database.</summary>
internal sealed class DuckDbDocumentStore(DuckDbStore store) : IDocumentStore
{
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

    private static DuckDBCommand Command(DuckDBConnection connection, string sql, params object?[] args) => DuckDbMetadataStore.Command(connection, sql, args);
}
