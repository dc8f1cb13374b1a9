using System.Data.Common;
using DuckDB.NET.Data;
using Microsoft.Extensions.Logging;
using Zhizao.Core.Points;
using Zhizao.Core.Storage;

namespace Zhizao.Storage.DuckDb;

/// <summary>
/// Points on DuckDB. One writer connection (writes are serialised: the ingestion pipeline batches them),
/// reader connections per query. Each write is one transaction, committed (WAL flushed) before it returns.
/// </summary>
internal sealed partial class DuckDbPointStore(DuckDbStore store, int compactionThresholdRows, ILogger logger) : IPointStore, IAsyncDisposable
{
    private const int MaxRawLimit = 100_000;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private DuckDBConnection? _writer;
    private long _hotRows;
    // Latest timestamp stored in either table: a batch entirely after it cannot hold a stored duplicate,
    // so the idempotence probe is skipped for in-order streams (the common case).
    private long _maxStoredTs = long.MinValue;

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        _writer = await store.OpenAsync(cancellationToken);
        await DuckDbStore.ExecuteAsync(_writer, "CREATE TEMP TABLE IF NOT EXISTS staging (signal_id INTEGER, ts BIGINT, value DOUBLE)", cancellationToken);
        _hotRows = await ScalarLongAsync(_writer, "SELECT count(*) FROM points_hot", cancellationToken);
        _maxStoredTs = await ScalarLongAsync(_writer,
            $"SELECT coalesce(greatest((SELECT max(ts) FROM points), (SELECT max(ts) FROM points_hot)), {long.MinValue})", cancellationToken);
    }

    public async Task<WriteResult> WriteAsync(IReadOnlyList<DataPoint> points, CancellationToken cancellationToken)
    {
        if (points.Count == 0)
            return default;
        var writer = _writer ?? throw new InvalidOperationException("The store is not initialised.");
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            await DuckDbStore.ExecuteAsync(writer, "DELETE FROM staging", cancellationToken);
            long min = long.MaxValue, max = long.MinValue;
            using (var appender = writer.CreateAppender("staging"))
            {
                for (var i = 0; i < points.Count; i++)
                {
                    var p = points[i];
                    appender.CreateRow().AppendValue(p.SignalId).AppendValue(p.TimestampMicros).AppendValue(p.Value).EndRow();
                    if (p.TimestampMicros < min)
                        min = p.TimestampMicros;
                    if (p.TimestampMicros > max)
                        max = p.TimestampMicros;
                }
            }

            int inserted;
            await using (var tx = await writer.BeginTransactionAsync(cancellationToken))
            {
                // Idempotent on (signal, ts): the probe is limited to the batch's time range, which the
                // tables' zone maps turn into a scan of the few row groups that overlap it.
                inserted = await NonQueryAsync(writer, min > _maxStoredTs
                    ? "INSERT INTO points_hot SELECT signal_id, ts, any_value(value) FROM staging GROUP BY signal_id, ts"
                    : $"""
                    INSERT INTO points_hot
                    SELECT s.signal_id, s.ts, s.value
                    FROM (SELECT signal_id, ts, any_value(value) AS value FROM staging GROUP BY signal_id, ts) s
                    WHERE NOT EXISTS (SELECT 1 FROM points_hot h WHERE h.ts BETWEEN {min} AND {max} AND h.signal_id = s.signal_id AND h.ts = s.ts)
                      AND NOT EXISTS (SELECT 1 FROM points p WHERE p.ts BETWEEN {min} AND {max} AND p.signal_id = s.signal_id AND p.ts = s.ts)
                    """, cancellationToken);
                await NonQueryAsync(writer, """
                    INSERT INTO latest
                    SELECT signal_id, max(ts), arg_max(value, ts) FROM staging GROUP BY signal_id
                    ON CONFLICT (signal_id) DO UPDATE SET ts = excluded.ts, value = excluded.value WHERE excluded.ts > latest.ts
                    """, cancellationToken);
                await tx.CommitAsync(cancellationToken);
            }

            _hotRows += inserted;
            _maxStoredTs = Math.Max(_maxStoredTs, max);
            if (_hotRows >= compactionThresholdRows)
                await CompactAsync(writer, cancellationToken);
            return new WriteResult(inserted, points.Count - inserted);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>Moves the hot table into <c>points</c> as one slab sorted by (signal, time).</summary>
    public async Task CompactAsync(CancellationToken cancellationToken)
    {
        var writer = _writer ?? throw new InvalidOperationException("The store is not initialised.");
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            await CompactAsync(writer, cancellationToken);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private async Task CompactAsync(DuckDBConnection writer, CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await using (var tx = await writer.BeginTransactionAsync(cancellationToken))
        {
            await NonQueryAsync(writer, "INSERT INTO points SELECT signal_id, ts, value FROM points_hot ORDER BY signal_id, ts", cancellationToken);
            await NonQueryAsync(writer, "DELETE FROM points_hot", cancellationToken);
            await tx.CommitAsync(cancellationToken);
        }
        LogCompacted(logger, _hotRows, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        _hotRows = 0;
    }

    public async Task<RawPage> ReadRawAsync(int signalId, long fromMicros, long toMicros, int limit, long? afterMicros, CancellationToken cancellationToken)
    {
        limit = Math.Clamp(limit, 1, MaxRawLimit);
        var from = afterMicros is { } after ? Math.Max(fromMicros, after + 1) : fromMicros;
        await using var connection = await store.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT ts, value FROM (
                SELECT ts, value FROM points WHERE signal_id = {signalId} AND ts >= {from} AND ts < {toMicros}
                UNION ALL
                SELECT ts, value FROM points_hot WHERE signal_id = {signalId} AND ts >= {from} AND ts < {toMicros})
            ORDER BY ts LIMIT {limit}
            """;
        var result = new List<DataPoint>(Math.Min(limit, 4096));
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
                result.Add(new DataPoint(signalId, reader.GetInt64(0), reader.GetDouble(1)));
        }
        return new RawPage(result, result.Count == limit ? result[^1].TimestampMicros : null);
    }

    public async Task<IReadOnlyList<AggregateBucket>> ReadAggregatesAsync(int signalId, long fromMicros, long toMicros, long bucketMicros, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(bucketMicros, 0);
        await using var connection = await store.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        // Floor to the bucket without floating point: exact for negative timestamps too.
        command.CommandText = $"""
            SELECT ts - (((ts % {bucketMicros}) + {bucketMicros}) % {bucketMicros}) AS bucket,
                   min(value), max(value), avg(value), arg_max(value, ts), count(*)
            FROM (
                SELECT ts, value FROM points WHERE signal_id = {signalId} AND ts >= {fromMicros} AND ts < {toMicros}
                UNION ALL
                SELECT ts, value FROM points_hot WHERE signal_id = {signalId} AND ts >= {fromMicros} AND ts < {toMicros})
            GROUP BY bucket ORDER BY bucket
            """;
        var result = new List<AggregateBucket>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            result.Add(new AggregateBucket(reader.GetInt64(0), reader.GetDouble(1), reader.GetDouble(2), reader.GetDouble(3), reader.GetDouble(4), reader.GetInt64(5)));
        return result;
    }

    public async Task<IReadOnlyList<LatestValue>> ReadLatestAsync(IReadOnlyCollection<int> signalIds, CancellationToken cancellationToken)
    {
        var wanted = signalIds as IReadOnlySet<int> ?? signalIds.ToHashSet();
        await using var connection = await store.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        // The latest table has one row per signal, so reading it whole is cheaper than binding a long id list.
        command.CommandText = "SELECT signal_id, ts, value FROM latest";
        var result = new List<LatestValue>(wanted.Count);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = reader.GetInt32(0);
            if (wanted.Contains(id))
                result.Add(new LatestValue(id, reader.GetInt64(1), reader.GetDouble(2)));
        }
        return result;
    }

    public async Task<long> CountAsync(CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        return await ScalarLongAsync(connection, "SELECT (SELECT count(*) FROM points) + (SELECT count(*) FROM points_hot)", cancellationToken);
    }

    private static async Task<int> NonQueryAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<long> ScalarLongAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        await _writeGate.WaitAsync();
        try
        {
            if (_writer is not null)
                await _writer.DisposeAsync();
            _writer = null;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    [LoggerMessage(EventId = 1002, Level = LogLevel.Debug, Message = "Compacted {Rows} hot rows in {Milliseconds:F0} ms")]
    private static partial void LogCompacted(ILogger logger, long rows, double milliseconds);
}
