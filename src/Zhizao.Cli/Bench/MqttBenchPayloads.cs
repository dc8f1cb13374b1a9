using System.Buffers;
using System.Text.Json;

namespace Zhizao.Cli.Bench;

/// <summary>
/// The messages of one MQTT run, computed identically by the benchmark (to know what to expect) and by the publisher process.
/// One point per message goes to a signal topic as <c>{"ts":T,"value":V}</c>; more go to the machine topic as
/// <c>[{"ts":T,"values":{"s0":V,…}},…]</c> with every signal of the machine at each of <c>points / signals per machine</c> seconds.
/// Every (signal, second) occurs once, so nothing is a duplicate and the stored count must equal the points sent.
/// </summary>
internal sealed record MqttBenchPayloads(BenchPlant Plant, int Messages, int PointsPerMessage, long StartMilliseconds, string TopicPrefix = "zhizao")
{
    /// <summary>Points in all messages.</summary>
    public long TotalPoints => (long)Messages * PointsPerMessage;

    /// <summary>Null when the shape fits the plant, else why not.</summary>
    public string? Problem() =>
        Messages < 1 ? "--messages must be positive"
        : PointsPerMessage < 1 ? "--points-per-message must be positive"
        : PointsPerMessage > 1 && Plant.Signals % Plant.SignalsPerMachine != 0 ? "--signals must be a multiple of --signals-per-machine for machine payloads"
        : PointsPerMessage > 1 && PointsPerMessage % Plant.SignalsPerMachine != 0 ? $"--points-per-message must be 1 or a multiple of the {Plant.SignalsPerMachine} signals per machine"
        : null;

    /// <summary>The topic and payload of message <paramref name="index"/>.</summary>
    public (string Topic, byte[] Payload) Message(int index)
    {
        var buffer = new ArrayBufferWriter<byte>(PointsPerMessage * 24);
        using var json = new Utf8JsonWriter(buffer);
        string topic;
        if (PointsPerMessage == 1)
        {
            var signal = index % Plant.Signals;
            var second = index / Plant.Signals;
            topic = $"{TopicPrefix}/{Plant.SignalPath(signal)}";
            json.WriteStartObject();
            json.WriteNumber("ts", StartMilliseconds + (second * 1000L));
            json.WriteNumber("value", Connectors.Files.WideCsvGenerator.Value(second, signal));
            json.WriteEndObject();
        }
        else
        {
            var machine = index % Plant.Machines;
            var rows = PointsPerMessage / Plant.SignalsPerMachine;
            var firstSecond = index / Plant.Machines * rows;
            topic = $"{TopicPrefix}/{BenchPlant.MachinePath(machine)}";
            json.WriteStartArray();
            for (var r = 0; r < rows; r++)
            {
                var second = firstSecond + r;
                json.WriteStartObject();
                json.WriteNumber("ts", StartMilliseconds + (second * 1000L));
                json.WriteStartObject("values");
                for (var j = 0; j < Plant.SignalsPerMachine; j++)
                    json.WriteNumber(BenchPlant.SignalId(j), Connectors.Files.WideCsvGenerator.Value(second, (machine * Plant.SignalsPerMachine) + j));
                json.WriteEndObject();
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        json.Flush();
        return (topic, buffer.WrittenSpan.ToArray());
    }
}
