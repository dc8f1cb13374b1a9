using Zhizao.Core.Points;

namespace Zhizao.Connectors.Mqtt;

/// <summary>What <see cref="MqttPayloadParser.Parse"/> made of a message.</summary>
public enum MqttParseStatus
{
    /// <summary>The payload was parsed; <see cref="MqttParseResult.Points"/> points were appended (possibly zero, for an empty batch).</summary>
    Parsed,
    /// <summary>The topic is not under the ingest prefix; the message is none of Zhizao's business.</summary>
    Foreign,
    /// <summary>The message is for Zhizao but unusable; no point was appended.</summary>
    Rejected,
}

/// <summary>
/// The outcome of parsing one MQTT message. For <see cref="MqttParseStatus.Rejected"/>, <see cref="Reason"/> is
/// <see cref="RejectReason.Malformed"/> or <see cref="RejectReason.Oversize"/>, <see cref="Error"/> says precisely what
/// is wrong, and <see cref="Signal"/> is the signal or machine path of the topic (or the raw topic when it is invalid).
/// </summary>
public readonly record struct MqttParseResult(MqttParseStatus Status, int Points, RejectReason Reason, string? Error, string? Signal)
{
    internal static MqttParseResult Foreign { get; } = new(MqttParseStatus.Foreign, 0, default, null, null);

    internal static MqttParseResult Parsed(int points) => new(MqttParseStatus.Parsed, points, default, null, null);

    internal static MqttParseResult Rejected(RejectReason reason, string error, string? signal) =>
        new(MqttParseStatus.Rejected, 0, reason, error, signal);
}
