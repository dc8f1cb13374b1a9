using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Zhizao.Connectors.Mqtt.Tests.Infrastructure;
using Zhizao.Core.Points;

namespace Zhizao.Connectors.Mqtt.Tests;

/// <summary>Client mode against a real Debian mosquitto broker, with mosquitto_pub as the device.</summary>
public sealed class MqttIngestClientTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("zhizao-mqtt-").FullName;
    private readonly int port = Network.FreePort();
    private readonly RecordingIngestor ingestor = new();
    private readonly List<MqttIngestClient> clients = [];
    private Process? mosquitto;

    public void Dispose()
    {
        foreach (var client in clients)
        {
            client.StopAsync(CancellationToken.None).GetAwaiter().GetResult();
            client.Dispose();
        }
        if (mosquitto is not null)
            Mosquitto.Stop(mosquitto);
        Directory.Delete(directory, recursive: true);
    }

    private async Task<MqttIngestClient> StartClientAsync()
    {
        var options = new MqttIngestClientOptions
        {
            Enabled = true,
            Host = "127.0.0.1",
            Port = port,
            ClientId = "zhizao-test-" + port,
            ReconnectMinDelay = TimeSpan.FromMilliseconds(50),
            ReconnectMaxDelay = TimeSpan.FromMilliseconds(200),
        };
        var client = new MqttIngestClient(Options.Create(options), ingestor, TimeProvider.System, NullLogger<MqttIngestClient>.Instance);
        clients.Add(client);
        await client.StartAsync(CancellationToken.None);
        return client;
    }

    private async Task PublishAsync(string topic, string payload)
    {
        var result = await Mosquitto.PublishAsync(Mosquitto.Args(port, topic, payload, user: null, password: null));
        Assert.True(result.ExitCode == 0, result.Output);
    }

    [Fact]
    public async Task Client_ingests_what_devices_publish_to_the_external_broker()
    {
        mosquitto = await Mosquitto.StartBrokerAsync(port, directory);
        var client = await StartClientAsync();
        await Wait.UntilAsync(() => client.IsConnected, "the client to subscribe");

        await PublishAsync("zhizao/plant1/line1/press1/temperature", "21.5");
        await PublishAsync("zhizao/plant1/line1/press1", """[{"ts": 1000, "values": {"speed": 3, "running": true}}]""");
        await PublishAsync("zhizao/plant1/line1/press1", "not json");

        await Wait.UntilAsync(() => ingestor.Points.Count == 3 && ingestor.Rejections.Count == 1, "three points and one rejection");
        Assert.All(ingestor.Calls, call => Assert.Equal($"mqtt:127.0.0.1:{port}", call.Source));
        Assert.Equal(["plant1/line1/press1/temperature", "plant1/line1/press1/speed", "plant1/line1/press1/running"], ingestor.Points.Select(p => p.Signal));
        Assert.Equal(RejectReason.Malformed, Assert.Single(ingestor.Rejections).Reason);
    }

    [Fact]
    public async Task Message_whose_ingestion_fails_is_left_unacknowledged_and_redelivered_after_reconnecting()
    {
        mosquitto = await Mosquitto.StartBrokerAsync(port, directory);
        var attempts = 0;
        ingestor.OnIngest = (_, _) => Interlocked.Increment(ref attempts) == 1
            ? throw new InvalidOperationException("storage is down")
            : Task.CompletedTask;
        var client = await StartClientAsync();
        await Wait.UntilAsync(() => client.IsConnected, "the client to subscribe");

        await PublishAsync("zhizao/s/l/m/x", "7");

        await Wait.UntilAsync(() => ingestor.Points.Count == 1, "the redelivered message");
        Assert.Equal(2, Volatile.Read(ref attempts));
        Assert.Equal(7, Assert.Single(ingestor.Points).Value.Number);
    }

    [Fact]
    public async Task Message_still_being_ingested_at_shutdown_is_redelivered_to_the_next_run()
    {
        mosquitto = await Mosquitto.StartBrokerAsync(port, directory);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        ingestor.OnIngest = async (_, cancellationToken) =>
        {
            entered.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
        };
        var first = await StartClientAsync();
        await Wait.UntilAsync(() => first.IsConnected, "the first client to subscribe");

        await PublishAsync("zhizao/s/l/m/x", "8");
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await first.StopAsync(CancellationToken.None);
        Assert.Empty(ingestor.Points);

        ingestor.OnIngest = null;
        var second = await StartClientAsync();
        await Wait.UntilAsync(() => ingestor.Points.Count == 1, "the message in the next run");
        Assert.True(second.IsConnected);
        Assert.Equal(8, Assert.Single(ingestor.Points).Value.Number);
    }

    [Fact]
    public async Task Client_keeps_retrying_until_the_broker_is_up_and_reconnects_after_losing_it()
    {
        var client = await StartClientAsync();
        Assert.False(client.IsConnected);

        mosquitto = await Mosquitto.StartBrokerAsync(port, directory);
        await Wait.UntilAsync(() => client.IsConnected, "the client to connect once the broker is up");
        await PublishAsync("zhizao/s/l/m/x", "1");
        await Wait.UntilAsync(() => ingestor.Points.Count == 1, "the first point");

        Mosquitto.Stop(mosquitto);
        mosquitto = null;
        await Wait.UntilAsync(() => !client.IsConnected, "the client to notice the lost broker");
        mosquitto = await Mosquitto.StartBrokerAsync(port, directory);
        await Wait.UntilAsync(() => client.IsConnected, "the client to reconnect");
        await PublishAsync("zhizao/s/l/m/x", "2");
        await Wait.UntilAsync(() => ingestor.Points.Count == 2, "the second point");
    }

    [Fact]
    public async Task Disabled_client_does_nothing()
    {
        var options = new MqttIngestClientOptions { Port = port };
        using var client = new MqttIngestClient(Options.Create(options), ingestor, TimeProvider.System, NullLogger<MqttIngestClient>.Instance);

        await client.StartAsync(CancellationToken.None);
        await client.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.False(client.IsConnected);
    }
}
