using System.Diagnostics;
using System.Globalization;

namespace Zhizao.Server.Tests.Infrastructure;

/// <summary>Debian's <c>mosquitto_pub</c> as an external device: with QoS 1 it exits 0 only after the broker's PUBACK.</summary>
internal static class MosquittoPub
{
    public sealed record Result(int ExitCode, string Output);

    /// <summary>Publishes one message to the server's broker with an API key as password, over MQTT 3.1.1 (or 5 with <paramref name="mqtt5"/>).</summary>
    public static async Task<Result> PublishAsync(int port, string clientId, string key, string topic, string message, int qos = 1, bool mqtt5 = false)
    {
        var start = new ProcessStartInfo("mosquitto_pub")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-h", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture), "-i", clientId, "-u", clientId, "-P", key,
                     "-q", qos.ToString(CultureInfo.InvariantCulture), "-t", topic, "-m", message })
            start.ArgumentList.Add(argument);
        if (mqtt5)
        {
            start.ArgumentList.Add("-V");
            start.ArgumentList.Add("mqttv5");
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start mosquitto_pub (apt-get install mosquitto-clients)");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await output + await error);
    }
}
