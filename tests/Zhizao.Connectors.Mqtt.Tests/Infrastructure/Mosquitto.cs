using System.Diagnostics;

namespace Zhizao.Connectors.Mqtt.Tests.Infrastructure;

/// <summary>Debian's mosquitto tools: <c>mosquitto_pub</c> as an external publisher and <c>mosquitto</c> as an external broker.</summary>
internal static class Mosquitto
{
    public sealed record Result(int ExitCode, string Output);

    /// <summary>Runs mosquitto_pub with <paramref name="arguments"/>; <paramref name="stdin"/> feeds <c>-l</c> (one message per line).</summary>
    public static async Task<Result> PublishAsync(IEnumerable<string> arguments, string? stdin = null)
    {
        var start = new ProcessStartInfo("mosquitto_pub")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        if (stdin is not null)
            await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await output + await error);
    }

    /// <summary>Arguments for one QoS 1 message to 127.0.0.1:<paramref name="port"/>.</summary>
    public static string[] Args(int port, string topic, string? message, string? user = "device", string? password = "secret", string clientId = "test-pub")
    {
        var args = new List<string> { "-h", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-i", clientId, "-q", "1", "-t", topic };
        if (user is not null)
            args.AddRange(["-u", user]);
        if (password is not null)
            args.AddRange(["-P", password]);
        if (message is null)
            args.Add("-l");
        else
            args.AddRange(["-m", message]);
        return [.. args];
    }

    /// <summary>Starts a mosquitto broker on 127.0.0.1:<paramref name="port"/> (anonymous, no persistence) and waits until it listens.</summary>
    public static async Task<Process> StartBrokerAsync(int port, string directory)
    {
        var config = Path.Combine(directory, "mosquitto.conf");
        await File.WriteAllTextAsync(config, $"listener {port} 127.0.0.1\nallow_anonymous true\npersistence false\n");
        var start = new ProcessStartInfo("mosquitto") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(config);
        var process = Process.Start(start)!;
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        await Wait.UntilAsync(() => process.HasExited || Network.Accepts(port), "mosquitto to listen");
        if (process.HasExited)
            throw new InvalidOperationException($"mosquitto exited with code {process.ExitCode}.");
        return process;
    }

    /// <summary>Stops a broker started by <see cref="StartBrokerAsync"/>.</summary>
    public static void Stop(Process broker)
    {
        if (!broker.HasExited)
        {
            broker.Kill();
            broker.WaitForExit();
        }
        broker.Dispose();
    }
}
