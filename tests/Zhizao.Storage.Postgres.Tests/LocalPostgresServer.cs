using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Zhizao.Storage.Postgres.Tests;

/// <summary>
/// A private PostgreSQL server in a temporary directory, started with the Debian binaries
/// (initdb, pg_ctl) as user postgres. Stopped and deleted on dispose.
/// </summary>
internal sealed class LocalPostgresServer : IAsyncDisposable
{
    private const string InstallHint =
        "Install Debian's postgresql package (apt-get install -y postgresql), or set ZHIZAO_TEST_POSTGRES to the connection string of a server the tests may create databases on.";

    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(2);

    private readonly string _binDirectory;
    private readonly string _dataDirectory;
    private bool _started;

    private LocalPostgresServer(string binDirectory, string dataDirectory, int port)
    {
        _binDirectory = binDirectory;
        _dataDirectory = dataDirectory;
        Port = port;
    }

    public int Port { get; }

    /// <summary>Superuser connection over TCP on loopback, trust authentication.</summary>
    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Pooling=false";

    public static async Task<LocalPostgresServer> StartAsync()
    {
        var binDirectory = FindBinDirectory();
        var dataDirectory = Directory.CreateTempSubdirectory("zhizao-pg-").FullName;
        var server = new LocalPostgresServer(binDirectory, dataDirectory, FreePort());
        try
        {
            if (Environment.IsPrivilegedProcess)
                await RunAsync("chown", ["postgres:postgres", dataDirectory]);
            await server.RunAsPostgresAsync("initdb", $"-D {Quote(dataDirectory)} -U postgres --auth=trust -E UTF8");
            var options = $"-p {server.Port} -k {dataDirectory} -c listen_addresses=127.0.0.1 -c fsync=on";
            await server.RunAsPostgresAsync(
                "pg_ctl", $"-D {Quote(dataDirectory)} -o {Quote(options)} -l {Quote(Path.Combine(dataDirectory, "pg.log"))} -w start");
            server._started = true;
            return server;
        }
        catch (Exception e)
        {
            var log = Path.Combine(dataDirectory, "pg.log");
            var detail = File.Exists(log) ? $"{Environment.NewLine}pg.log:{Environment.NewLine}{await File.ReadAllTextAsync(log)}" : "";
            await server.DisposeAsync();
            throw new InvalidOperationException($"Could not start a private PostgreSQL server: {e.Message}{detail}{Environment.NewLine}{InstallHint}", e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_started)
            {
                _started = false;
                await RunAsPostgresAsync("pg_ctl", $"-D {Quote(_dataDirectory)} -m fast -w stop");
            }
        }
        finally
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    private static string FindBinDirectory()
    {
        const string root = "/usr/lib/postgresql";
        var initdb = Directory.Exists(root)
            ? Directory.GetDirectories(root)
                .Select(version => Path.Combine(version, "bin", "initdb"))
                .Where(File.Exists)
                .OrderByDescending(path => path, StringComparer.Ordinal)
                .FirstOrDefault()
            : null;
        return initdb is null
            ? throw new InvalidOperationException($"No PostgreSQL server binaries found ({root}/*/bin/initdb). {InstallHint}")
            : Path.GetDirectoryName(initdb)!;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private Task RunAsPostgresAsync(string tool, string arguments)
    {
        var command = $"{Quote(Path.Combine(_binDirectory, tool))} {arguments}";
        // PostgreSQL refuses to run as root: as root the tools run as the postgres user that the Debian package creates.
        return Environment.IsPrivilegedProcess ? RunAsync("su", ["postgres", "-c", command]) : RunAsync("sh", ["-c", command]);
    }

    private static async Task RunAsync(string file, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not run {file}");
        using var timeout = new CancellationTokenSource(CommandTimeout);
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await error}{await output}");
    }

    private static string Quote(string text) => $"'{text.Replace("'", "'\\''", StringComparison.Ordinal)}'";
}
