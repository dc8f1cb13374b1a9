using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Formatter;

namespace Zhizao.Connectors.Mqtt.Tests.Infrastructure;

/// <summary>A real <see cref="MqttIngestBroker"/> on a free port, feeding a <see cref="RecordingIngestor"/>.</summary>
internal sealed class TestBroker : IAsyncDisposable
{
    public const string User = "device";
    public const string Secret = "secret";

    private TestBroker(MqttIngestBroker broker, int port)
    {
        Broker = broker;
        Port = port;
    }

    public MqttIngestBroker Broker { get; }

    public int Port { get; }

    public static async Task<TestBroker> StartAsync(RecordingIngestor ingestor, Action<MqttBrokerOptions>? configure = null, IMeterFactory? meterFactory = null)
    {
        var port = Network.FreePort();
        var options = new MqttBrokerOptions { Port = port, Username = User, Password = Secret };
        configure?.Invoke(options);
        var broker = new MqttIngestBroker(Options.Create(options), ingestor, TimeProvider.System, NullLogger<MqttIngestBroker>.Instance, meterFactory);
        await broker.StartAsync(CancellationToken.None);
        return new TestBroker(broker, port);
    }

    /// <summary>A connected MQTTnet client (the other publisher besides mosquitto_pub).</summary>
    public async Task<IMqttClient> ConnectClientAsync(string clientId, MqttProtocolVersion version = MqttProtocolVersion.V311)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", Port)
            .WithClientId(clientId)
            .WithCredentials(User, Secret)
            .WithProtocolVersion(version)
            .WithTimeout(TimeSpan.FromSeconds(30))
            .Build();
        await client.ConnectAsync(options, CancellationToken.None);
        return client;
    }

    public ValueTask DisposeAsync() => Broker.DisposeAsync();
}
