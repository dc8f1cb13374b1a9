using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using Zhizao.Agents.LimitMonitor;
using Zhizao.Agents.Maintenance.Agent;
using Zhizao.Agents.Maintenance.Rul;
using Zhizao.Agents.Scheduling.Agent;
using Zhizao.Agents.Scheduling.Plans;
using Zhizao.Agents.Supply.Agent;
using Zhizao.Models;
using Zhizao.Connectors.Mqtt;
using Zhizao.Core.Agents;
using Zhizao.Core.Assets;
using Zhizao.Core.Ingestion;
using Zhizao.Core.Storage;
using Zhizao.Ingestion;
using Zhizao.Server.Apis;
using Zhizao.Server.Hosting;
using Zhizao.Server.Security;
using Zhizao.Storage.DuckDb;
using Zhizao.Storage.Postgres;

namespace Zhizao.Server;

/// <summary>The composition root: builds the web application with every capability wired in.</summary>
public static class ZhizaoServer
{
    /// <summary>Builds the server. Configuration comes from appsettings, environment (ZHIZAO__…), the command line and <paramref name="configure"/>.</summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddEnvironmentVariables("ZHIZAO_");
        configure?.Invoke(builder);
        AddServices(builder);
        var app = builder.Build();
        MapEndpoints(app);
        return app;
    }

    private static void AddServices(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var section = builder.Configuration.GetSection("Zhizao");
        var options = section.Get<ZhizaoOptions>() ?? new ZhizaoOptions();
        var problems = options.Validate().ToList();
        if (problems.Count > 0)
            throw new OptionsValidationException("Zhizao", typeof(ZhizaoOptions), problems);
        services.AddSingleton(Options.Create(options));

        if (builder.Configuration["Logging:Format"] == "json")
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddJsonConsole(o => o.IncludeScopes = true);
        }

        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
            k.AddServerHeader = false;
        });

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IStore>(sp => options.Storage == "postgres"
            ? ActivatorUtilities.CreateInstance<PostgresStore>(sp, options.PostgresConnectionString!)
            : new DuckDbStore(options.DuckDb, sp.GetRequiredService<ILogger<DuckDbStore>>()));
        services.AddSingleton<IDocumentStore>(sp => sp.GetRequiredService<IStore>().Documents);
        services.AddSingleton<CatalogService>();
        services.AddSingleton(options.Ingestion);
        services.AddSingleton(sp => new IngestionMetrics(sp.GetService<System.Diagnostics.Metrics.IMeterFactory>()));
        services.AddSingleton<PointStream>();
        services.AddSingleton<IngestionPipeline>();
        services.AddSingleton<IPointIngestor>(sp => sp.GetRequiredService<IngestionPipeline>());
        services.AddSingleton<PlantImporter>();
        services.AddSingleton<ApiKeyService>();
        services.AddSingleton<PlatformState>();

        services.AddSingleton(section.GetSection("LimitMonitor").Get<LimitMonitorOptions>() ?? new LimitMonitorOptions());
        services.AddSingleton<LimitMonitorAgent>();
        services.AddSingleton<IAgent>(sp => sp.GetRequiredService<LimitMonitorAgent>());
        services.AddSingleton<IPointStreamSubscriber>(sp => sp.GetRequiredService<LimitMonitorAgent>());

        var maintenance = section.GetSection("Maintenance").Get<MaintenanceOptions>() ?? new MaintenanceOptions();
        if (maintenance.Validate() is { Count: > 0 } maintenanceProblems)
            throw new OptionsValidationException("Zhizao:Maintenance", typeof(MaintenanceOptions), maintenanceProblems);
        services.AddSingleton(maintenance);
        services.AddSingleton<MaintenanceAgent>();
        services.AddSingleton<IAgent>(sp => sp.GetRequiredService<MaintenanceAgent>());
        services.AddSingleton<IPointStreamSubscriber>(sp => sp.GetRequiredService<MaintenanceAgent>());
        // Open maintenance work orders (written by the maintenance agent) block their machines in every plan.
        services.AddSingleton<IMaintenanceWindowSource, WorkOrderWindowSource>();
        services.AddSingleton<SchedulingAgent>();
        services.AddSingleton<IAgent>(sp => sp.GetRequiredService<SchedulingAgent>());
        var supply = section.GetSection("Supply").Get<SupplyApiOptions>() ?? new SupplyApiOptions();
        if (supply.Validate().ToList() is { Count: > 0 } supplyProblems)
            throw new OptionsValidationException("Zhizao:Supply", typeof(SupplyApiOptions), supplyProblems);
        services.AddSingleton(supply);
        services.AddSingleton<SupplyDatasets>();
        services.AddSingleton<SupplyAgent>();
        services.AddSingleton<IAgent>(sp => sp.GetRequiredService<SupplyAgent>());
        services.AddSingleton(sp => new ModelRegistry(options.EffectiveModelsPath, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<ModelRegistry>>()));
        services.AddSingleton(sp => new RulModelService(sp.GetRequiredService<ModelRegistry>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<RulModelService>>()));

        Registry.RegistryServices.Add(services, section, options);

        // Start-up first: hosted services start in registration order, and the broker must not accept data before the store is open.
        services.AddHostedService<PlatformStartup>();
        services.AddZhizaoMqtt(
            broker => builder.Configuration.GetSection("Mqtt:Broker").Bind(broker),
            client => builder.Configuration.GetSection("Mqtt:Client").Bind(client));
        MqttApiKeyAuthentication.UseApiKeys(services);
        services.AddSingleton<DemoScenario>();
        if (options.Demo)
            services.AddHostedService<DemoPublisher>();

        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        Policies.Add(services.AddAuthorizationBuilder());

        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemExceptionHandler>();
        // Unbindable parameters (limit=abc, a body that is not JSON) throw, so that ProblemExceptionHandler answers them with the
        // stable bad-request type and a detail naming the parameter, instead of a bare 400.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddOpenApi();
        services.AddHealthChecks().AddCheck<StoreHealthCheck>("store", tags: ["ready"]);
        services.AddOpenTelemetry().WithMetrics(m => m
            .AddMeter(IngestionMetrics.MeterName, "Zhizao.Mqtt")
            .AddAspNetCoreInstrumentation()
            .AddPrometheusExporter());
    }

    private static void MapEndpoints(WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapHealthChecks("/health/live", new() { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new() { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();
        app.MapOpenApi().RequireAuthorization();
        app.MapPrometheusScrapingEndpoint().RequireAuthorization();

        app.MapPlantsApi();
        app.MapIngestApi();
        app.MapPointsApi();
        app.MapOperationsApi();
        app.MapMaintenanceApi();
        app.MapModelsApi();
        app.MapSupplyApi();
        app.MapSkillsApi();
        app.MapRegistryApi();
        app.MapPublishersApi();
        Zhizao.Protocols.A2A.A2AEndpoints.MapA2A(app);
        Zhizao.Protocols.Mcp.ZhizaoMcpExtensions.MapZhizaoMcp(app, "/mcp");
        if (app.Services.GetRequiredService<IOptions<ZhizaoOptions>>().Value.Demo)
            app.MapDemoApi();
        app.MapFallback(() => Problems.NotFound("no-route", "no such endpoint; see /openapi/v1.json")).RequireAuthorization();
    }
}
