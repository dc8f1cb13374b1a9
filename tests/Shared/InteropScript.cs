using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Zhizao.Tests.Shared;

/// <summary>
/// A script of tests/interop/{a2a,mcp} run with the node on PATH: a client run to its end, or a long-running agent killed on dispose.
/// Fails (never skips) when node or the folder's npm packages are missing. Linked into every test project that drives an npm client.
/// </summary>
internal sealed class InteropScript : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private InteropScript(string folder, string script, IEnumerable<string> arguments)
    {
        var directory = Folder(folder);
        var start = new ProcessStartInfo(Node(), [Path.Combine(directory, script), .. arguments])
        {
            WorkingDirectory = directory,
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

    /// <summary>Everything the script wrote (stdout and stderr, interleaved).</summary>
    public string Output
    {
        get
        {
            lock (_output)
                return _output.ToString();
        }
    }

    /// <summary>True once the script ended.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Starts <paramref name="script"/> of tests/interop/<paramref name="folder"/>.</summary>
    public static InteropScript Start(string folder, string script, params string[] arguments) => new(folder, script, arguments);

    /// <summary>Runs a script to its end; returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string folder, string script, TimeSpan timeout, params string[] arguments)
    {
        using var run = Start(folder, script, arguments);
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await run._process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"{script} did not finish within {timeout}:\n{run.Output}");
        }
        run._process.WaitForExit(); // drains the redirected output
        return (run._process.ExitCode, run.Output);
    }

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

    private static string Folder(string name)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Zhizao.slnx")))
            directory = directory.Parent;
        var folder = Path.Combine(directory?.FullName ?? throw new InvalidOperationException("Zhizao.slnx not found above " + AppContext.BaseDirectory), "tests", "interop", name);
        if (!Directory.Exists(Path.Combine(folder, "node_modules")))
            Assert.Fail($"the interop packages are missing: run: npm ci --prefix tests/interop/{name}");
        return folder;
    }

    private static string Node()
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
