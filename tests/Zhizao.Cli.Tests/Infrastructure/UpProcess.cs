using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace Zhizao.Cli.Tests.Infrastructure;

/// <summary>
/// <c>zhizao up --data DIR --urls http://127.0.0.1:PORT --mqtt-port PORT2</c> as a separate process, read through the lines it prints on
/// stdout for people and scripts (the address and, on first start, the admin key).
/// </summary>
public sealed class UpProcess : IAsyncDisposable
{
    private const string AddressLine = "Zhizao API: ";
    private const string KeyLine = "Admin API key (shown once, keep it): ";

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _stdout = new();
    private readonly ConcurrentQueue<string> _stderr = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private UpProcess(Process process, string dataDirectory, int mqttPort)
    {
        _process = process;
        DataDirectory = dataDirectory;
        MqttPort = mqttPort;
    }

    public string DataDirectory { get; }
    public int MqttPort { get; }
    public Uri Address { get; private set; } = null!;

    /// <summary>The admin key printed on first start; null when the data directory already had keys.</summary>
    public string? AdminKey { get; private set; }

    public int ProcessId => _process.Id;

    /// <summary>What the process printed, for failure messages.</summary>
    public string Output => $"stdout:{Environment.NewLine}{string.Join(Environment.NewLine, _stdout)}{Environment.NewLine}stderr (last lines):{Environment.NewLine}{string.Join(Environment.NewLine, _stderr.TakeLast(40))}";

    /// <summary>Starts the server on free ports and waits for its "Ready." line.</summary>
    public static async Task<UpProcess> StartAsync(string dataDirectory, params string[] extraArguments)
    {
        var httpPort = FreePort();
        var mqttPort = FreePort();
        var start = ZhizaoCli.StartInfo(["up", "--data", dataDirectory, "--urls", $"http://127.0.0.1:{httpPort}", "--mqtt-port", mqttPort.ToString(CultureInfo.InvariantCulture), .. extraArguments]);
        var up = new UpProcess(new Process { StartInfo = start, EnableRaisingEvents = true }, dataDirectory, mqttPort);
        up._process.OutputDataReceived += (_, e) => up.OnStdout(e.Data);
        up._process.ErrorDataReceived += (_, e) => up.OnStderr(e.Data);
        up._process.Exited += (_, _) => up._ready.TrySetException(new InvalidOperationException($"zhizao up exited before it was ready{Environment.NewLine}{up.Output}"));
        up._process.Start();
        up._process.StandardInput.Close();
        up._process.BeginOutputReadLine();
        up._process.BeginErrorReadLine();
        try
        {
            await up._ready.Task.WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch
        {
            await up.DisposeAsync();
            throw;
        }
        return up;
    }

    /// <summary>An API client with <paramref name="key"/>.</summary>
    public HttpClient Client(string key)
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    /// <summary>Kills the process with SIGKILL (what <see cref="Process.Kill()"/> sends on Linux) and returns its exit status.</summary>
    public async Task<int> KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
        return _process.ExitCode;
    }

    /// <summary>Asks the process to stop with SIGTERM, as a service manager would, and returns its exit status.</summary>
    public async Task<int> StopAsync()
    {
        using (var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", _process.Id.ToString(CultureInfo.InvariantCulture) }, UseShellExecute = false })!)
            await kill.WaitForExitAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
            await KillAsync();
        _process.Dispose();
    }

    private void OnStdout(string? line)
    {
        if (line is null)
            return;
        _stdout.Enqueue(line);
        if (line.StartsWith(AddressLine, StringComparison.Ordinal))
            Address = new Uri(line[AddressLine.Length..].Trim().TrimEnd('/') + "/");
        else if (line.StartsWith(KeyLine, StringComparison.Ordinal))
            AdminKey = line[KeyLine.Length..].Trim();
        else if (line.StartsWith("Ready.", StringComparison.Ordinal))
            _ready.TrySetResult();
    }

    private void OnStderr(string? line)
    {
        if (line is not null)
            _stderr.Enqueue(line);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
