namespace Zhizao.Server.Tests.Infrastructure;

/// <summary>One server per test class, with the default settings.</summary>
public class ServerFixture : IAsyncLifetime
{
    private ServerHost? _server;

    /// <summary>The running server.</summary>
    public ServerHost Server => _server ?? throw new InvalidOperationException("the server is not started");

    /// <summary>The settings the server starts with.</summary>
    protected virtual ServerSettings Settings => new();

    public async Task InitializeAsync() => _server = await ServerHost.StartAsync(Settings);

    public async Task DisposeAsync()
    {
        if (_server is not null)
            await _server.DisposeAsync();
    }
}

/// <summary>A server whose request body limit is 4 KiB.</summary>
public sealed class SmallBodyServerFixture : ServerFixture
{
    public const int Limit = 4096;

    protected override ServerSettings Settings => new() { MaxRequestBodyBytes = Limit };
}

/// <summary>A server running the demo plant with 45 minutes of history published at start.</summary>
public sealed class DemoServerFixture : ServerFixture
{
    protected override ServerSettings Settings => new() { Demo = true, DemoBackfill = TimeSpan.FromMinutes(75) };
}
