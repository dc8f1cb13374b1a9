using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Zhizao.Core.Assets;
using Zhizao.Core.Storage;
using Zhizao.Ingestion;
using Zhizao.Storage.DuckDb;
using Zhizao.Storage.Postgres;

namespace Zhizao.Cli;

/// <summary>
/// The store and ingestion pipeline opened directly by the CLI (bulk import, benchmarks), without the HTTP server.
/// The embedded store is a single-process file: while a server has it open, use the HTTP API instead.
/// </summary>
public sealed class LocalPlatform : IAsyncDisposable
{
    private LocalPlatform(IStore store, CatalogService catalog, IngestionPipeline pipeline, IngestionMetrics metrics) =>
        (Store, Catalog, Pipeline, Metrics) = (store, catalog, pipeline, metrics);

    public IStore Store { get; }
    public CatalogService Catalog { get; }
    public IngestionPipeline Pipeline { get; }
    public IngestionMetrics Metrics { get; }

    /// <summary>Opens the embedded store in <paramref name="dataDirectory"/>, or PostgreSQL when a connection string is given.</summary>
    public static async Task<LocalPlatform> OpenAsync(string dataDirectory, string? postgres, CancellationToken cancellationToken, IngestionOptions? options = null, ILoggerFactory? loggers = null)
    {
        loggers ??= NullLoggerFactory.Instance;
        IStore store = postgres is { Length: > 0 }
            ? new PostgresStore(postgres, loggers.CreateLogger<PostgresStore>())
            : new DuckDbStore(new DuckDbStoreOptions { Path = Path.Combine(Path.GetFullPath(dataDirectory), "zhizao.duckdb") }, loggers.CreateLogger<DuckDbStore>());
        try
        {
            await store.InitializeAsync(cancellationToken);
        }
        catch (Exception e) when (e.Message.Contains("lock", StringComparison.OrdinalIgnoreCase))
        {
            await store.DisposeAsync();
            throw new ApiException(ExitCodes.Failure, $"the store in {dataDirectory} is in use by another process (a running 'zhizao up'?): stop it, or send data through the API or MQTT. ({e.Message})");
        }
        var catalog = new CatalogService(store);
        await catalog.ReloadAsync(cancellationToken);
        var metrics = new IngestionMetrics();
        var pipeline = new IngestionPipeline(store, catalog, new PointStream([], loggers.CreateLogger<PointStream>()), options ?? new IngestionOptions(),
            metrics, TimeProvider.System, loggers.CreateLogger<IngestionPipeline>());
        pipeline.Start();
        return new LocalPlatform(store, catalog, pipeline, metrics);
    }

    /// <summary>Imports (or updates) a plant directly in the store.</summary>
    public async Task<PlantRecord> SavePlantAsync(PlantModel plant, CancellationToken cancellationToken)
    {
        var record = await Store.Metadata.SavePlantAsync(plant, TimeProvider.System.GetUtcNow(), cancellationToken);
        await Catalog.ReloadAsync(cancellationToken);
        return record;
    }

    public async ValueTask DisposeAsync()
    {
        await Pipeline.DisposeAsync();
        await Store.DisposeAsync();
        Metrics.Dispose();
    }
}
