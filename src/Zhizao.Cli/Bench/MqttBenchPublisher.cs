using System.Diagnostics;
using System.Text.Json;
using MQTTnet;
using MQTTnet.Protocol;

namespace Zhizao.Cli.Bench;

/// <summary>Options of the publisher process (<c>zhizao bench mqtt-publish</c>).</summary>
internal sealed record MqttPublisherOptions(string Host, int Port, string Key, MqttBenchPayloads Payloads, int Qos, int Connections, int InFlight);

/// <summary>What the publisher reports on stdout when it is done.</summary>
internal sealed record MqttPublisherResult(int Messages, long Points, double PublishSeconds, int Failed);

/// <summary>
/// The external device of the <c>mqtt</c> suite, run as its own process: it connects <see cref="MqttPublisherOptions.Connections"/>
/// MQTT clients, encodes every message up front, prints <c>ready</c>, waits for a line on stdin, then publishes with up to
/// <see cref="MqttPublisherOptions.InFlight"/> unacknowledged messages per connection (QoS 1 pipelining), prints a
/// <see cref="MqttPublisherResult"/> as JSON and disconnects after one more line on stdin.
/// </summary>
internal static class MqttBenchPublisher
{
    /// <summary>The line the publisher prints once connected and ready to start.</summary>
    public const string ReadyLine = "ready";

    public static async Task<int> RunAsync(MqttPublisherOptions options, CancellationToken cancellationToken)
    {
        var payloads = options.Payloads;
        var messages = Enumerable.Range(0, payloads.Messages).Select(i =>
        {
            var (topic, payload) = payloads.Message(i);
            return new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload)
                .WithQualityOfServiceLevel((MqttQualityOfServiceLevel)options.Qos).Build();
        }).ToArray();

        var factory = new MqttClientFactory();
        var clients = new List<IMqttClient>();
        try
        {
            for (var c = 0; c < options.Connections; c++)
            {
                var client = factory.CreateMqttClient();
                clients.Add(client);
                await client.ConnectAsync(new MqttClientOptionsBuilder()
                    .WithTcpServer(options.Host, options.Port)
                    .WithClientId($"zhizao-bench-{Environment.ProcessId}-{c}")
                    .WithCredentials("bench", options.Key)
                    .WithTimeout(TimeSpan.FromMinutes(2))
                    // The broker answers a ping only after the publishes queued before it are durable; a QoS 0 backlog would
                    // delay the answer past the keep-alive and drop the connection mid-run.
                    .WithKeepAlivePeriod(TimeSpan.Zero)
                    .WithCleanSession()
                    .Build(), cancellationToken);
            }
            await Console.Out.WriteLineAsync(ReadyLine);
            await Console.Out.FlushAsync(cancellationToken);
            if (await Console.In.ReadLineAsync(cancellationToken) is null)
                return ExitCodes.Failure;

            var started = Stopwatch.GetTimestamp();
            var failed = (await Task.WhenAll(clients.Select((client, c) => PublishShareAsync(client, messages, c, options.Connections, options.InFlight, cancellationToken)))).Sum();
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            await Console.Out.WriteLineAsync(JsonSerializer.Serialize(new MqttPublisherResult(messages.Length, payloads.TotalPoints, seconds, failed), CliOutput.Json).ReplaceLineEndings(""));
            await Console.Out.FlushAsync(cancellationToken);
            // Stay connected until the benchmark has seen every point: QoS 0 messages still unread by the broker would be lost
            // if the connection closed under them.
            await Console.In.ReadLineAsync(cancellationToken);
            foreach (var client in clients)
                await client.DisconnectAsync(cancellationToken: cancellationToken);
            return failed == 0 ? ExitCodes.Ok : ExitCodes.Failure;
        }
        finally
        {
            foreach (var client in clients)
                client.Dispose();
        }
    }

    /// <summary>Publishes messages <paramref name="share"/>, share + connections, … on one client; returns how many were not acknowledged as successful.</summary>
    private static async Task<int> PublishShareAsync(IMqttClient client, MqttApplicationMessage[] messages, int share, int connections, int inFlight, CancellationToken cancellationToken)
    {
        var failed = 0;
        var window = new Queue<Task<MqttClientPublishResult>>(inFlight);
        for (var i = share; i < messages.Length; i += connections)
        {
            if (window.Count >= inFlight)
                failed += Failed(await window.Dequeue());
            window.Enqueue(client.PublishAsync(messages[i], cancellationToken));
        }
        while (window.Count > 0)
            failed += Failed(await window.Dequeue());
        return failed;
    }

    private static int Failed(MqttClientPublishResult result) => result.IsSuccess ? 0 : 1;
}
