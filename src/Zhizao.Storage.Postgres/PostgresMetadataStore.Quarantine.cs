using Npgsql;
using NpgsqlTypes;
using Zhizao.Core.Points;
using Zhizao.Core.Storage;

namespace Zhizao.Storage.Postgres;

/// <summary>The quarantine of rejected points; reasons are stored by name, which is stable.</summary>
internal sealed partial class PostgresMetadataStore
{
    private const string CopyQuarantine = "COPY quarantine (received_at, source, reason, message, signal, ts, value) FROM STDIN (FORMAT BINARY)";

    private const string ListQuarantine = """
        SELECT id, received_at, source, reason, message, signal, ts, value FROM quarantine
        WHERE ($1::text IS NULL OR reason = $1) AND ($2::text IS NULL OR source = $2) AND ($3::bigint IS NULL OR id < $3)
        ORDER BY id DESC LIMIT $4
        """;

    public async Task AddQuarantineAsync(IReadOnlyList<RejectedPoint> points, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(points.Count, PostgresStore.MaxWriteBatch, nameof(points));
        if (points.Count == 0)
            return;

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var importer = await connection.BeginBinaryImportAsync(CopyQuarantine, cancellationToken))
        {
            foreach (var rejected in points)
            {
                var point = rejected.Bounded();
                await importer.StartRowAsync(cancellationToken);
                await importer.WriteAsync(point.ReceivedAt.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken);
                await importer.WriteAsync(point.Source, NpgsqlDbType.Text, cancellationToken);
                await importer.WriteAsync(point.Reason.ToString(), NpgsqlDbType.Text, cancellationToken);
                await importer.WriteAsync(point.Message, NpgsqlDbType.Text, cancellationToken);
                await WriteNullableAsync(importer, point.Signal, cancellationToken);
                await WriteNullableAsync(importer, point.Timestamp, cancellationToken);
                await WriteNullableAsync(importer, point.Value, cancellationToken);
            }
            await importer.CompleteAsync(cancellationToken);
        }
        Log.Quarantined(logger, points.Count);
    }

    private static Task WriteNullableAsync(NpgsqlBinaryImporter importer, string? value, CancellationToken cancellationToken) =>
        value is null ? importer.WriteNullAsync(cancellationToken) : importer.WriteAsync(value, NpgsqlDbType.Text, cancellationToken);

    public async Task<IReadOnlyList<QuarantineEntry>> ListQuarantineAsync(QuarantineQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        Guard.Limit(query.Limit, nameof(query));

        await using var command = dataSource.CreateCommand(ListQuarantine)
            .WithText(query.Reason?.ToString()).WithText(query.Source).WithBigint(query.BeforeId).With(query.Limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var entries = new List<QuarantineEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var point = new RejectedPoint(
                reader.GetFieldValue<DateTimeOffset>(1),
                reader.GetString(2),
                Enum.Parse<RejectReason>(reader.GetString(3)),
                reader.GetString(4),
                reader.GetNullableString(5),
                reader.GetNullableString(6),
                reader.GetNullableString(7));
            entries.Add(new QuarantineEntry(reader.GetInt64(0), point));
        }
        return entries;
    }

    public async Task<IReadOnlyDictionary<RejectReason, long>> CountQuarantineAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT reason, count(*) FROM quarantine GROUP BY reason");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var counts = new Dictionary<RejectReason, long>();
        while (await reader.ReadAsync(cancellationToken))
        {
            // A reason written by a newer build is not counted rather than failing the whole report.
            if (Enum.TryParse<RejectReason>(reader.GetString(0), out var reason))
                counts[reason] = reader.GetInt64(1);
        }
        return counts;
    }
}
