using System.Data.Common;
using System.Text.Json;
using DuckDB.NET.Data;
using Zhizao.Core.Assets;
using Zhizao.Core.Points;
using Zhizao.Core.Storage;

namespace Zhizao.Storage.DuckDb;

/// <summary>Plants, signal catalog, quarantine, API keys and alarms in the embedded database.</summary>
internal sealed class DuckDbMetadataStore(DuckDbStore store) : IMetadataStore
{
    private const int MaxListLimit = 10_000;
    private readonly SemaphoreSlim _plantGate = new(1, 1);

    public async Task<IReadOnlyList<PlantRecord>> ListPlantsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        return await ReadPlantsAsync(connection, cancellationToken);
    }

    public async Task<PlantRecord> SavePlantAsync(PlantModel plant, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Plant saves are rare; one at a time keeps the site-ownership check simple and exact.
        await _plantGate.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await store.OpenAsync(cancellationToken);
            await using var tx = await connection.BeginTransactionAsync(cancellationToken);
            var existing = await ReadPlantsAsync(connection, cancellationToken);
            foreach (var other in existing.Where(p => p.Plant.Id != plant.Id))
            {
                var clash = plant.Sites.Select(s => s.Id).Intersect(other.Plant.Sites.Select(s => s.Id), StringComparer.Ordinal).FirstOrDefault();
                if (clash is not null)
                    throw new PlantConflictException($"site '{clash}' already belongs to plant '{other.Plant.Id}'");
            }
            var previous = existing.FirstOrDefault(p => p.Plant.Id == plant.Id);
            var stored = plant with { Revision = previous is null ? Math.Max(plant.Revision, 1) : previous.Plant.Revision + 1 };
            var document = PlantFile.ToJson(stored);
            // A plant built in code gets the same checks as an imported file: what is stored always reads back.
            PlantFile.Parse($"plant '{stored.Id}'", document);
            await ExecAsync(connection, """
                INSERT INTO plants (id, revision, document, updated_us) VALUES ($1, $2, $3, $4)
                ON CONFLICT (id) DO UPDATE SET revision = excluded.revision, document = excluded.document, updated_us = excluded.updated_us
                """, cancellationToken, stored.Id, stored.Revision, document, Timestamps.ToMicros(now));
            foreach (var (path, signal) in stored.AllSignals())
            {
                await ExecAsync(connection, """
                    INSERT INTO signals (plant_id, path, definition) VALUES ($1, $2, $3)
                    ON CONFLICT (path) DO UPDATE SET plant_id = excluded.plant_id, definition = excluded.definition
                    """, cancellationToken, stored.Id, path.ToString(), JsonSerializer.Serialize(signal, PlantFile.JsonOptions));
            }
            await tx.CommitAsync(cancellationToken);
            return new PlantRecord(stored, now);
        }
        finally
        {
            _plantGate.Release();
        }
    }

    public async Task<IReadOnlyList<SignalRecord>> ListSignalsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        await using var command = Command(connection, "SELECT id, plant_id, path, definition FROM signals ORDER BY id");
        var result = new List<SignalRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (!SignalPath.TryParse(reader.GetString(2), out var path))
                throw new InvalidDataException($"stored signal path '{reader.GetString(2)}' is invalid");
            var definition = JsonSerializer.Deserialize<Signal>(reader.GetString(3), PlantFile.JsonOptions)!;
            result.Add(new SignalRecord(reader.GetInt32(0), reader.GetString(1), path!.Value, definition));
        }
        return result;
    }

    public async Task AddQuarantineAsync(IReadOnlyList<RejectedPoint> points, CancellationToken cancellationToken)
    {
        if (points.Count == 0)
            return;
        // Multi-row INSERTs: a flood of rejections (a bad file) costs a few statements, not one per point.
        const int RowsPerStatement = 500;
        await using var connection = await store.OpenAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        for (var start = 0; start < points.Count; start += RowsPerStatement)
        {
            var count = Math.Min(RowsPerStatement, points.Count - start);
            var sql = new System.Text.StringBuilder("INSERT INTO quarantine (received_us, source, reason, message, signal, ts, value) VALUES ");
            var args = new object?[count * 7];
            for (var i = 0; i < count; i++)
            {
                var p = points[start + i].Bounded();
                var b = i * 7;
                sql.Append(i == 0 ? "" : ", ").Append(System.Globalization.CultureInfo.InvariantCulture,
                    $"(${b + 1}, ${b + 2}, ${b + 3}, ${b + 4}, ${b + 5}, ${b + 6}, ${b + 7})");
                (args[b], args[b + 1], args[b + 2], args[b + 3], args[b + 4], args[b + 5], args[b + 6]) =
                    (Timestamps.ToMicros(p.ReceivedAt), p.Source, p.Reason.ToString(), p.Message, p.Signal, p.Timestamp, p.Value);
            }
            await ExecAsync(connection, sql.ToString(), cancellationToken, args);
        }
        await tx.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<QuarantineEntry>> ListQuarantineAsync(QuarantineQuery query, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        await using var command = Command(connection, $"""
            SELECT id, received_us, source, reason, message, signal, ts, value FROM quarantine
            WHERE ($1 IS NULL OR reason = $1) AND ($2 IS NULL OR source = $2) AND ($3 IS NULL OR id < $3)
            ORDER BY id DESC LIMIT {Math.Clamp(query.Limit, 1, MaxListLimit)}
            """, query.Reason?.ToString(), query.Source, query.BeforeId);
        var result = new List<QuarantineEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var point = new RejectedPoint(
                Timestamps.FromMicros(reader.GetInt64(1)), reader.GetString(2), Enum.Parse<RejectReason>(reader.GetString(3)), reader.GetString(4),
                NullableString(reader, 5), NullableString(reader, 6), NullableString(reader, 7));
            result.Add(new QuarantineEntry(reader.GetInt64(0), point));
        }
        return result;
    }

    public async Task<IReadOnlyDictionary<RejectReason, long>> CountQuarantineAsync(CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        await using var command = Command(connection, "SELECT reason, count(*) FROM quarantine GROUP BY reason");
        var result = new Dictionary<RejectReason, long>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            result[Enum.Parse<RejectReason>(reader.GetString(0))] = reader.GetInt64(1);
        return result;
    }

    public async Task<IReadOnlyList<ApiKeyRecord>> ListApiKeysAsync(CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        await using var command = Command(connection, "SELECT id, name, role, secret_hash, salt, created_us, revoked_us FROM api_keys ORDER BY created_us");
        var result = new List<ApiKeyRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(new ApiKeyRecord(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), ReadBytes(reader, 3), ReadBytes(reader, 4),
                Timestamps.FromMicros(reader.GetInt64(5)), reader.IsDBNull(6) ? null : Timestamps.FromMicros(reader.GetInt64(6))));
        }
        return result;
    }

    public async Task AddApiKeyAsync(ApiKeyRecord key, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        await ExecAsync(connection, "INSERT INTO api_keys (id, name, role, secret_hash, salt, created_us, revoked_us) VALUES ($1, $2, $3, $4, $5, $6, $7)",
            cancellationToken, key.Id, key.Name, key.Role, key.SecretHash, key.Salt, Timestamps.ToMicros(key.CreatedAt), key.RevokedAt is { } r ? Timestamps.ToMicros(r) : null);
    }

    public async Task<bool> RevokeApiKeyAsync(string id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        return await ExecAsync(connection, "UPDATE api_keys SET revoked_us = $1 WHERE id = $2 AND revoked_us IS NULL", cancellationToken, Timestamps.ToMicros(now), id) > 0;
    }

    public async Task<AlarmRecord> RaiseAlarmAsync(AlarmRecord alarm, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        await using var command = Command(connection, """
            INSERT INTO alarms (source, signal_id, signal, priority, condition, message, value, limit_value, raised_us)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id
            """, alarm.Source, alarm.SignalId, alarm.Signal, alarm.Priority, alarm.Condition, alarm.Message, alarm.Value, alarm.Limit, Timestamps.ToMicros(alarm.RaisedAt));
        var id = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        return alarm with { Id = id };
    }

    public async Task ClearAlarmAsync(long id, DateTimeOffset clearedAt, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        await ExecAsync(connection, "UPDATE alarms SET cleared_us = $1 WHERE id = $2 AND cleared_us IS NULL", cancellationToken, Timestamps.ToMicros(clearedAt), id);
    }

    public async Task<bool> AcknowledgeAlarmAsync(long id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        return await ExecAsync(connection, "UPDATE alarms SET acknowledged_us = $1 WHERE id = $2 AND acknowledged_us IS NULL", cancellationToken, Timestamps.ToMicros(now), id) > 0;
    }

    public async Task<IReadOnlyList<AlarmRecord>> ListAlarmsAsync(bool activeOnly, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        await using var command = Command(connection, $"""
            SELECT id, source, signal_id, signal, priority, condition, message, value, limit_value, raised_us, cleared_us, acknowledged_us
            FROM alarms {(activeOnly ? "WHERE cleared_us IS NULL" : "")} ORDER BY id DESC LIMIT {Math.Clamp(limit, 1, MaxListLimit)}
            """);
        var result = new List<AlarmRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(new AlarmRecord(
                reader.GetInt64(0), reader.GetString(1), reader.GetInt32(2), reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetString(6),
                reader.GetDouble(7), reader.GetDouble(8), Timestamps.FromMicros(reader.GetInt64(9)), NullableTime(reader, 10), NullableTime(reader, 11)));
        }
        return result;
    }

    private static async Task<IReadOnlyList<PlantRecord>> ReadPlantsAsync(DuckDBConnection connection, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, "SELECT id, document, updated_us FROM plants ORDER BY id");
        var result = new List<PlantRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            result.Add(new PlantRecord(PlantFile.Parse($"stored plant '{reader.GetString(0)}'", reader.GetString(1)), Timestamps.FromMicros(reader.GetInt64(2))));
        return result;
    }

    private static DuckDBCommand Command(DuckDBConnection connection, string sql, params object?[] args)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var arg in args)
            command.Parameters.Add(new DuckDBParameter(arg ?? DBNull.Value));
        return command;
    }

    private static async Task<int> ExecAsync(DuckDBConnection connection, string sql, CancellationToken cancellationToken, params object?[] args)
    {
        await using var command = Command(connection, sql, args);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string? NullableString(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static DateTimeOffset? NullableTime(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : Timestamps.FromMicros(reader.GetInt64(ordinal));

    private static byte[] ReadBytes(DbDataReader reader, int ordinal)
    {
        var value = reader.GetValue(ordinal);
        return value switch
        {
            byte[] bytes => bytes,
            Stream stream => ToArray(stream),
            _ => throw new InvalidDataException($"unexpected BLOB type {value.GetType()}"),
        };

        static byte[] ToArray(Stream stream)
        {
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            return memory.ToArray();
        }
    }
}
