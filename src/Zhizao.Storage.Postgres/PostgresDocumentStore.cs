using Npgsql;
using Zhizao.Core.Storage;

namespace Zhizao.Storage.Postgres;

/// <summary>JSON documents (jsonb) and the append-only audit log in PostgreSQL.</summary>
internal sealed class PostgresDocumentStore(NpgsqlDataSource dataSource) : IDocumentStore, IAuditStore
{
    private const int MaxAuditRead = 10_000;

    public async Task<StoredDocument?> GetAsync(string collection, string key, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT json::text, revision, updated_at FROM documents WHERE collection = $1 AND key = $2")
            .WithText(collection).WithText(key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new StoredDocument(collection, key, reader.GetString(0), reader.GetInt64(1), reader.GetFieldValue<DateTimeOffset>(2))
            : null;
    }

    public async Task<IReadOnlyList<StoredDocument>> ListAsync(string collection, string? keyPrefix, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
                "SELECT key, json::text, revision, updated_at FROM documents WHERE collection = $1 AND ($2::text IS NULL OR starts_with(key, $2)) ORDER BY key COLLATE \"C\"")
            .WithText(collection).WithText(keyPrefix);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var result = new List<StoredDocument>();
        while (await reader.ReadAsync(cancellationToken))
            result.Add(new StoredDocument(collection, reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetFieldValue<DateTimeOffset>(3)));
        return result;
    }

    public async Task<bool> TryInsertAsync(string collection, string key, string json, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
                "INSERT INTO documents (collection, key, json, revision, updated_at) VALUES ($1, $2, $3, 1, $4) ON CONFLICT DO NOTHING")
            .WithText(collection).WithText(key).WithJson(json).WithTime(now);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<bool> PutAsync(string collection, string key, string json, long? expectedRevision, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = expectedRevision is { } expected
            ? dataSource.CreateCommand(
                    "UPDATE documents SET json = $3, revision = revision + 1, updated_at = $4 WHERE collection = $1 AND key = $2 AND revision = $5")
                .WithText(collection).WithText(key).WithJson(json).WithTime(now).With(expected)
            : dataSource.CreateCommand("""
                    INSERT INTO documents (collection, key, json, revision, updated_at) VALUES ($1, $2, $3, 1, $4)
                    ON CONFLICT (collection, key) DO UPDATE SET json = excluded.json, revision = documents.revision + 1, updated_at = excluded.updated_at
                    """)
                .WithText(collection).WithText(key).WithJson(json).WithTime(now);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<bool> DeleteAsync(string collection, string key, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM documents WHERE collection = $1 AND key = $2").WithText(collection).WithText(key);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task AppendAsync(IReadOnlyList<AuditRecord> entries, CancellationToken cancellationToken)
    {
        if (entries.Count == 0)
            return;
        await using var command = dataSource.CreateCommand("""
                INSERT INTO audit_log (seq, at, json, previous_hash, hash)
                SELECT * FROM unnest($1::bigint[], $2::timestamptz[], $3::text[], $4::text[], $5::text[])
                """)
            .With(entries.Select(e => e.Sequence).ToArray())
            .With(entries.Select(e => e.At.ToUniversalTime()).ToArray())
            .With(entries.Select(e => e.Json).ToArray())
            .With(entries.Select(e => e.PreviousHash).ToArray())
            .With(entries.Select(e => e.Hash).ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<AuditRecord>> ReadAsync(long afterSequence, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT seq, at, json, previous_hash, hash FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2")
            .With(afterSequence).With(Math.Clamp(limit, 1, MaxAuditRead));
        return await ReadAuditAsync(command, cancellationToken);
    }

    public async Task<AuditRecord?> LastAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT seq, at, json, previous_hash, hash FROM audit_log ORDER BY seq DESC LIMIT 1");
        var last = await ReadAuditAsync(command, cancellationToken);
        return last.Count == 0 ? null : last[0];
    }

    private static async Task<IReadOnlyList<AuditRecord>> ReadAuditAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var result = new List<AuditRecord>();
        while (await reader.ReadAsync(cancellationToken))
            result.Add(new AuditRecord(reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetString(2), reader.GetString(3), reader.GetString(4)));
        return result;
    }
}
