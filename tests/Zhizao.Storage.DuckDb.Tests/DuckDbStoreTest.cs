using Microsoft.Extensions.Logging.Abstractions;

namespace Zhizao.Storage.DuckDb.Tests;

/// <summary>A test with its own database file in a fresh temporary directory and an initialised store on it.</summary>
public abstract class DuckDbStoreTest : IAsyncLifetime
{
    /// <summary>The smallest threshold the options allow, so that tests reach compaction quickly.</summary>
    protected const int CompactionThreshold = 10_000;

    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"zhizao-duckdb-{Guid.NewGuid():N}");

    protected DuckDbStore Store { get; private set; } = null!;

    protected string DatabasePath => Path.Combine(_directory, "test.duckdb");

    protected static CancellationToken Ct => CancellationToken.None;

    public async Task InitializeAsync() => Store = await OpenAsync();

    private bool _closed;

    /// <summary>Closes the store and opens the same file again, as a restart would.</summary>
    protected async Task ReopenAsync()
    {
        if (!_closed)
            await CloseAsync();
        Store = await OpenAsync();
        _closed = false;
    }

    /// <summary>Closes the store, as a stop would (so that a test can change its files before <see cref="ReopenAsync"/>).</summary>
    protected async Task CloseAsync()
    {
        await Store.DisposeAsync();
        _closed = true;
    }

    /// <summary>Counts rows of one table directly, to see where compaction has put the points.</summary>
    protected async Task<long> CountRowsAsync(string table)
    {
        await using var connection = await Store.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM {table}";
        return Convert.ToInt64(await command.ExecuteScalarAsync(Ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<DuckDbStore> OpenAsync()
    {
        var store = new DuckDbStore(new DuckDbStoreOptions { Path = DatabasePath, CompactionThresholdRows = CompactionThreshold, Threads = 2 }, NullLogger<DuckDbStore>.Instance);
        try
        {
            await store.InitializeAsync(Ct);
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
        return store;
    }

    public async Task DisposeAsync()
    {
        if (!_closed)
            await Store.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary directory is harmless.
        }
    }
}
