using System.Buffers;
using System.Text.Json;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Protocol;
using Zhizao.Connectors.Mqtt;
using Zhizao.Server.Security;
using Zhizao.Simulation;

namespace Zhizao.Server.Hosting;

/// <summary>
/// Publishes the simulated demo plant through the real MQTT path: an MQTT client with its own device key sends
/// one batched JSON message per machine and second to the embedded broker, QoS 1.
/// </summary>
public sealed partial class DemoPublisher(
    PlatformState state, ApiKeyService keys, IOptions<MqttBrokerOptions> broker, IOptions<ZhizaoOptions> options, DemoScenario scenario,
    TimeProvider time, ILogger<DemoPublisher> logger) : BackgroundService
{
    /// <summary>Largest number of samples in one MQTT message during backfill.</summary>
    private const int MaxSamplesPerMessage = 5_000;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await state.Started.WaitAsync(stoppingToken);
        var (key, record) = await keys.CreateAsync("demo publisher", "device", stoppingToken);
        try
        {
            using var client = new MqttClientFactory().CreateMqttClient();
            var host = broker.Value.Host is "0.0.0.0" or "::" ? "127.0.0.1" : broker.Value.Host;
            await client.ConnectAsync(new MqttClientOptionsBuilder()
                .WithTcpServer(host, broker.Value.Port).WithClientId("zhizao-demo-publisher").WithCredentials("demo", key).Build(), stoppingToken);

            var start = time.GetUtcNow() - options.Value.DemoBackfill;
            var simulator = new PlantSimulator(new SimulationOptions(), start);
            scenario.Set(simulator);
            LogStarted(logger, simulator.Signals.Count, start);
            var samples = new List<SimulatedSample>();
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), time);
            do
            {
                samples.Clear();
                simulator.StepInto(time.GetUtcNow(), samples);
                foreach (var (topic, payload) in DemoPayloads.ByMachine(samples, broker.Value.TopicPrefix, MaxSamplesPerMessage))
                {
                    await client.PublishAsync(new MqttApplicationMessageBuilder()
                        .WithTopic(topic).WithPayload(payload).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build(), stoppingToken);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            LogFailed(logger, e);
        }
        finally
        {
            await keys.RevokeAsync(record.Id, CancellationToken.None);
        }
    }

    [LoggerMessage(EventId = 4201, Level = LogLevel.Information, Message = "Demo plant publishing {Signals} signals over MQTT from {Start:O}")]
    private static partial void LogStarted(ILogger logger, int signals, DateTimeOffset start);

    [LoggerMessage(EventId = 4202, Level = LogLevel.Error, Message = "Demo publisher stopped")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}

/// <summary>Encodes simulated samples as per-machine batched MQTT payloads: <c>[{"ts":…,"values":{"signal":v,…}},…]</c>.</summary>
public static class DemoPayloads
{
    /// <summary>One or more (topic, payload) pairs per machine, each with at most <paramref name="maxSamples"/> samples.</summary>
    public static IEnumerable<(string Topic, byte[] Payload)> ByMachine(IReadOnlyList<SimulatedSample> samples, string prefix, int maxSamples)
    {
        foreach (var machine in samples.GroupBy(s => s.Path.MachinePath))
        {
            var topic = $"{prefix}/{machine.Key}";
            foreach (var chunk in machine.Chunk(maxSamples))
            {
                var buffer = new ArrayBufferWriter<byte>();
                using (var json = new Utf8JsonWriter(buffer))
                {
                    json.WriteStartArray();
                    foreach (var instant in chunk.GroupBy(s => s.Timestamp))
                    {
                        json.WriteStartObject();
                        json.WriteNumber("ts", instant.Key.ToUnixTimeMilliseconds());
                        json.WriteStartObject("values");
                        foreach (var sample in instant)
                            json.WriteNumber(sample.Path.Signal, sample.Value);
                        json.WriteEndObject();
                        json.WriteEndObject();
                    }
                    json.WriteEndArray();
                }
                yield return (topic, buffer.WrittenSpan.ToArray());
            }
        }
    }
}
