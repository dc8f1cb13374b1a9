using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using Zhizao.Core.Points;
using Zhizao.Core.Storage;

namespace Zhizao.Storage.Postgres;

/// <summary>
/// Points in PostgreSQL. A write copies the batch in binary form into a temporary staging table and merges it
/// with <c>ON CONFLICT DO NOTHING</c>, so writes are idempotent and the first stored value of a (signal, time) wins.
/// </summary>
internal sealed class PostgresPointStore(NpgsqlDataSource dataSource, ILogger logger, TimeProvider timeProvider) : IPointStore
{
    /// <summary>Most buckets one aggregate read may span: a larger request needs a coarser bucket.</summary>
    public const int MaxBuckets = 100_000;

    /// <summary>Largest bucket: about 36,000 years.</summary>
    public const long MaxBucketMicros = 1L << 60;

    // "ord" keeps the position in the batch, so that the first of two points with the same key wins.
    private const string CreateStaging = """
        CREATE TEMP TABLE points_staging (
            ord integer NOT NULL, signal_id integer NOT NULL, ts bigint NOT NULL, value double precision NOT NULL
        ) ON COMMIT DROP
        """;

    private const string CopyStaging = "COPY points_staging (ord, signal_id, ts, value) FROM STDIN (FORMAT BINARY)";

    private const string MergePoints = """
        INSERT INTO points (signal_id, ts, value)
        SELECT DISTINCT ON (signal_id, ts) signal_id, ts, value FROM points_staging ORDER BY signal_id, ts, ord
        ON CONFLICT (signal_id, ts) DO NOTHING
        """;

    // A point newer than the stored latest cannot be a duplicate, so the staging rows are enough here.
    private const string MergeLatest = """
        INSERT INTO latest (signal_id, ts, value)
        SELECT DISTINCT ON (signal_id) signal_id, ts, value FROM points_staging ORDER BY signal_id, ts DESC, ord
        ON CONFLICT (signal_id) DO UPDATE SET ts = excluded.ts, value = excluded.value WHERE excluded.ts > latest.ts
        """;

    private const string ReadRaw = """
        SELECT ts, value FROM points WHERE signal_id = $1 AND ts >= $2 AND ts < $3 ORDER BY ts LIMIT $4
        """;

    // Buckets are aligned to the epoch with floor division: "%" truncates toward zero, which is wrong for ts < 0.
    private const string ReadBuckets = """
        SELECT ts - (((ts % $4) + $4) % $4) AS bucket,
               min(value), max(value), avg(value), (array_agg(value ORDER BY ts DESC))[1], count(*)
        FROM points WHERE signal_id = $1 AND ts >= $2 AND ts < $3
        GROUP BY bucket ORDER BY bucket
        """;

    public async Task<WriteResult> WriteAsync(IReadOnlyList<DataPoint> points, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(points.Count, PostgresStore.MaxWriteBatch, nameof(points));
        if (points.Count == 0)
            return new WriteResult(0, 0);

        var started = timeProvider.GetTimestamp();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var create = new NpgsqlCommand(CreateStaging, connection, transaction))
            await create.ExecuteNonQueryAsync(cancellationToken);
        await CopyAsync(connection, points, cancellationToken);

        await using var merge = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands = { new NpgsqlBatchCommand(MergePoints), new NpgsqlBatchCommand(MergeLatest) },
        };
        await merge.ExecuteNonQueryAsync(cancellationToken);
        var inserted = checked((int)merge.BatchCommands[0].RecordsAffected);
        await transaction.CommitAsync(cancellationToken);

        var result = new WriteResult(inserted, points.Count - inserted);
        Log.PointsWritten(logger, result.Inserted, result.Duplicates, timeProvider.GetElapsedTime(started).TotalMilliseconds);
        return result;
    }

    private static async Task CopyAsync(NpgsqlConnection connection, IReadOnlyList<DataPoint> points, CancellationToken cancellationToken)
    {
        await using var importer = await connection.BeginBinaryImportAsync(CopyStaging, cancellationToken);
        for (var i = 0; i < points.Count; i++)
        {
            var point = points[i];
            await importer.StartRowAsync(cancellationToken);
            await importer.WriteAsync(i, NpgsqlDbType.Integer, cancellationToken);
            await importer.WriteAsync(point.SignalId, NpgsqlDbType.Integer, cancellationToken);
            await importer.WriteAsync(point.TimestampMicros, NpgsqlDbType.Bigint, cancellationToken);
            await importer.WriteAsync(point.Value, NpgsqlDbType.Double, cancellationToken);
        }
        await importer.CompleteAsync(cancellationToken);
    }

    public async Task<RawPage> ReadRawAsync(int signalId, long fromMicros, long toMicros, int limit, long? afterMicros, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, PostgresStore.MaxReadLimit);
        // The cursor only narrows the range: ts > after is ts >= after + 1.
        var lower = afterMicros is { } after ? (after == long.MaxValue ? long.MaxValue : Math.Max(fromMicros, after + 1)) : fromMicros;
        if (lower >= toMicros)
            return new RawPage([], null);

        await using var command = dataSource.CreateCommand(ReadRaw).With(signalId).With(lower).With(toMicros).With(limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var page = new List<DataPoint>(Math.Min(limit, 4096));
        while (await reader.ReadAsync(cancellationToken))
            page.Add(new DataPoint(signalId, reader.GetInt64(0), reader.GetDouble(1)));
        return new RawPage(page, page.Count == limit ? page[^1].TimestampMicros : null);
    }

    public async Task<IReadOnlyList<AggregateBucket>> ReadAggregatesAsync(int signalId, long fromMicros, long toMicros, long bucketMicros, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bucketMicros);
        // Keeps the floor-division arithmetic in ReadBuckets far from overflow.
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bucketMicros, MaxBucketMicros);
        if (fromMicros >= toMicros)
            return [];
        var buckets = (((Int128)toMicros - fromMicros) / bucketMicros) + 1;
        if (buckets > MaxBuckets)
            throw new ArgumentOutOfRangeException(nameof(bucketMicros), bucketMicros, $"[{fromMicros}, {toMicros}) spans more than {MaxBuckets} buckets of {bucketMicros} µs; use a larger bucket.");

        await using var command = dataSource.CreateCommand(ReadBuckets).With(signalId).With(fromMicros).With(toMicros).With(bucketMicros);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var result = new List<AggregateBucket>();
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(new AggregateBucket(
                reader.GetInt64(0), reader.GetDouble(1), reader.GetDouble(2), reader.GetDouble(3), reader.GetDouble(4), reader.GetInt64(5)));
        }
        return result;
    }

    public async Task<IReadOnlyList<LatestValue>> ReadLatestAsync(IReadOnlyCollection<int> signalIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(signalIds);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(signalIds.Count, PostgresStore.MaxReadLimit, nameof(signalIds));
        if (signalIds.Count == 0)
            return [];

        await using var command = dataSource.CreateCommand("SELECT signal_id, ts, value FROM latest WHERE signal_id = ANY($1) ORDER BY signal_id")
            .With(signalIds.ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var result = new List<LatestValue>();
        while (await reader.ReadAsync(cancellationToken))
            result.Add(new LatestValue(reader.GetInt32(0), reader.GetInt64(1), reader.GetDouble(2)));
        return result;
    }

    public async Task<long> CountAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM points");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
