namespace Zhizao.Cli.Tests.Infrastructure;

/// <summary>One <c>zhizao up</c> process on a fresh data directory for a test class.</summary>
public sealed class UpFixture : IAsyncLifetime
{
    private readonly TempDirectory _data = new();
    private UpProcess? _up;

    public UpProcess Up => _up ?? throw new InvalidOperationException("not started");

    /// <summary>The admin key printed on first start.</summary>
    public string AdminKey => Up.AdminKey ?? throw new InvalidOperationException($"no admin key printed{Environment.NewLine}{Up.Output}");

    /// <summary>The options that point a CLI command at this server.</summary>
    public string[] ServerOptions => ["--server", Up.Address.ToString(), "--key", AdminKey];

    public async Task InitializeAsync() => _up = await UpProcess.StartAsync(_data.Path);

    public async Task DisposeAsync()
    {
        if (_up is not null)
            await _up.DisposeAsync();
        _data.Dispose();
    }
}
