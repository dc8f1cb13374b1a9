using System.Diagnostics;

namespace Zhizao.Cli.Tests.Infrastructure;

/// <summary>The outcome of one zhizao command.</summary>
public sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}{Environment.NewLine}stdout: {Stdout}{Environment.NewLine}stderr: {Stderr}";
}

/// <summary>Runs the built <c>zhizao</c> executable (copied next to the test assembly by the project reference) as a separate process.</summary>
public static class ZhizaoCli
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>A start description for <c>zhizao ARGS</c> with redirected streams and none of the caller's ZHIZAO_* settings.</summary>
    public static ProcessStartInfo StartInfo(IEnumerable<string> arguments)
    {
        var apphost = Path.Combine(AppContext.BaseDirectory, "zhizao");
        var start = File.Exists(apphost) ? new ProcessStartInfo(apphost) : new ProcessStartInfo("dotnet") { ArgumentList = { Path.Combine(AppContext.BaseDirectory, "zhizao.dll") } };
        start.UseShellExecute = false;
        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.WorkingDirectory = Path.GetTempPath();
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("ZHIZAO_", StringComparison.Ordinal)).ToList())
            start.Environment.Remove(name);
        return start;
    }

    /// <summary>Runs <c>zhizao ARGS</c> to completion.</summary>
    public static async Task<CliResult> RunAsync(params string[] arguments)
    {
        using var process = Process.Start(StartInfo(arguments))!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"zhizao {string.Join(' ', arguments)} did not finish within {Timeout.TotalSeconds} s");
        }
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }
}
