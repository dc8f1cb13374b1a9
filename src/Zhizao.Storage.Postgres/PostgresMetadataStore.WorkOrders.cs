using Npgsql;
using Zhizao.Core.Storage;

namespace Zhizao.Storage.Postgres;

/// <summary>Maintenance work orders.</summary>
internal sealed partial class PostgresMetadataStore
{
    private const string WorkOrderColumns =
        "id, source, asset, priority, status, title, title_zh, description, description_zh, window_start, window_end, alarm_id, created_at, updated_at";

    public async Task<WorkOrderRecord> CreateWorkOrderAsync(WorkOrderRecord order, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        foreach (var text in (string[])[order.Source, order.Asset, order.Priority, order.Status])
            Guard.Text(text, Guard.MaxShortText, nameof(order));
        foreach (var text in (string[])[order.Title, order.TitleZh, order.Description, order.DescriptionZh])
            Guard.Text(text, Guard.MaxLongText, nameof(order));
        await using var command = dataSource.CreateCommand($"""
                INSERT INTO work_orders (source, asset, priority, status, title, title_zh, description, description_zh, window_start, window_end,
                                         alarm_id, created_at, updated_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING {WorkOrderColumns}
                """)
            .With(order.Source).With(order.Asset).With(order.Priority).With(order.Status).With(order.Title).With(order.TitleZh)
            .With(order.Description).With(order.DescriptionZh).WithTime(order.WindowStart).WithTime(order.WindowEnd).WithBigint(order.AlarmId)
            .WithTime(order.CreatedAt).WithTime(order.UpdatedAt);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return ReadWorkOrder(reader);
    }

    public async Task<IReadOnlyList<WorkOrderRecord>> ListWorkOrdersAsync(WorkOrderQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        Guard.Limit(query.Limit, nameof(query));
        await using var command = dataSource.CreateCommand($"""
                SELECT {WorkOrderColumns} FROM work_orders
                WHERE ($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR asset = $2) AND (NOT $3 OR status IN ('open', 'scheduled', 'in-progress'))
                ORDER BY id DESC LIMIT $4
                """)
            .WithText(query.Status).WithText(query.Asset).With(query.ActiveOnly).With(query.Limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var orders = new List<WorkOrderRecord>();
        while (await reader.ReadAsync(cancellationToken))
            orders.Add(ReadWorkOrder(reader));
        return orders;
    }

    public async Task<WorkOrderRecord?> UpdateWorkOrderAsync(
        long id, string status, DateTimeOffset? windowStart, DateTimeOffset? windowEnd, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!WorkOrderStatus.All.Contains(status))
            throw new ArgumentException($"Unknown work-order status '{status}'; expected one of {string.Join(", ", WorkOrderStatus.All)}.", nameof(status));
        await using var command = dataSource.CreateCommand($"""
                UPDATE work_orders SET status = $2, window_start = coalesce($3, window_start), window_end = coalesce($4, window_end), updated_at = $5
                WHERE id = $1 RETURNING {WorkOrderColumns}
                """)
            .With(id).With(status).WithTime(windowStart).WithTime(windowEnd).WithTime(now);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadWorkOrder(reader) : null;
    }

    private static WorkOrderRecord ReadWorkOrder(NpgsqlDataReader reader) => new(
        reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
        reader.GetString(6), reader.GetString(7), reader.GetString(8), reader.GetFieldValue<DateTimeOffset>(9), reader.GetFieldValue<DateTimeOffset>(10),
        reader.IsDBNull(11) ? null : reader.GetInt64(11), reader.GetFieldValue<DateTimeOffset>(12), reader.GetFieldValue<DateTimeOffset>(13));
}
