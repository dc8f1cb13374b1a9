using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Zhizao.Core.Access;
using Zhizao.Core.Assets;
using Zhizao.Server;
using Zhizao.Server.Hosting;
using Zhizao.Server.Security;

namespace Zhizao.Cli.Bench;

/// <summary>
/// The real server (<see cref="ZhizaoServer.Build"/>) in this process for the <c>mcp</c> suite: Kestrel on 127.0.0.1 and a free port,
/// the embedded store in the suite's scratch directory, no MQTT broker, the rate limit raised out of the way, warnings and errors on
/// stderr. It holds a small plant imported through the API and an operator key limited to the limit monitor and that plant's line.
/// </summary>
internal sealed class McpBenchServer : IAsyncDisposable
{
    /// <summary>The plant's site (also the plant id) and line: the operator key's asset prefix is "bench/l1".</summary>
    public const string LinePath = "bench/l1";

    /// <summary>The signal every call checks (normal range 20–80 °C).</summary>
    public const string Signal = LinePath + "/press-1/temperature";

    /// <summary>Calls per second the raised rate limit allows (the limiter still runs on every call).</summary>
    public const int RateLimit = 100_000;

    private readonly WebApplication _app;

    private McpBenchServer(WebApplication app, Uri address, string operatorKey, Principal @operator)
    {
        _app = app;
        Address = address;
        OperatorKey = operatorKey;
        Operator = @operator;
    }

    /// <summary>The API's base address.</summary>
    public Uri Address { get; }

    /// <summary>The operator key's text (a bearer token).</summary>
    public string OperatorKey { get; }

    /// <summary>The operator as the gateway sees it.</summary>
    public Principal Operator { get; }

    /// <summary>The server's services.</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>Starts the server with its store in <paramref name="directory"/>, imports the plant and creates the operator key.</summary>
    public static async Task<McpBenchServer> StartAsync(string directory, CancellationToken cancellationToken)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["Mqtt:Broker:Enabled"] = "false",
            ["Zhizao:Storage"] = "duckdb",
            ["Zhizao:DuckDb:Path"] = Path.Combine(directory, "zhizao.duckdb"),
            ["Zhizao:BenchmarkReports"] = Path.Combine(directory, "no-reports"),
            ["Zhizao:RateLimit:Burst"] = RateLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Zhizao:RateLimit:PerSecond"] = RateLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        var app = ZhizaoServer.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(settings);
            builder.Logging.ClearProviders();
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        });
        try
        {
            await app.StartAsync(cancellationToken);
            var address = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single());
            var adminKey = app.Services.GetRequiredService<PlatformState>().FirstAdminKey
                ?? throw new InvalidOperationException("a fresh store must produce a first admin key");
            await ImportPlantAsync(address, adminKey, cancellationToken);

            var keys = app.Services.GetRequiredService<ApiKeyService>();
            var grant = new ApiKeyGrant(Principal.DefaultWorkspace, [$"skill:{Agents.LimitMonitor.LimitMonitorAgent.AgentId}:*"], [LinePath], PrincipalKind.Person);
            var (text, _) = await keys.CreateAsync("bench operator", "operator", grant, cancellationToken);
            var principal = keys.Validate(text)?.ToPrincipal() ?? throw new InvalidOperationException("the new operator key does not validate");
            return new McpBenchServer(app, address, text, principal);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>An HTTP client of the API with <paramref name="key"/> as bearer token.</summary>
    public HttpClient Client(string key) => Client(Address, key);

    private static HttpClient Client(Uri address, string key)
    {
        var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    private static async Task ImportPlantAsync(Uri address, string adminKey, CancellationToken cancellationToken)
    {
        var signals = new[]
        {
            new Signal("temperature", "°C", SignalDataType.Float, 1, new NormalRange(20, 80), new LocalizedText("Platen temperature", "压板温度")),
            new Signal("pressure", "bar", SignalDataType.Float, 1, new NormalRange(100, 180), new LocalizedText("Hydraulic pressure", "液压压力")),
        };
        var machine = new Machine("press-1", new LocalizedText("Press 1", "压机 1"), "press", signals);
        var line = new Line("l1", new LocalizedText("Press line", "压制线"), [machine]);
        var plant = new PlantModel(PlantModel.CurrentSchemaVersion, "bench", new LocalizedText("Benchmark plant", "基准工厂"), 1,
            [new Site("bench", new LocalizedText("Benchmark site", "基准工厂"), "UTC", [line])]);
        using var client = Client(address, adminKey);
        using var content = new StringContent(PlantFile.ToJson(plant), System.Text.Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(new Uri("/api/v1/plants", UriKind.Relative), content, cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"importing the benchmark plant answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _app.StopAsync();
        }
        finally
        {
            await _app.DisposeAsync();
        }
    }
}
