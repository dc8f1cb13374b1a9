using System.Globalization;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Zhizao.Server.Hosting;

namespace Zhizao.Server.Tests.Infrastructure;

/// <summary>How a test server is configured beyond the defaults (embedded DuckDB in a temporary directory).</summary>
public sealed record ServerSettings
{
    /// <summary>Import the demo plant and publish its simulation over MQTT.</summary>
    public bool Demo { get; init; }

    /// <summary>History the demo publishes at start.</summary>
    public TimeSpan DemoBackfill { get; init; }

    /// <summary>Directories the models API may read files from (Zhizao:ModelDataRoots).</summary>
    public IReadOnlyList<string> ModelDataRoots { get; init; } = [];

    /// <summary>Kestrel's request body limit; null keeps the server default.</summary>
    public long? MaxRequestBodyBytes { get; init; }

    /// <summary>Run on PostgreSQL with this connection string instead of the embedded store.</summary>
    public string? PostgresConnectionString { get; init; }

    /// <summary>More configuration (e.g. <c>Zhizao:RateLimit:Burst</c>), applied over the values above.</summary>
    public IReadOnlyDictionary<string, string?> Configuration { get; init; } = new Dictionary<string, string?>();
}

/// <summary>
/// The real server built by <see cref="ZhizaoServer.Build"/>, on Kestrel at http://127.0.0.1:{free port} with the embedded MQTT broker on
/// another free port and its store in a temporary directory (deleted on dispose). Warnings and errors it logs are kept in <see cref="Log"/>.
/// </summary>
public sealed class ServerHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _directory;

    private ServerHost(WebApplication app, string directory, Uri address, int mqttPort, string adminKey, RecordingLoggerProvider log)
    {
        _app = app;
        _directory = directory;
        Address = address;
        MqttPort = mqttPort;
        AdminKey = adminKey;
        Log = log;
    }

    /// <summary>The API's base address.</summary>
    public Uri Address { get; }

    /// <summary>The embedded broker's port on 127.0.0.1.</summary>
    public int MqttPort { get; }

    /// <summary>The admin key created on first start.</summary>
    public string AdminKey { get; }

    /// <summary>What the server logged at warning level and above.</summary>
    public RecordingLoggerProvider Log { get; }

    /// <summary>The server's services.</summary>
    public IServiceProvider Services => _app.Services;

    public static async Task<ServerHost> StartAsync(ServerSettings? settings = null)
    {
        // The broker's port is chosen free and then bound by the server: another test host starting in parallel can take
        // it in between. That race (not a server fault) is retried on a new port.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnceAsync(settings ?? new ServerSettings());
            }
            catch (Exception e) when (attempt < 5 && IsPortTaken(e))
            {
            }
        }
    }

    private static bool IsPortTaken(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.AddressAlreadyInUse })
                return true;
            if (e is AggregateException aggregate && aggregate.InnerExceptions.Any(IsPortTaken))
                return true;
        }
        return false;
    }

    private static async Task<ServerHost> StartOnceAsync(ServerSettings settings)
    {
        var directory = Directory.CreateTempSubdirectory("zhizao-server-tests-").FullName;
        var mqttPort = Network.FreePort();
        var values = new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["Mqtt:Broker:Port"] = mqttPort.ToString(CultureInfo.InvariantCulture),
            ["Zhizao:Storage"] = settings.PostgresConnectionString is null ? "duckdb" : "postgres",
            ["Zhizao:DuckDb:Path"] = Path.Combine(directory, "zhizao.duckdb"),
            ["Zhizao:PostgresConnectionString"] = settings.PostgresConnectionString,
            ["Zhizao:Demo"] = settings.Demo.ToString(),
            ["Zhizao:DemoBackfill"] = settings.DemoBackfill.ToString("c", CultureInfo.InvariantCulture),
        };
        for (var i = 0; i < settings.ModelDataRoots.Count; i++)
            values[$"Zhizao:ModelDataRoots:{i}"] = settings.ModelDataRoots[i];
        if (settings.MaxRequestBodyBytes is { } limit)
            values["Zhizao:MaxRequestBodyBytes"] = limit.ToString(CultureInfo.InvariantCulture);
        foreach (var (key, value) in settings.Configuration)
            values[key] = value;

        var log = new RecordingLoggerProvider();
        var app = ZhizaoServer.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(values);
            builder.Logging.ClearProviders();
            builder.Logging.AddProvider(log);
        });
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            Directory.Delete(directory, recursive: true);
            throw;
        }
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        var adminKey = app.Services.GetRequiredService<PlatformState>().FirstAdminKey
            ?? throw new InvalidOperationException("a fresh store must produce a first admin key");
        return new ServerHost(app, directory, new Uri(address), mqttPort, adminKey, log);
    }

    /// <summary>A client of the API that sends <paramref name="key"/> as a bearer token (none when null).</summary>
    public HttpClient Client(string? key)
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) };
        if (key is not null)
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    /// <summary>A client with the admin key.</summary>
    public HttpClient Admin() => Client(AdminKey);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _app.StopAsync();
        }
        finally
        {
            await _app.DisposeAsync();
            Directory.Delete(_directory, recursive: true);
        }
    }
}
