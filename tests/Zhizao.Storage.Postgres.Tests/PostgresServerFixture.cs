using System.Collections.Concurrent;
using Npgsql;

namespace Zhizao.Storage.Postgres.Tests;

/// <summary>
/// One PostgreSQL server for the test run: the one named by ZHIZAO_TEST_POSTGRES, or else a private server
/// started from the Debian binaries. Each test gets its own database from <see cref="CreateDatabaseAsync"/>;
/// a private server is deleted whole at the end, on a given server the test databases are dropped then.
/// </summary>
public sealed class PostgresServerFixture : IAsyncLifetime
{
    /// <summary>Connection string of an existing server to use instead of starting one.</summary>
    public const string EnvironmentVariable = "ZHIZAO_TEST_POSTGRES";

    private readonly ConcurrentQueue<string> _databases = new();
    private LocalPostgresServer? _server;
    private string _adminConnectionString = "";

    /// <summary>A connection string to a port on which nothing listens (for readiness tests).</summary>
    public string UnreachableConnectionString { get; } = "Host=127.0.0.1;Port=1;Username=postgres;Timeout=2";

    public async Task InitializeAsync()
    {
        var external = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(external))
        {
            _adminConnectionString = external;
            return;
        }
        _server = await LocalPostgresServer.StartAsync();
        _adminConnectionString = _server.ConnectionString;
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
            return;
        }
        await using var connection = new NpgsqlConnection(_adminConnectionString);
        await connection.OpenAsync();
        while (_databases.TryDequeue(out var name))
        {
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }
    }

    /// <summary>Creates an empty database and returns a connection string to it.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"test_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(_adminConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }
        _databases.Enqueue(name);
        return new NpgsqlConnectionStringBuilder(_adminConnectionString) { Database = name, Pooling = true }.ConnectionString;
    }
}

/// <summary>Tests that share the PostgreSQL server.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServerFixture>
{
    public const string Name = "PostgreSQL server";
}
