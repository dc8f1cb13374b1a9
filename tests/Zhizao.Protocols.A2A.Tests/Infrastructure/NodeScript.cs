using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Zhizao.Protocols.A2A.Tests.Infrastructure;

/// <summary>Runs the interop scripts of tests/interop/a2a with the node found on PATH; kills the process on dispose.</summary>
internal sealed class NodeScript : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private NodeScript(string script, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(FindNode(), [Path.Combine(InteropDirectory, script), .. arguments])
        {
            WorkingDirectory = InteropDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>tests/interop/a2a; fails the test when its node_modules is missing.</summary>
    public static string InteropDirectory
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Zhizao.slnx")))
                directory = directory.Parent;
            var interop = Path.Combine(directory?.FullName ?? throw new InvalidOperationException("Zhizao.slnx not found above " + AppContext.BaseDirectory), "tests", "interop", "a2a");
            if (!Directory.Exists(Path.Combine(interop, "node_modules", "@a2a-js", "sdk")))
                Assert.Fail("run: npm ci --prefix tests/interop/a2a");
            return interop;
        }
    }

    public string Output
    {
        get
        {
            lock (_output)
                return _output.ToString();
        }
    }

    public bool HasExited => _process.HasExited;

    public static NodeScript Start(string script, params string[] arguments) => new(script, arguments);

    /// <summary>Waits for the script to exit (failing after <paramref name="timeout"/>) and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"node did not finish within {timeout}:\n{Output}");
        }
        _process.WaitForExit(); // drains the redirected output
        return _process.ExitCode;
    }

    /// <summary>A TCP port free at the time of the call.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        _process.Dispose();
    }

    private static string FindNode()
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, "node");
            if (File.Exists(candidate))
                return candidate;
        }
        Assert.Fail("node is not on PATH; install Node.js 20 or later");
        return "";
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_output)
            _output.AppendLine(line);
    }
}
