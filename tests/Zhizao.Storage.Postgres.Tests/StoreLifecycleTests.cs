using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Zhizao.Core.Storage;

namespace Zhizao.Storage.Postgres.Tests;

public sealed class StoreLifecycleTests(PostgresServerFixture server) : PostgresStoreTest(server)
{
    [Fact]
    public async Task Initializing_again_keeps_the_schema_and_the_data()
    {
        await Store.Points.WriteAsync([new(1, 1, 1)], Ct);

        await Store.InitializeAsync(Ct);

        Assert.Equal(1, await Store.Points.CountAsync(Ct));
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT array_agg(version) FROM schema_version", connection);
        var versions = (int[])(await command.ExecuteScalarAsync())!;
        Assert.Equal([1], versions);
    }

    [Fact]
    public async Task Initializing_refuses_a_database_with_a_newer_schema()
    {
        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("INSERT INTO schema_version (version) VALUES (2)", connection);
            await command.ExecuteNonQueryAsync();
        }

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Store.InitializeAsync(Ct));

        Assert.Contains("version 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_processes_may_initialize_the_same_fresh_database_at_once()
    {
        var database = await Server.CreateDatabaseAsync();
        var stores = Enumerable.Range(0, 4).Select(_ => new PostgresStore(database, NullLogger<PostgresStore>.Instance)).ToArray();

        await Task.WhenAll(stores.Select(s => s.InitializeAsync(Ct)));

        Assert.Equal(0, await stores[0].Points.CountAsync(Ct));
        foreach (var store in stores)
            await store.DisposeAsync();
    }

    [Fact]
    public async Task The_store_is_ready_when_the_server_answers()
    {
        Assert.Equal("postgres", Store.Backend);
        Assert.True(await Store.IsReadyAsync(Ct));
    }

    [Fact]
    public async Task The_store_is_not_ready_when_no_server_answers()
    {
        await using var store = new PostgresStore(Server.UnreachableConnectionString, NullLogger<PostgresStore>.Instance);

        Assert.False(await store.IsReadyAsync(Ct));
    }

    [Fact]
    public async Task The_service_collection_entry_registers_one_postgres_store()
    {
        var services = new ServiceCollection().AddLogging().AddZhizaoPostgresStore(ConnectionString);
        await using var provider = services.BuildServiceProvider();

        var store = provider.GetRequiredService<IStore>();

        Assert.IsType<PostgresStore>(store);
        Assert.Same(store, provider.GetRequiredService<IStore>());
        Assert.True(await store.IsReadyAsync(Ct));
    }
}
