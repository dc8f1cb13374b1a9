using Npgsql;
using Zhizao.Core.Storage;

namespace Zhizao.Storage.Postgres;

/// <summary>API keys and alarms.</summary>
internal sealed partial class PostgresMetadataStore
{
    private const string AlarmColumns =
        "id, source, signal_id, signal, priority, condition, message, value, limit_value, raised_at, cleared_at, acknowledged_at, " +
        "asset, message_zh, occurrences, last_raised_at, shelved_until, details::text";

    public async Task<IReadOnlyList<ApiKeyRecord>> ListApiKeysAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT id, name, role, secret_hash, salt, created_at, revoked_at FROM api_keys ORDER BY created_at, id");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var keys = new List<ApiKeyRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add(new ApiKeyRecord(
                reader.GetString(0), reader.GetString(1), reader.GetString(2),
                reader.GetFieldValue<byte[]>(3), reader.GetFieldValue<byte[]>(4),
                reader.GetFieldValue<DateTimeOffset>(5), reader.GetNullableTime(6)));
        }
        return keys;
    }

    /// <exception cref="InvalidOperationException">A key with the same id exists.</exception>
    public async Task AddApiKeyAsync(ApiKeyRecord key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        Guard.Text(key.Id, Guard.MaxShortText, nameof(key));
        Guard.Text(key.Name, Guard.MaxShortText, nameof(key));
        Guard.Text(key.Role, Guard.MaxShortText, nameof(key));
        Guard.Bytes(key.SecretHash, nameof(key));
        Guard.Bytes(key.Salt, nameof(key));

        await using var command = dataSource.CreateCommand(
                "INSERT INTO api_keys (id, name, role, secret_hash, salt, created_at, revoked_at) VALUES ($1, $2, $3, $4, $5, $6, $7)")
            .With(key.Id).With(key.Name).With(key.Role).With(key.SecretHash).With(key.Salt).WithTime(key.CreatedAt).WithTime(key.RevokedAt);
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw new InvalidOperationException($"An API key with id '{key.Id}' already exists.", e);
        }
    }

    public async Task<bool> RevokeApiKeyAsync(string id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        Guard.Text(id, Guard.MaxShortText, nameof(id));
        // Revoking twice keeps the first revocation time.
        await using var command = dataSource.CreateCommand("UPDATE api_keys SET revoked_at = coalesce(revoked_at, $2) WHERE id = $1")
            .With(id).WithTime(now);
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    public async Task<AlarmRecord> RaiseAlarmAsync(AlarmRecord alarm, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        foreach (var text in (string[])[alarm.Source, alarm.Signal, alarm.Priority, alarm.Condition])
            Guard.Text(text, Guard.MaxShortText, nameof(alarm));
        Guard.Text(alarm.Message, Guard.MaxLongText, nameof(alarm));
        if (alarm.MessageZh is not null)
            Guard.Text(alarm.MessageZh, Guard.MaxLongText, nameof(alarm));

        await using var command = dataSource.CreateCommand($"""
                INSERT INTO alarms (source, signal_id, signal, priority, condition, message, value, limit_value, raised_at, cleared_at, acknowledged_at,
                                    asset, message_zh, occurrences, last_raised_at, shelved_until, details)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17::jsonb)
                RETURNING {AlarmColumns}
                """)
            .With(alarm.Source).With(alarm.SignalId).With(alarm.Signal).With(alarm.Priority).With(alarm.Condition).With(alarm.Message)
            .With(alarm.Value).With(alarm.Limit).WithTime(alarm.RaisedAt).WithTime(alarm.ClearedAt).WithTime(alarm.AcknowledgedAt)
            .WithText(alarm.Asset).WithText(alarm.MessageZh).With(alarm.Occurrences).WithTime(alarm.LastRaisedAt).WithTime(alarm.ShelvedUntil).WithText(alarm.Details);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return ReadAlarm(reader);
    }

    public async Task ClearAlarmAsync(long id, DateTimeOffset clearedAt, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("UPDATE alarms SET cleared_at = $2 WHERE id = $1 AND cleared_at IS NULL")
            .With(id).WithTime(clearedAt);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<bool> AcknowledgeAlarmAsync(long id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Acknowledging twice keeps the first acknowledgement time.
        await using var command = dataSource.CreateCommand("UPDATE alarms SET acknowledged_at = coalesce(acknowledged_at, $2) WHERE id = $1")
            .With(id).WithTime(now);
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    public async Task<IReadOnlyList<AlarmRecord>> ListAlarmsAsync(bool activeOnly, int limit, CancellationToken cancellationToken)
    {
        Guard.Limit(limit, nameof(limit));
        await using var command = dataSource.CreateCommand($"""
                SELECT {AlarmColumns} FROM alarms WHERE (NOT $1 OR cleared_at IS NULL)
                ORDER BY raised_at DESC, id DESC LIMIT $2
                """)
            .With(activeOnly).With(limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var alarms = new List<AlarmRecord>();
        while (await reader.ReadAsync(cancellationToken))
            alarms.Add(ReadAlarm(reader));
        return alarms;
    }

    private static AlarmRecord ReadAlarm(NpgsqlDataReader reader) => new(
        reader.GetInt64(0), reader.GetString(1), reader.GetInt32(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
        reader.GetString(6), reader.GetDouble(7), reader.GetDouble(8),
        reader.GetFieldValue<DateTimeOffset>(9), reader.GetNullableTime(10), reader.GetNullableTime(11))
    {
        Asset = reader.GetNullableString(12),
        MessageZh = reader.GetNullableString(13),
        Occurrences = reader.GetInt32(14),
        LastRaisedAt = reader.GetNullableTime(15),
        ShelvedUntil = reader.GetNullableTime(16),
        Details = reader.GetNullableString(17),
    };

    public async Task<bool> RepeatAlarmAsync(long id, DateTimeOffset at, double value, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
                "UPDATE alarms SET occurrences = occurrences + 1, last_raised_at = $2, value = $3 WHERE id = $1 AND cleared_at IS NULL")
            .With(id).WithTime(at).With(value);
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    public async Task<bool> ReviseAlarmAsync(AlarmRecord revised, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(revised);
        foreach (var text in (string[])[revised.Signal, revised.Priority, revised.Condition])
            Guard.Text(text, Guard.MaxShortText, nameof(revised));
        Guard.Text(revised.Message, Guard.MaxLongText, nameof(revised));
        await using var command = dataSource.CreateCommand("""
                UPDATE alarms SET signal_id = $2, signal = $3, priority = $4, condition = $5, message = $6, message_zh = $7, details = $8::jsonb
                WHERE id = $1 AND cleared_at IS NULL
                """)
            .With(revised.Id).With(revised.SignalId).With(revised.Signal).With(revised.Priority).With(revised.Condition).With(revised.Message)
            .WithText(revised.MessageZh).WithText(revised.Details);
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    public async Task<bool> ShelveAlarmAsync(long id, DateTimeOffset? until, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("UPDATE alarms SET shelved_until = $2 WHERE id = $1").With(id).WithTime(until);
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }
}
