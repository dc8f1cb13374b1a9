using Microsoft.Extensions.Logging;

namespace Zhizao.Connectors.Mqtt;

/// <summary>Log messages of the MQTT connectors. Event ids 3100–3199 are reserved for them and are stable.</summary>
internal static partial class MqttLog
{
    [LoggerMessage(3100, LogLevel.Information, "MQTT ingest broker listening on {Host}:{Port}, topics {Prefix}/#")]
    public static partial void BrokerStarted(ILogger logger, string host, int port, string prefix);

    [LoggerMessage(3101, LogLevel.Information, "MQTT ingest broker stopped")]
    public static partial void BrokerStopped(ILogger logger);

    [LoggerMessage(3102, LogLevel.Information, "MQTT ingest broker is disabled")]
    public static partial void BrokerDisabled(ILogger logger);

    [LoggerMessage(3103, LogLevel.Warning, "MQTT connection of client '{ClientId}' from {Endpoint} refused: bad user name or password")]
    public static partial void ConnectionRefused(ILogger logger, string clientId, string? endpoint);

    [LoggerMessage(3104, LogLevel.Error, "MQTT credential check failed for client '{ClientId}'; connection refused")]
    public static partial void AuthenticationFailed(ILogger logger, Exception exception, string clientId);

    [LoggerMessage(3105, LogLevel.Warning, "Ingesting an MQTT message of client '{ClientId}' on '{Topic}' failed; closing the connection without acknowledgement so that the client re-sends")]
    public static partial void BrokerIngestFailed(ILogger logger, Exception exception, string? clientId, string topic);

    [LoggerMessage(3110, LogLevel.Information, "MQTT ingest client connected to {Host}:{Port} as '{ClientId}', subscribed to '{TopicFilter}' (session present: {SessionPresent})")]
    public static partial void ClientConnected(ILogger logger, string host, int port, string clientId, string topicFilter, bool sessionPresent);

    [LoggerMessage(3111, LogLevel.Warning, "MQTT ingest client cannot connect to {Host}:{Port}: {Reason}; retrying in {Delay}")]
    public static partial void ClientConnectFailed(ILogger logger, string host, int port, string reason, TimeSpan delay);

    [LoggerMessage(3112, LogLevel.Warning, "MQTT ingest client lost the connection to {Host}:{Port}")]
    public static partial void ClientDisconnected(ILogger logger, Exception? exception, string host, int port);

    [LoggerMessage(3113, LogLevel.Warning, "Ingesting an MQTT message on '{Topic}' failed; reconnecting without acknowledgement so that the broker re-sends")]
    public static partial void ClientIngestFailed(ILogger logger, Exception exception, string topic);

    [LoggerMessage(3114, LogLevel.Information, "MQTT ingest client is disabled")]
    public static partial void ClientDisabled(ILogger logger);

    [LoggerMessage(3115, LogLevel.Information, "MQTT ingest client stopped")]
    public static partial void ClientStopped(ILogger logger);

    [LoggerMessage(3120, LogLevel.Warning, "MQTTnet {Source}: {Message}")]
    public static partial void LibraryWarning(ILogger logger, Exception? exception, string source, string message);

    [LoggerMessage(3121, LogLevel.Error, "MQTTnet {Source}: {Message}")]
    public static partial void LibraryError(ILogger logger, Exception? exception, string source, string message);
}
