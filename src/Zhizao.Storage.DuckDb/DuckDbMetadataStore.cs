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

    private const string AlarmColumns =
        "id, source, signal_id, signal, priority, condition, message, value, limit_value, raised_us, cleared_us, acknowledged_us, " +
        "asset, message_zh, occurrences, last_raised_us, shelved_until_us, details";

    private const string WorkOrderColumns =
        "id, source, asset, priority, status, title, title_zh, description, description_zh, window_start_us, window_end_us, alarm_id, created_us, updated_us";

    public async Task<AlarmRecord> RaiseAlarmAsync(AlarmRecord alarm, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        await using var connection = await store.OpenAsync(cancellationToken);
        await using var command = Command(connection, """
            INSERT INTO alarms (source, signal_id, signal, priority, condition, message, value, limit_value, raised_us, asset, message_zh, occurrences,
                                last_raised_us, shelved_until_us, details)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id
            """, alarm.Source, alarm.SignalId, alarm.Signal, alarm.Priority, alarm.Condition, alarm.Message, alarm.Value, alarm.Limit,
            Timestamps.ToMicros(alarm.RaisedAt), alarm.Asset, alarm.MessageZh, alarm.Occurrences, Micros(alarm.LastRaisedAt), Micros(alarm.ShelvedUntil), alarm.Details);
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
            SELECT {AlarmColumns}
            FROM alarms {(activeOnly ? "WHERE cleared_us IS NULL" : "")} ORDER BY id DESC LIMIT {Math.Clamp(limit, 1, MaxListLimit)}
            """);
        var result = new List<AlarmRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(new AlarmRecord(
                reader.GetInt64(0), reader.GetString(1), reader.GetInt32(2), reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetString(6),
                reader.GetDouble(7), reader.GetDouble(8), Timestamps.FromMicros(reader.GetInt64(9)), NullableTime(reader, 10), NullableTime(reader, 11))
            {
                Asset = NullableString(reader, 12),
                MessageZh = NullableString(reader, 13),
                Occurrences = reader.IsDBNull(14) ? 1 : reader.GetInt32(14),
                LastRaisedAt = NullableTime(reader, 15),
                ShelvedUntil = NullableTime(reader, 16),
                Details = NullableString(reader, 17),
            });
        }
        return result;
    }

    public async Task<bool> RepeatAlarmAsync(long id, DateTimeOffset at, double value, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        return await ExecAsync(connection, """
            UPDATE alarms SET occurrences = coalesce(occurrences, 1) + 1, last_raised_us = $1, value = $2 WHERE id = $3 AND cleared_us IS NULL
            """, cancellationToken, Timestamps.ToMicros(at), value, id) > 0;
    }

    public async Task<bool> ReviseAlarmAsync(AlarmRecord revised, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(revised);
        await using var connection = await store.OpenAsync(cancellationToken);
        return await ExecAsync(connection, """
            UPDATE alarms SET signal_id = $1, signal = $2, priority = $3, condition = $4, message = $5, message_zh = $6, details = $7
            WHERE id = $8 AND cleared_us IS NULL
            """, cancellationToken, revised.SignalId, revised.Signal, revised.Priority, revised.Condition, revised.Message, revised.MessageZh, revised.Details, revised.Id) > 0;
    }

    public async Task<bool> ShelveAlarmAsync(long id, DateTimeOffset? until, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        return await ExecAsync(connection, "UPDATE alarms SET shelved_until_us = $1 WHERE id = $2", cancellationToken, Micros(until), id) > 0;
    }

    public async Task<WorkOrderRecord> CreateWorkOrderAsync(WorkOrderRecord order, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        await using var connection = await store.OpenAsync(cancellationToken);
        await using var command = Command(connection, """
            INSERT INTO work_orders (source, asset, priority, status, title, title_zh, description, description_zh, window_start_us, window_end_us,
                                     alarm_id, created_us, updated_us)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id
            """, order.Source, order.Asset, order.Priority, order.Status, order.Title, order.TitleZh, order.Description, order.DescriptionZh,
            Timestamps.ToMicros(order.WindowStart), Timestamps.ToMicros(order.WindowEnd), order.AlarmId,
            Timestamps.ToMicros(order.CreatedAt), Timestamps.ToMicros(order.UpdatedAt));
        var id = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        return order with { Id = id };
    }

    public async Task<IReadOnlyList<WorkOrderRecord>> ListWorkOrdersAsync(WorkOrderQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await store.OpenAsync(cancellationToken);
        await using var command = Command(connection, $"""
            SELECT {WorkOrderColumns} FROM work_orders
            WHERE ($1 IS NULL OR status = $1) AND ($2 IS NULL OR asset = $2) AND (NOT $3 OR status IN ('open', 'scheduled', 'in-progress'))
            ORDER BY id DESC LIMIT {Math.Clamp(query.Limit, 1, MaxListLimit)}
            """, query.Status, query.Asset, query.ActiveOnly);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var result = new List<WorkOrderRecord>();
        while (await reader.ReadAsync(cancellationToken))
            result.Add(ReadWorkOrder(reader));
        return result;
    }

    public async Task<WorkOrderRecord?> UpdateWorkOrderAsync(
        long id, string status, DateTimeOffset? windowStart, DateTimeOffset? windowEnd, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!WorkOrderStatus.All.Contains(status))
            throw new ArgumentException($"Unknown work-order status '{status}'; expected one of {string.Join(", ", WorkOrderStatus.All)}.", nameof(status));
        await using var connection = await store.OpenAsync(cancellationToken);
        await using var command = Command(connection, $"""
            UPDATE work_orders SET status = $1, window_start_us = coalesce($2, window_start_us), window_end_us = coalesce($3, window_end_us), updated_us = $4
            WHERE id = $5 RETURNING {WorkOrderColumns}
            """, status, Micros(windowStart), Micros(windowEnd), Timestamps.ToMicros(now), id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadWorkOrder(reader) : null;
    }

    private static WorkOrderRecord ReadWorkOrder(DbDataReader reader) => new(
        reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetString(6),
        reader.GetString(7), reader.GetString(8), Timestamps.FromMicros(reader.GetInt64(9)), Timestamps.FromMicros(reader.GetInt64(10)),
        reader.IsDBNull(11) ? null : reader.GetInt64(11), Timestamps.FromMicros(reader.GetInt64(12)), Timestamps.FromMicros(reader.GetInt64(13)));

    private static long? Micros(DateTimeOffset? time) => time is { } t ? Timestamps.ToMicros(t) : null;

    private static async Task<IReadOnlyList<PlantRecord>> ReadPlantsAsync(DuckDBConnection connection, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, "SELECT id, document, updated_us FROM plants ORDER BY id");
        var result = new List<PlantRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            result.Add(new PlantRecord(PlantFile.Parse($"stored plant '{reader.GetString(0)}'", reader.GetString(1)), Timestamps.FromMicros(reader.GetInt64(2))));
        return result;
    }

    /// <summary>A command with positional parameters ($1, $2, …); null becomes SQL NULL.</summary>
    internal static DuckDBCommand Command(DuckDBConnection connection, string sql, params object?[] args)
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
