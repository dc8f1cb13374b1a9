using Microsoft.Extensions.Logging.Abstractions;

namespace Zhizao.Storage.Postgres.Tests;

/// <summary>A test with its own fresh database and an initialised store on it.</summary>
[Collection(PostgresCollection.Name)]
public abstract class PostgresStoreTest(PostgresServerFixture server) : IAsyncLifetime
{
    private PostgresStore? _store;

    protected PostgresServerFixture Server { get; } = server;

    protected string ConnectionString { get; private set; } = "";

    protected PostgresStore Store => _store ?? throw new InvalidOperationException("the store is created in InitializeAsync");

    protected static CancellationToken Ct => CancellationToken.None;

    public async Task InitializeAsync()
    {
        ConnectionString = await Server.CreateDatabaseAsync();
        _store = new PostgresStore(ConnectionString, NullLogger<PostgresStore>.Instance);
        await _store.InitializeAsync(Ct);
    }

    public async Task DisposeAsync()
    {
        if (_store is not null)
            await _store.DisposeAsync();
    }
}
