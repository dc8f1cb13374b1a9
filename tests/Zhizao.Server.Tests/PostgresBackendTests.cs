using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Zhizao.Core.Storage;
using Zhizao.Server.Tests.Infrastructure;
using Zhizao.Storage.Postgres.Tests;

namespace Zhizao.Server.Tests;

/// <summary>The same server on a real, private PostgreSQL (Debian's binaries, started by the store's test fixture).</summary>
[CollectionDefinition(Name)]
public sealed class PostgresServerCollection : ICollectionFixture<PostgresServerFixture>
{
    public const string Name = "Server on PostgreSQL";
}

[Collection(PostgresServerCollection.Name)]
public sealed class PostgresBackendTests(PostgresServerFixture postgres) : IAsyncLifetime
{
    private ServerHost _server = null!;

    public async Task InitializeAsync() =>
        _server = await ServerHost.StartAsync(new ServerSettings { PostgresConnectionString = await postgres.CreateDatabaseAsync() });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Plants_ingest_and_queries_work_on_PostgreSQL()
    {
        using var admin = _server.Admin();
        var plant = TestPlant.Create("pg");
        var start = ApiCalls.MinuteAgo(20);

        var summary = await admin.ImportPlantAsync(plant);
        var result = await admin.IngestOkAsync([.. Enumerable.Range(0, 60).Select(i => ApiCalls.Line(plant.Temp, start.AddSeconds(i), i / 4.0)), ApiCalls.Line(plant.Temp, start, "bad")]);
        var again = await admin.IngestOkAsync(Enumerable.Range(0, 60).Select(i => ApiCalls.Line(plant.Temp, start.AddSeconds(i), i / 4.0)));

        Assert.Equal(4, summary["signals"]!.GetValue<int>());
        Assert.Equal(60, result["accepted"]!.GetValue<int>());
        Assert.Equal(1, result["rejected"]!.GetValue<int>());
        Assert.Equal(60, again["duplicates"]!.GetValue<int>());
        Assert.Equal(Enumerable.Range(0, 60).Select(i => (start.AddSeconds(i), i / 4.0)), await admin.RawAsync(plant.Temp, start, start.AddMinutes(1)));
        var bucket = Assert.Single((await admin.GetJsonAsync($"api/v1/points/aggregates?signal={Uri.EscapeDataString(plant.Temp)}&from={ApiCalls.Rfc3339(start)}&to={ApiCalls.Rfc3339(start.AddMinutes(1))}&bucket=1m"))["buckets"]!.AsArray())!;
        Assert.Equal(60, bucket["count"]!.GetValue<long>());
        Assert.Equal(14.75, bucket["max"]!.GetValue<double>());
        var latest = Assert.Single((await admin.GetJsonAsync($"api/v1/points/latest?prefix={Uri.EscapeDataString(plant.MachinePath)}")).AsArray())!;
        Assert.Equal(14.75, latest["value"]!.GetValue<double>());
        Assert.Equal("WrongType", Assert.Single(await admin.GetJsonAsync("api/v1/quarantine").ContinueWith(t => t.Result.AsArray()))!["reason"]!.GetValue<string>());
        using var ready = await _server.Client(null).GetAsync("health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("postgres", _server.Services.GetRequiredService<IStore>().Backend);
    }
}
