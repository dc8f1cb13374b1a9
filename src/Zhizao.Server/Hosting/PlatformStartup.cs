using Microsoft.Extensions.Options;
using Zhizao.Agents.LimitMonitor;
using Zhizao.Agents.Maintenance.Agent;
using Zhizao.Core.Assets;
using Zhizao.Core.Storage;
using Zhizao.Ingestion;
using Zhizao.Server.Security;
using Zhizao.Simulation;

namespace Zhizao.Server.Hosting;

/// <summary>
/// Start-up in dependency order, before the HTTP server and the broker accept anything: open the store, load the
/// catalog (importing the demo plant when asked), load API keys, restore agent state, start the pipeline.
/// On stop: drain the pipeline (flush), then close the store.
/// </summary>
public sealed partial class PlatformStartup(
    IStore store, CatalogService catalog, ApiKeyService keys, LimitMonitorAgent limitMonitor, MaintenanceAgent maintenance, IngestionPipeline pipeline,
    PlatformState state, IOptions<ZhizaoOptions> options, IServiceProvider services, TimeProvider time, ILogger<PlatformStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await store.InitializeAsync(cancellationToken);
        if (options.Value.Demo && !(await store.Metadata.ListPlantsAsync(cancellationToken)).Any(p => p.Plant.Id == DemoPlant.PlantId))
        {
            await store.Metadata.SavePlantAsync(DemoPlant.Create(), time.GetUtcNow(), cancellationToken);
            LogDemoImported(logger);
        }
        await catalog.ReloadAsync(cancellationToken);
        state.FirstAdminKey = await keys.InitializeAsync(cancellationToken);
        if (state.FirstAdminKey is not null)
            LogAdminKeyCreated(logger);
        await Registry.RegistryServices.StartAsync(services, options.Value, cancellationToken);
        await limitMonitor.InitializeAsync(cancellationToken);
        await maintenance.InitializeAsync(cancellationToken);
        pipeline.Start();
        state.MarkStarted();
        LogStarted(logger, store.Backend, catalog.Current.Count);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await pipeline.DisposeAsync();
        await store.DisposeAsync();
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Platform started on the {Backend} store with {Signals} signals")]
    private static partial void LogStarted(ILogger logger, string backend, int signals);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Demo plant imported")]
    private static partial void LogDemoImported(ILogger logger);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "No API key existed: created the first admin key (shown once on the console, not logged)")]
    private static partial void LogAdminKeyCreated(ILogger logger);
}
