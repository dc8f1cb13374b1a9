using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Zhizao.Cli.Tests.Infrastructure;

namespace Zhizao.Cli.Tests;

/// <summary>
/// The acknowledgement contract under the harshest stop: every point a client saw acknowledged (HTTP 2xx, MQTT PUBACK) before
/// <c>kill -9</c> of <c>zhizao up</c> is in the store after a restart on the same data directory.
/// </summary>
public sealed class DurabilityTests : IDisposable
{
    private const int PointsPerBatch = 50;
    private const int SamplesPerMessage = 10;

    private readonly TempDirectory _data = new();
    private readonly CliPlant _plant = CliPlant.Create("durable");
    private readonly DateTimeOffset _base = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.AddMinutes(-50).ToUnixTimeMilliseconds());
    private readonly ConcurrentDictionary<DateTimeOffset, double> _ackedTemp = new();
    private readonly ConcurrentDictionary<DateTimeOffset, double> _ackedPressure = new();
    private int _httpAcks;
    private int _mqttAcks;
    private volatile bool _killing;
    private readonly ConcurrentQueue<string> _senderFailures = new();

    /// <summary>Failures a sender retries before the kill (a busy CI machine can time out one publish); after the kill it stops.</summary>
    private const int RetriesBeforeKill = 10;

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task Every_point_acknowledged_before_kill_9_is_stored_after_a_restart()
    {
        string adminKey;
        await using (var first = await UpProcess.StartAsync(_data.Path))
        {
            adminKey = first.AdminKey ?? throw new InvalidOperationException($"no admin key printed{Environment.NewLine}{first.Output}");
            using var admin = first.Client(adminKey);
            using (var import = await admin.PostAsync("api/v1/plants", new StringContent(_plant.Yaml, Encoding.UTF8, "application/yaml")))
                Assert.True(import.IsSuccessStatusCode, await import.Content.ReadAsStringAsync());
            string deviceKey;
            using (var created = await admin.PostAsJsonAsync("api/v1/keys", new { name = "durability device", role = "device" }))
                deviceKey = JsonNode.Parse(await created.Content.ReadAsStringAsync())!["key"]!.GetValue<string>();

            // Both senders run on while the process is killed: only what was acknowledged by then is recorded.
            var http = SendHttpBatchesAsync(first, adminKey);
            var mqtt = PublishMqttMessagesAsync(first.MqttPort, deviceKey);
            var clock = Stopwatch.StartNew();
            while (Volatile.Read(ref _httpAcks) < 50 || Volatile.Read(ref _mqttAcks) < 20)
            {
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"only {_httpAcks} HTTP and {_mqttAcks} MQTT acknowledgements after 60 s{Environment.NewLine}{first.Output}");
                Assert.False(http.IsCompleted && mqtt.IsCompleted,
                    $"the senders stopped early: {string.Join("; ", _senderFailures)}{Environment.NewLine}{first.Output}");
                await Task.Delay(10);
            }

            _killing = true;
            var status = await first.KillAsync();

            Assert.Equal(128 + 9, status); // killed by SIGKILL: no shutdown code ran
            await Task.WhenAll(http, mqtt).WaitAsync(TimeSpan.FromSeconds(60));
        }

        await using var second = await UpProcess.StartAsync(_data.Path);
        Assert.Null(second.AdminKey); // the keys survived: no new admin key
        using var client = second.Client(adminKey);
        var temp = await ReadAllAsync(client, _plant.Temp);
        var pressure = await ReadAllAsync(client, _plant.Pressure);

        Assert.True(_ackedTemp.Count >= 50 * PointsPerBatch, $"{_ackedTemp.Count} HTTP points acknowledged");
        Assert.True(_ackedPressure.Count >= 20 * SamplesPerMessage, $"{_ackedPressure.Count} MQTT points acknowledged");
        AssertContainsAll(_ackedTemp, temp, "HTTP");
        AssertContainsAll(_ackedPressure, pressure, "MQTT");
        // Nothing else appears: at most the batches in flight at the kill, each whole or absent.
        Assert.InRange(temp.Count - _ackedTemp.Count, 0, PointsPerBatch);
        Assert.Equal(0, (temp.Count - _ackedTemp.Count) % PointsPerBatch);
        Assert.InRange(pressure.Count - _ackedPressure.Count, 0, SamplesPerMessage);
        Assert.Equal(0, await second.StopAsync());
    }

    private async Task SendHttpBatchesAsync(UpProcess server, string key)
    {
        using var client = server.Client(key);
        var failures = 0;
        for (var batch = 0; batch < 2_000; batch++)
        {
            var points = Enumerable.Range(batch * PointsPerBatch, PointsPerBatch).Select(n => (Ts: _base.AddMilliseconds(n * 10), Value: n * 0.5)).ToList();
            var body = string.Join('\n', points.Select(p => JsonSerializer.Serialize(new { signal = _plant.Temp, ts = p.Ts.ToUnixTimeMilliseconds(), value = p.Value })));
            string? failure;
            try
            {
                using var response = await client.PostAsync("api/v1/ingest", new StringContent(body, Encoding.UTF8, "application/x-ndjson"));
                failure = response.IsSuccessStatusCode ? null : $"HTTP batch {batch}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
            }
            catch (HttpRequestException e)
            {
                failure = $"HTTP batch {batch}: {e.Message}"; // the server is gone, or busy
            }
            if (failure is not null)
            {
                // Unacknowledged: retried (same points) while the server should be up, given up once it is being killed.
                if (_killing || ++failures > RetriesBeforeKill)
                {
                    _senderFailures.Enqueue(failure);
                    return;
                }
                batch--;
                continue;
            }
            foreach (var (ts, value) in points)
                _ackedTemp[ts] = value;
            Interlocked.Increment(ref _httpAcks);
        }
    }

    private async Task PublishMqttMessagesAsync(int port, string key)
    {
        var failures = 0;
        for (var message = 0; message < 1_000; message++)
        {
            var samples = Enumerable.Range(message * SamplesPerMessage, SamplesPerMessage).Select(n => (Ts: _base.AddMilliseconds(n * 10), Value: 1000 + n)).ToList();
            var payload = new JsonArray([.. samples.Select(s => (JsonNode)new JsonObject
            {
                ["ts"] = s.Ts.ToUnixTimeMilliseconds(),
                ["values"] = new JsonObject { ["pressure"] = s.Value },
            })]).ToJsonString();
            var start = new ProcessStartInfo("mosquitto_pub") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[] { "-h", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture), "-i", "durability-device", "-u", "device", "-P", key,
                         "-q", "1", "-t", $"zhizao/{_plant.MachinePath}", "-m", payload })
                start.ArgumentList.Add(argument);
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            await Task.WhenAll(output, error);
            // With -q 1, mosquitto_pub exits 0 only after the broker's PUBACK.
            if (process.ExitCode != 0)
            {
                var failure = $"MQTT message {message}: mosquitto_pub exited {process.ExitCode}: {error.Result.Trim()}";
                if (_killing || ++failures > RetriesBeforeKill)
                {
                    _senderFailures.Enqueue(failure);
                    return;
                }
                message--;
                continue;
            }
            foreach (var (ts, value) in samples)
                _ackedPressure[ts] = value;
            Interlocked.Increment(ref _mqttAcks);
        }
    }

    private async Task<Dictionary<DateTimeOffset, double>> ReadAllAsync(HttpClient client, string signal)
    {
        var from = Uri.EscapeDataString(_base.AddMinutes(-1).ToString("O", CultureInfo.InvariantCulture));
        var to = Uri.EscapeDataString(_base.AddMinutes(30).ToString("O", CultureInfo.InvariantCulture));
        var body = JsonNode.Parse(await client.GetStringAsync($"api/v1/points/raw?signal={Uri.EscapeDataString(signal)}&from={from}&to={to}&limit=100000"))!;
        Assert.Null(body["nextAfter"]);
        return body["points"]!.AsArray().ToDictionary(p => p!["ts"]!.GetValue<DateTimeOffset>(), p => p!["value"]!.GetValue<double>());
    }

    private static void AssertContainsAll(ConcurrentDictionary<DateTimeOffset, double> acknowledged, Dictionary<DateTimeOffset, double> stored, string path)
    {
        var missing = acknowledged.Where(a => !stored.TryGetValue(a.Key, out var value) || value != a.Value).Select(a => a.Key).Order().ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} of {acknowledged.Count} acknowledged {path} points are missing or changed after the restart, first at {missing.FirstOrDefault():O}");
    }
}
