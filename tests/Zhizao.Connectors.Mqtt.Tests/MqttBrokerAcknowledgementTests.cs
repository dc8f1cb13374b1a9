using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using Zhizao.Connectors.Mqtt.Tests.Infrastructure;
using Zhizao.Core.Points;

namespace Zhizao.Connectors.Mqtt.Tests;

/// <summary>The embedded broker's acknowledgements, credentials, limits and metrics, with MQTTnet's client as the device.</summary>
public sealed class MqttBrokerAcknowledgementTests
{
    private static MqttApplicationMessage Message(string topic, string payload, MqttQualityOfServiceLevel qos = MqttQualityOfServiceLevel.AtLeastOnce) =>
        new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).WithQualityOfServiceLevel(qos).Build();

    [Theory]
    [InlineData(MqttQualityOfServiceLevel.AtLeastOnce, MqttProtocolVersion.V311)]
    [InlineData(MqttQualityOfServiceLevel.ExactlyOnce, MqttProtocolVersion.V311)]
    [InlineData(MqttQualityOfServiceLevel.AtLeastOnce, MqttProtocolVersion.V500)]
    public async Task Acknowledgement_is_sent_only_after_ingestion_completes(MqttQualityOfServiceLevel qos, MqttProtocolVersion version)
    {
        var ingestor = new RecordingIngestor();
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var durable = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        ingestor.OnIngest = async (_, cancellationToken) =>
        {
            entered.TrySetResult();
            await durable.Task.WaitAsync(cancellationToken);
        };
        await using var broker = await TestBroker.StartAsync(ingestor);
        using var client = await broker.ConnectClientAsync("device-1", version);

        var publish = client.PublishAsync(Message("zhizao/s/l/m/x", "1", qos));
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(10));

        // The ingestor holds the points: whatever the wait, the publisher must not have its PUBACK/PUBREC.
        var first = await Task.WhenAny(publish, Task.Delay(TimeSpan.FromMilliseconds(500)));
        Assert.NotSame(publish, first);
        Assert.Empty(ingestor.Calls);

        durable.SetResult();
        var result = await publish.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(result.IsSuccess);
        Assert.Single(ingestor.Calls);
    }

    [Fact]
    public async Task Failed_ingestion_closes_the_connection_without_acknowledgement_and_a_resend_succeeds()
    {
        var ingestor = new RecordingIngestor { OnIngest = (_, _) => throw new InvalidOperationException("storage is down") };
        await using var broker = await TestBroker.StartAsync(ingestor);
        using var client = await broker.ConnectClientAsync("device-2");

        await Assert.ThrowsAnyAsync<Exception>(() => client.PublishAsync(Message("zhizao/s/l/m/x", "1")).WaitAsync(TimeSpan.FromSeconds(10)));
        await Wait.UntilAsync(() => !client.IsConnected, "the broker to close the connection");
        Assert.Empty(ingestor.Calls);

        ingestor.OnIngest = null;
        using var again = await broker.ConnectClientAsync("device-2");
        var result = await again.PublishAsync(Message("zhizao/s/l/m/x", "1"));
        Assert.True(result.IsSuccess);
        Assert.Single(ingestor.Points);
    }

    [Fact]
    public async Task Mqtt5_publisher_learns_why_its_payload_was_rejected()
    {
        var ingestor = new RecordingIngestor();
        await using var broker = await TestBroker.StartAsync(ingestor);
        using var client = await broker.ConnectClientAsync("device-3", MqttProtocolVersion.V500);

        var result = await client.PublishAsync(Message("zhizao/s/l/m", "21.5"));

        Assert.Equal(MqttClientPublishReasonCode.PayloadFormatInvalid, result.ReasonCode);
        Assert.Contains("A machine topic expects", result.ReasonString, StringComparison.Ordinal);
        Assert.Equal(RejectReason.Malformed, Assert.Single(ingestor.Rejections).Reason);
    }

    [Fact]
    public async Task Payload_over_the_configured_limit_is_rejected_as_oversize()
    {
        var ingestor = new RecordingIngestor();
        await using var broker = await TestBroker.StartAsync(ingestor, o => o.MaxPayloadBytes = 1024);

        var result = await Mosquitto.PublishAsync(Mosquitto.Args(broker.Port, "zhizao/s/l/m", "[" + string.Join(',', Enumerable.Repeat("{\"values\":{\"a\":1}}", 100)) + "]"));

        Assert.Equal(0, result.ExitCode);
        var rejection = Assert.Single(ingestor.Rejections);
        Assert.Equal(RejectReason.Oversize, rejection.Reason);
        Assert.EndsWith("…", rejection.Value, StringComparison.Ordinal);
        Assert.Empty(ingestor.Points);
    }

    [Fact]
    public async Task Credential_callback_decides_who_may_connect()
    {
        var ingestor = new RecordingIngestor();
        await using var broker = await TestBroker.StartAsync(ingestor, o =>
        {
            o.Username = o.Password = null;
            o.Authenticate = (user, password, _) => ValueTask.FromResult(password == "zk_live_" + user);
        });

        var accepted = await Mosquitto.PublishAsync(Mosquitto.Args(broker.Port, "zhizao/s/l/m/x", "1", user: "gateway7", password: "zk_live_gateway7"));
        var refused = await Mosquitto.PublishAsync(Mosquitto.Args(broker.Port, "zhizao/s/l/m/x", "2", user: "gateway7", password: "zk_live_other"));

        Assert.Equal(0, accepted.ExitCode);
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Equal(1, Assert.Single(ingestor.Points).Value.Number);
    }

    [Fact]
    public async Task Anonymous_clients_are_accepted_only_when_allowed()
    {
        var ingestor = new RecordingIngestor();
        await using var broker = await TestBroker.StartAsync(ingestor, o => o.AllowAnonymous = true);

        var anonymous = await Mosquitto.PublishAsync(Mosquitto.Args(broker.Port, "zhizao/s/l/m/x", "1", user: null, password: null));
        var wrong = await Mosquitto.PublishAsync(Mosquitto.Args(broker.Port, "zhizao/s/l/m/x", "2", password: "wrong"));

        Assert.Equal(0, anonymous.ExitCode);
        Assert.NotEqual(0, wrong.ExitCode);
        Assert.Single(ingestor.Points);
    }

    [Fact]
    public async Task Messages_points_and_rejections_are_counted()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meterFactory = services.GetRequiredService<IMeterFactory>();
        var totals = new Dictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "Zhizao.Mqtt" && ReferenceEquals(instrument.Meter.Scope, meterFactory))
                l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            lock (totals)
                totals[instrument.Name] = totals.GetValueOrDefault(instrument.Name) + value;
        });
        listener.Start();
        var ingestor = new RecordingIngestor();
        await using var broker = await TestBroker.StartAsync(ingestor, meterFactory: meterFactory);

        await Mosquitto.PublishAsync(Mosquitto.Args(broker.Port, "zhizao/s/l/m", """{"values": {"a": 1, "b": 2}}"""));
        await Mosquitto.PublishAsync(Mosquitto.Args(broker.Port, "zhizao/s/l/m", "oops"));
        await Mosquitto.PublishAsync(Mosquitto.Args(broker.Port, "elsewhere/x", "1"));

        lock (totals)
        {
            Assert.Equal(2, totals["zhizao.mqtt.messages"]);
            Assert.Equal(2, totals["zhizao.mqtt.points"]);
            Assert.Equal(1, totals["zhizao.mqtt.rejected_messages"]);
        }
    }
}
