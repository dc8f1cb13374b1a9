using DuckDB.NET.Data;
using Microsoft.Extensions.Logging;
using Zhizao.Core.Storage;

namespace Zhizao.Storage.DuckDb;

/// <summary>
/// The embedded store: one DuckDB file holding points and metadata. Points are appended to a hot table and
/// compacted into <c>points</c> in slabs sorted by (signal, time), so that a query for one signal reads a few
/// row groups per slab instead of the whole table. See docs/architecture.md for the measurements behind this.
/// </summary>
public sealed partial class DuckDbStore : IStore
{
    private readonly DuckDbStoreOptions _options;
    private readonly ILogger<DuckDbStore> _logger;
    private readonly string _connectionString;
    private readonly AuditJournal _audit;
    private DuckDBConnection? _anchor;

    public DuckDbStore(DuckDbStoreOptions options, ILogger<DuckDbStore> logger)
    {
        var problems = options.Validate().ToList();
        if (problems.Count > 0)
            throw new ArgumentException(string.Join("; ", problems), nameof(options));
        _options = options;
        _logger = logger;
        _connectionString = $"Data Source={System.IO.Path.GetFullPath(options.Path)}";
        var points = new DuckDbPointStore(this, options.CompactionThresholdRows, logger);
        Points = points;
        Metadata = new DuckDbMetadataStore(this);
        Documents = new DuckDbDocumentStore(this);
        _audit = new AuditJournal(System.IO.Path.GetFullPath(options.Path));
    }

    public string Backend => "duckdb";

    public IPointStore Points { get; }

    public IMetadataStore Metadata { get; }

    public IDocumentStore Documents { get; }

    public IAuditStore Audit => _audit;

    /// <summary>The audit journal file (append-only JSON lines beside the database).</summary>
    public string AuditPath => _audit.Path;

    /// <summary>The database file.</summary>
    public string FilePath => _options.Path;

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(_options.Path));
        if (!string.IsNullOrEmpty(directory))
            Directory.CreateDirectory(directory);
        // The anchor keeps the database instance open for the process lifetime; other connections share it.
        _anchor = new DuckDBConnection(_connectionString);
        await _anchor.OpenAsync(cancellationToken);
        if (_options.Threads > 0)
            await ExecuteAsync(_anchor, $"SET threads = {_options.Threads}", cancellationToken);
        if (_options.MemoryLimit.Length > 0)
            await ExecuteAsync(_anchor, $"SET memory_limit = '{_options.MemoryLimit.Replace("'", "", StringComparison.Ordinal)}'", cancellationToken);
        foreach (var statement in DuckDbSchema.Statements)
            await ExecuteAsync(_anchor, statement, cancellationToken);
        await using (var probe = _anchor.CreateCommand())
        {
            probe.CommandText = DuckDbSchema.UpgradeProbe;
            if (Convert.ToInt64(await probe.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) == 0)
            {
                foreach (var statement in DuckDbSchema.Upgrades)
                    await ExecuteAsync(_anchor, statement, cancellationToken);
            }
        }
        await ((DuckDbPointStore)Points).InitializeAsync(cancellationToken);
        _audit.Open();
        LogOpened(_logger, System.IO.Path.GetFullPath(_options.Path));
    }

    public async Task<bool> IsReadyAsync(CancellationToken cancellationToken)
    {
        if (_anchor is null)
            return false;
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT 1";
            return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) == 1;
        }
        catch (DuckDBException)
        {
            return false;
        }
    }

    /// <summary>Opens a connection to the shared database instance.</summary>
    internal async Task<DuckDBConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (_anchor is null)
            throw new InvalidOperationException("The store is not initialised: call InitializeAsync first.");
        var connection = new DuckDBConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    internal static async Task ExecuteAsync(DuckDBConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await ((DuckDbPointStore)Points).DisposeAsync();
        _audit.Dispose();
        if (_anchor is not null)
        {
            await _anchor.DisposeAsync();
            _anchor = null;
        }
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Embedded store opened at {Path}")]
    private static partial void LogOpened(ILogger logger, string path);
}
