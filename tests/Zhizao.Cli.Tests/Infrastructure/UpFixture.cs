namespace Zhizao.Cli.Tests.Infrastructure;

/// <summary>One <c>zhizao up</c> process on a fresh data directory for a test class.</summary>
public class UpFixture : IAsyncLifetime
{
    private readonly TempDirectory _data = new();
    private UpProcess? _up;

    public UpProcess Up => _up ?? throw new InvalidOperationException("not started");

    /// <summary>The admin key printed on first start.</summary>
    public string AdminKey => Up.AdminKey ?? throw new InvalidOperationException($"no admin key printed{Environment.NewLine}{Up.Output}");

    /// <summary>The options that point a CLI command at this server.</summary>
    public string[] ServerOptions => ["--server", Up.Address.ToString(), "--key", AdminKey];

    /// <summary>Arguments added to <c>zhizao up</c>.</summary>
    protected virtual string[] ExtraArguments => [];

    public async Task InitializeAsync() => _up = await UpProcess.StartAsync(_data.Path, ExtraArguments);

    public async Task DisposeAsync()
    {
        if (_up is not null)
            await _up.DisposeAsync();
        _data.Dispose();
    }
}

/// <summary><c>zhizao up --demo</c> with 75 minutes of history: the machines are learned and the demo faults have happened.</summary>
public sealed class DemoUpFixture : UpFixture
{
    protected override string[] ExtraArguments => ["--demo", "--demo-backfill", "75m"];
}
