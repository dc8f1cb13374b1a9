using System.Globalization;
using Microsoft.Extensions.Logging;
using MQTTnet.Diagnostics.Logger;

namespace Zhizao.Connectors.Mqtt;

/// <summary>Forwards MQTTnet's own warnings and errors to <see cref="ILogger"/> (its verbose and info chatter is dropped).</summary>
internal sealed class MqttNetLoggerBridge(ILogger logger) : IMqttNetLogger
{
    public bool IsEnabled => logger.IsEnabled(LogLevel.Warning);

    public void Publish(MqttNetLogLevel logLevel, string source, string message, object[] parameters, Exception exception)
    {
        if (logLevel < MqttNetLogLevel.Warning || !IsEnabled)
            return;
        var text = parameters is { Length: > 0 } ? string.Format(CultureInfo.InvariantCulture, message, parameters) : message;
        if (logLevel == MqttNetLogLevel.Warning)
            MqttLog.LibraryWarning(logger, exception, source, text);
        else
            MqttLog.LibraryError(logger, exception, source, text);
    }
}
