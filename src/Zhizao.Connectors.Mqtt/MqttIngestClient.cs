using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using Zhizao.Core.Ingestion;

namespace Zhizao.Connectors.Mqtt;

/// <summary>
/// Client mode: subscribes to an external broker (mosquitto, EMQX, HiveMQ…) and ingests the same topics and payloads as the
/// embedded broker (see <see cref="MqttPayloadParser"/>). Reconnects with exponential back-off while the broker is away.
/// </summary>
/// <remarks>
/// Messages are acknowledged manually, only after <see cref="IPointIngestor.IngestAsync"/> (or the quarantine of a bad payload) has
/// completed, so the external broker keeps a QoS 1/2 message until it is durable in Zhizao. When ingestion fails the connection is
/// dropped without acknowledgement; with the default persistent session the broker re-sends the message after the reconnection
/// (ingestion is idempotent on signal and timestamp).
/// </remarks>
public sealed class MqttIngestClient : BackgroundService
{
    private readonly MqttIngestClientOptions options;
    private readonly MqttMessageIngestion ingestion;
    private readonly MqttMetrics metrics;
    private readonly TimeProvider timeProvider;
    private readonly ILogger logger;
    private readonly string source;
    private TaskCompletionSource? connectionLost;
    private volatile bool faulted;
    private volatile bool connected;

    /// <summary>Creates the client; it connects once started.</summary>
    public MqttIngestClient(IOptions<MqttIngestClientOptions> options, IPointIngestor ingestor, TimeProvider timeProvider, ILogger<MqttIngestClient> logger, IMeterFactory? meterFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options.Value;
        this.options.ThrowIfInvalid();
        this.timeProvider = timeProvider;
        this.logger = logger;
        metrics = new MqttMetrics(meterFactory, "client");
        ingestion = new MqttMessageIngestion(this.options.CreateParser(), ingestor, timeProvider, metrics);
        source = $"mqtt:{this.options.Host}:{this.options.Port}";
    }

    /// <summary>Whether the client is connected and subscribed.</summary>
    public bool IsConnected => connected;

    /// <inheritdoc />
    public override void Dispose()
    {
        base.Dispose();
        metrics.Dispose();
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Enabled)
        {
            MqttLog.ClientDisabled(logger);
            return;
        }
        using var client = new MqttClientFactory().CreateMqttClient(new MqttNetLoggerBridge(logger));
        client.ApplicationMessageReceivedAsync += args => OnMessageAsync(client, args, stoppingToken);
        client.DisconnectedAsync += args =>
        {
            connected = false;
            // Failed connection attempts raise this event too; only a lost connection ends the wait below.
            if (args.ClientWasConnected)
                Volatile.Read(ref connectionLost)?.TrySetResult();
            return Task.CompletedTask;
        };

        var clientOptions = BuildClientOptions();
        var subscription = new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(options.TopicFilter, (MqttQualityOfServiceLevel)options.QualityOfService)
            .Build();
        var delay = options.ReconnectMinDelay;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var lost = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                Volatile.Write(ref connectionLost, lost);
                faulted = false;
                var result = await client.ConnectAsync(clientOptions, stoppingToken).ConfigureAwait(false);
                await client.SubscribeAsync(subscription, stoppingToken).ConfigureAwait(false);
                connected = true;
                delay = options.ReconnectMinDelay;
                MqttLog.ClientConnected(logger, options.Host, options.Port, options.ClientId, options.TopicFilter, result.IsSessionPresent);
                await lost.Task.WaitAsync(stoppingToken).ConfigureAwait(false);
                MqttLog.ClientDisconnected(logger, null, options.Host, options.Port);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                MqttLog.ClientConnectFailed(logger, options.Host, options.Port, ex.Message, delay);
            }

            try
            {
                await Task.Delay(delay, timeProvider, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, options.ReconnectMaxDelay.Ticks));
        }

        connected = false;
        if (client.IsConnected)
        {
            // Unacknowledged messages stay with the broker's session for the next start.
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5), timeProvider);
            try
            {
                await client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), timeout.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or MQTTnet.Exceptions.MqttCommunicationException)
            {
                // The process is stopping; the broker notices the closed socket.
            }
        }
        MqttLog.ClientStopped(logger);
    }

    private MQTTnet.MqttClientOptions BuildClientOptions()
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(options.Host, options.Port)
            .WithClientId(options.ClientId)
            // 3.1.1: the session survives a disconnection (MQTT 5 would need a session expiry interval).
            .WithProtocolVersion(MqttProtocolVersion.V311)
            .WithCleanSession(options.CleanSession)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(15))
            .WithTimeout(TimeSpan.FromSeconds(10));
        if (!string.IsNullOrEmpty(options.Username))
            builder.WithCredentials(options.Username, options.Password);
        if (options.UseTls)
            builder.WithTlsOptions(tls => tls.UseTls());
        return builder.Build();
    }

    private async Task OnMessageAsync(IMqttClient client, MqttApplicationMessageReceivedEventArgs args, CancellationToken stoppingToken)
    {
        args.AutoAcknowledge = false;
        if (faulted)
            return; // the connection is being dropped: leave everything unacknowledged for re-delivery
        var message = args.ApplicationMessage;
        try
        {
            await ingestion.IngestAsync(message.Topic, message.Payload, source, stoppingToken).ConfigureAwait(false);
            await args.AcknowledgeAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            if (stoppingToken.IsCancellationRequested)
                return;
            MqttLog.ClientIngestFailed(logger, ex, message.Topic);
            faulted = true;
            // MQTT re-sends unacknowledged messages only on a new connection. Disconnecting from inside the message handler
            // would wait for this very handler, so it runs on its own; the reconnection loop takes over.
            _ = Task.Run(() => client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), CancellationToken.None), CancellationToken.None);
        }
    }
}
