using System.Net;
using System.Net.Sockets;
using System.Text;
using Zhizao.Connectors.Mqtt.Tests.Infrastructure;
using Zhizao.Core.Points;

namespace Zhizao.Connectors.Mqtt.Tests;

/// <summary>The embedded broker with Debian's mosquitto_pub as the device.</summary>
public sealed class MqttIngestBrokerTests : IAsyncLifetime
{
    private readonly RecordingIngestor ingestor = new();
    private TestBroker broker = null!;

    public async Task InitializeAsync() => broker = await TestBroker.StartAsync(ingestor);

    public async Task DisposeAsync() => await broker.DisposeAsync();

    [Fact]
    public async Task Mosquitto_pub_value_is_durable_when_the_publisher_gets_its_acknowledgement()
    {
        var result = await Mosquitto.PublishAsync(Mosquitto.Args(broker.Port, "zhizao/plant1/line1/press1/temperature", "21.5"));

        Assert.Equal(0, result.ExitCode);
        // mosquitto_pub -q 1 exits after the PUBACK, and the PUBACK follows ingestion: no waiting needed.
        var call = Assert.Single(ingestor.Calls);
        Assert.Equal("mqtt:test-pub", call.Source);
        var point = Assert.Single(call.Points);
        Assert.Equal("plant1/line1/press1/temperature", point.Signal);
        Assert.Equal(RawValue.Of(21.5), point.Value);
    }

    [Fact]
    public async Task Mosquitto_pub_lines_are_all_ingested_in_order()
    {
        var lines = new StringBuilder();
        for (var i = 0; i < 500; i++)
            lines.Append("{\"ts\": ").Append(1_772_352_000_000L + i).Append(", \"values\": {\"speed\": ").Append(i).Append(", \"running\": true}}\n");

        var result = await Mosquitto.PublishAsync(Mosquitto.Args(broker.Port, "zhizao/plant1/line1/press1", null), lines.ToString());

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(500, ingestor.Calls.Count);
        var speeds = ingestor.Points.Where(p => p.Signal == "plant1/line1/press1/speed").Select(p => p.Value.Number).ToArray();
        Assert.Equal(Enumerable.Range(0, 500).Select(i => (double)i), speeds);
        Assert.Equal(1000, ingestor.Points.Count);
    }

    [Fact]
    public async Task Mosquitto_pub_without_client_id_is_refused_so_devices_must_name_themselves()
    {
        var args = Mosquitto.Args(broker.Port, "zhizao/s/l/m/x", "3").ToList();
        args.RemoveRange(args.IndexOf("-i"), 2);

        var result = await Mosquitto.PublishAsync(args);

        // MQTTnet 5.2 refuses an empty client id before any validation hook could assign one.
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("identifier rejected", result.Output, StringComparison.Ordinal);
        Assert.Empty(ingestor.Calls);
    }

    [Fact]
    public async Task Wrong_password_is_refused()
    {
        var result = await Mosquitto.PublishAsync(Mosquitto.Args(broker.Port, "zhizao/s/l/m/x", "1", password: "wrong"));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Empty(ingestor.Calls);
    }

    [Fact]
    public async Task Anonymous_client_is_refused_by_default()
    {
        var result = await Mosquitto.PublishAsync(Mosquitto.Args(broker.Port, "zhizao/s/l/m/x", "1", user: null, password: null));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Empty(ingestor.Calls);
    }

    [Fact]
    public async Task Malformed_payload_is_quarantined_acknowledged_and_the_broker_keeps_serving()
    {
        var bad = await Mosquitto.PublishAsync(Mosquitto.Args(broker.Port, "zhizao/s/l/m/temperature", "21,5"));
        var good = await Mosquitto.PublishAsync(Mosquitto.Args(broker.Port, "zhizao/s/l/m/temperature", "22"));

        Assert.Equal(0, bad.ExitCode);
        Assert.Equal(0, good.ExitCode);
        var rejection = Assert.Single(ingestor.Rejections);
        Assert.Equal(RejectReason.Malformed, rejection.Reason);
        Assert.Equal("mqtt:test-pub", rejection.Source);
        Assert.Equal("s/l/m/temperature", rejection.Signal);
        Assert.Equal("21,5", rejection.Value);
        Assert.StartsWith("Invalid JSON", rejection.Message, StringComparison.Ordinal);
        Assert.Equal(22, Assert.Single(ingestor.Points).Value.Number);
    }

    [Fact]
    public async Task Message_with_a_bad_topic_is_quarantined_with_the_topic()
    {
        var result = await Mosquitto.PublishAsync(Mosquitto.Args(broker.Port, "zhizao/s/l", "1"));

        Assert.Equal(0, result.ExitCode);
        var rejection = Assert.Single(ingestor.Rejections);
        Assert.Equal("zhizao/s/l", rejection.Signal);
        Assert.Contains("has 2 segment(s)", rejection.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Foreign_topics_are_routed_but_not_ingested_and_ingest_topics_reach_subscribers()
    {
        using var subscriber = await broker.ConnectClientAsync("subscriber");
        var received = new List<string>();
        subscriber.ApplicationMessageReceivedAsync += args =>
        {
            lock (received)
                received.Add(args.ApplicationMessage.Topic);
            return Task.CompletedTask;
        };
        await subscriber.SubscribeAsync(new MQTTnet.MqttClientSubscribeOptionsBuilder().WithTopicFilter("#").Build());

        Assert.Equal(0, (await Mosquitto.PublishAsync(Mosquitto.Args(broker.Port, "other/topic", "hello"))).ExitCode);
        Assert.Equal(0, (await Mosquitto.PublishAsync(Mosquitto.Args(broker.Port, "zhizao/s/l/m/x", "1"))).ExitCode);

        await Wait.UntilAsync(() => { lock (received) return received.Count == 2; }, "both messages at the subscriber");
        Assert.Equal(["other/topic", "zhizao/s/l/m/x"], received);
        Assert.Equal("s/l/m/x", Assert.Single(ingestor.Points).Signal);
        Assert.Empty(ingestor.Rejections);
    }

    [Fact]
    public async Task Broker_listens_only_on_the_configured_address()
    {
        Assert.True(Network.Accepts(broker.Port));
        using var ipv6 = new TcpClient(AddressFamily.InterNetworkV6);
        await Assert.ThrowsAsync<SocketException>(() => ipv6.ConnectAsync(IPAddress.IPv6Loopback, broker.Port));
    }

    [Fact]
    public async Task Starting_on_a_taken_port_fails()
    {
        var options = new MqttBrokerOptions { Port = broker.Port, AllowAnonymous = true };
        await using var second = new MqttIngestBroker(
            Microsoft.Extensions.Options.Options.Create(options), ingestor, TimeProvider.System,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<MqttIngestBroker>.Instance);

        await Assert.ThrowsAnyAsync<Exception>(() => second.StartAsync(CancellationToken.None));
        Assert.False(second.IsRunning);
    }
}
