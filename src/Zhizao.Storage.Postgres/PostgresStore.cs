using Microsoft.Extensions.Logging;
using Npgsql;
using Zhizao.Core.Storage;

namespace Zhizao.Storage.Postgres;

/// <summary>
/// The PostgreSQL backend: points in one table keyed by (signal, timestamp) and written by binary COPY,
/// metadata in relational tables. Every write commits before it returns, with the server's default
/// <c>synchronous_commit</c>, so a completed write is durable.
/// </summary>
public sealed class PostgresStore : IStore
{
    /// <summary>Largest page a read may ask for, and most ids or rows a single call may pass.</summary>
    public const int MaxReadLimit = 100_000;

    /// <summary>Most points a single <see cref="IPointStore.WriteAsync"/> may carry.</summary>
    public const int MaxWriteBatch = 1_000_000;

    private readonly NpgsqlDataSource _dataSource;
    private readonly ILogger<PostgresStore> _logger;
    private readonly PostgresPointStore _points;
    private readonly PostgresMetadataStore _metadata;
    private readonly PostgresDocumentStore _documents;

    /// <summary>Creates a store on <paramref name="connectionString"/>; nothing is opened until first use.</summary>
    /// <param name="connectionString">An Npgsql connection string.</param>
    /// <param name="logger">Where the store logs.</param>
    /// <param name="timeProvider">Clock for measuring write durations; the system clock when null.</param>
    public PostgresStore(string connectionString, ILogger<PostgresStore> logger, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentNullException.ThrowIfNull(logger);
        _dataSource = NpgsqlDataSource.Create(connectionString);
        _logger = logger;
        _points = new PostgresPointStore(_dataSource, logger, timeProvider ?? TimeProvider.System);
        _metadata = new PostgresMetadataStore(_dataSource, logger);
        _documents = new PostgresDocumentStore(_dataSource);
    }

    /// <inheritdoc />
    public string Backend => "postgres";

    /// <inheritdoc />
    public IPointStore Points => _points;

    /// <inheritdoc />
    public IMetadataStore Metadata => _metadata;

    /// <inheritdoc />
    public IDocumentStore Documents => _documents;

    /// <inheritdoc />
    public IAuditStore Audit => _documents;

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">The database holds a newer schema than this build reads.</exception>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock($1)", connection, transaction).With(PostgresSchema.InitializeLockKey))
            await command.ExecuteNonQueryAsync(cancellationToken);
        await using (var command = new NpgsqlCommand(PostgresSchema.Create, connection, transaction))
            await command.ExecuteNonQueryAsync(cancellationToken);
        int version;
        await using (var command = new NpgsqlCommand("SELECT max(version) FROM schema_version", connection, transaction))
            version = (int)(await command.ExecuteScalarAsync(cancellationToken))!;
        if (version > PostgresSchema.Version)
            throw new InvalidOperationException($"The database schema is version {version}; this build reads version {PostgresSchema.Version}. Upgrade Zhizao.");
        await transaction.CommitAsync(cancellationToken);

        Log.StoreReady(_logger, connection.Host, connection.Port, connection.Database, version);
    }

    /// <inheritdoc />
    public async Task<bool> IsReadyAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var command = _dataSource.CreateCommand("SELECT 1");
            return await command.ExecuteScalarAsync(cancellationToken) is 1;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            Log.ReadinessCheckFailed(_logger, e);
            return false;
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
