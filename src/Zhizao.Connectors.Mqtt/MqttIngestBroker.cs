using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet.Protocol;
using MQTTnet.Server;
using Zhizao.Core.Ingestion;

namespace Zhizao.Connectors.Mqtt;

/// <summary>
/// The embedded MQTT broker devices publish to (MQTT 3.1.1 and 5, QoS 0/1/2). Messages on topics under the prefix are parsed
/// (see <see cref="MqttPayloadParser"/> for topics and payloads) and handed to <see cref="IPointIngestor"/>; other topics are
/// routed as in any broker, and ingest topics too reach whoever subscribed to them.
/// </summary>
/// <remarks>
/// <para>Acknowledgement: MQTTnet awaits the publish interceptor before it queues the PUBACK (QoS 1) or PUBREC (QoS 2), and the
/// interceptor awaits the ingestor, so a device gets its acknowledgement only once its points (or the rejection of its payload) are
/// durable. When ingestion fails the connection is closed without acknowledgement; the device re-sends and ingestion is idempotent.</para>
/// <para>Throughput: MQTTnet handles one connection's messages one after the other, so one connection publishing single values is
/// bound by the ingest latency; batch payloads (arrays, machine topics) or several connections give the throughput.</para>
/// <para>Rejected payloads are acknowledged (their rejection is stored); MQTT 5 clients get reason code 0x99 (payload format invalid)
/// and the error text as reason string.</para>
/// </remarks>
public sealed class MqttIngestBroker : IHostedService, IAsyncDisposable
{
    private const string SourceKey = "zhizao.source";

    private readonly MqttBrokerOptions options;
    private readonly MqttMessageIngestion ingestion;
    private readonly MqttMetrics metrics;
    private readonly ILogger logger;
    private readonly byte[]? userName;
    private readonly byte[]? password;
    private MqttServer? server;

    /// <summary>Creates the broker; it listens once started.</summary>
    public MqttIngestBroker(IOptions<MqttBrokerOptions> options, IPointIngestor ingestor, TimeProvider timeProvider, ILogger<MqttIngestBroker> logger, IMeterFactory? meterFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options.Value;
        this.options.ThrowIfInvalid();
        this.logger = logger;
        metrics = new MqttMetrics(meterFactory, "broker");
        ingestion = new MqttMessageIngestion(this.options.CreateParser(), ingestor, timeProvider, metrics);
        userName = this.options.Username is { } u ? Encoding.UTF8.GetBytes(u) : null;
        password = this.options.Password is { } p ? Encoding.UTF8.GetBytes(p) : null;
    }

    /// <summary>Whether the broker is listening.</summary>
    public bool IsRunning => server?.IsStarted == true;

    /// <summary>Starts listening (nothing happens when the broker is disabled). Fails when the port is taken.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Enabled)
        {
            MqttLog.BrokerDisabled(logger);
            return;
        }
        if (server is not null)
            throw new InvalidOperationException("The MQTT ingest broker is already started.");

        var address = IPAddress.Parse(options.Host);
        var builder = new MqttServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointPort(options.Port)
            .WithMaxPendingMessagesPerClient(options.MaxPendingMessagesPerClient);
        // MQTTnet listens on IPv4 and IPv6 "any" unless told otherwise: bind exactly the configured address.
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
            builder.WithDefaultEndpointBoundIPAddress(IPAddress.None).WithDefaultEndpointBoundIPV6Address(address);
        else
            builder.WithDefaultEndpointBoundIPAddress(address).WithDefaultEndpointBoundIPV6Address(IPAddress.None);

        var created = new MqttServerFactory().CreateMqttServer(builder.Build(), new MqttNetLoggerBridge(logger));
        created.ValidatingConnectionAsync += ValidateConnectionAsync;
        created.InterceptingPublishAsync += InterceptPublishAsync;
        try
        {
            await created.StartAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            created.Dispose();
            throw;
        }
        server = created;
        MqttLog.BrokerStarted(logger, options.Host, options.Port, options.TopicPrefix);
    }

    /// <summary>Disconnects every client and stops listening.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var running = Interlocked.Exchange(ref server, null);
        if (running is null)
            return;
        try
        {
            await running.StopAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            running.Dispose();
            MqttLog.BrokerStopped(logger);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        metrics.Dispose();
    }

    private async Task ValidateConnectionAsync(ValidatingConnectionEventArgs args)
    {
        bool accepted;
        try
        {
            accepted = await IsAuthorizedAsync(args.UserName, args.Password, args.CancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            MqttLog.AuthenticationFailed(logger, ex, args.ClientId);
            args.ReasonCode = MqttConnectReasonCode.ServerUnavailable;
            return;
        }
        if (!accepted)
        {
            MqttLog.ConnectionRefused(logger, args.ClientId, args.RemoteEndPoint?.ToString());
            args.ReasonCode = MqttConnectReasonCode.BadUserNameOrPassword;
            return;
        }
        // One source string per connection rather than one per message. The id is never empty: MQTTnet refuses an empty
        // client id before this handler runs (mosquitto_pub sends one unless given -i NAME).
        args.SessionItems[SourceKey] = "mqtt:" + args.ClientId;
    }

    private ValueTask<bool> IsAuthorizedAsync(string? user, string? secret, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(user))
            return ValueTask.FromResult(options.AllowAnonymous);
        if (options.Authenticate is { } authenticate)
            return authenticate(user, secret ?? "", cancellationToken);
        return ValueTask.FromResult(userName is not null && password is not null
            && FixedTimeEquals(userName, user) & FixedTimeEquals(password, secret ?? ""));
    }

    private static bool FixedTimeEquals(byte[] expected, string actual)
    {
        var bytes = Encoding.UTF8.GetBytes(actual);
        return CryptographicOperations.FixedTimeEquals(expected, bytes);
    }

    private async Task InterceptPublishAsync(InterceptingPublishEventArgs args)
    {
        var message = args.ApplicationMessage;
        var source = args.SessionItems[SourceKey] as string ?? "mqtt:" + args.ClientId;
        try
        {
            var result = await ingestion.IngestAsync(message.Topic, message.Payload, source, args.CancellationToken).ConfigureAwait(false);
            if (result.Status == MqttParseStatus.Rejected)
            {
                // MQTT 5 publishers learn why; 3.1.1 has no reason codes and just gets the PUBACK.
                args.Response.ReasonCode = MqttPubAckReasonCode.PayloadFormatInvalid;
                args.Response.ReasonString = result.Error;
            }
        }
        catch (Exception ex)
        {
            if (!args.CancellationToken.IsCancellationRequested)
                MqttLog.BrokerIngestFailed(logger, ex, args.ClientId, message.Topic);
            // Closing before the acknowledgement is sent makes the device re-send the message.
            args.CloseConnection = true;
            args.ProcessPublish = false;
        }
    }
}
