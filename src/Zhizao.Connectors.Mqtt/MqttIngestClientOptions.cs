namespace Zhizao.Connectors.Mqtt;

/// <summary>Options of the client mode (<see cref="MqttIngestClient"/>): Zhizao subscribes to an external broker.</summary>
/// <remarks>
/// The session is persistent by default (MQTT 3.1.1, clean session off, fixed <see cref="ClientId"/>) so that the external broker
/// keeps QoS 1 messages while Zhizao is away and re-sends those it did not acknowledge.
/// </remarks>
public sealed class MqttIngestClientOptions : MqttIngestOptions
{
    /// <summary>Whether the client runs. Default false.</summary>
    public override bool Enabled { get; set; }

    /// <summary>Host name or IP address of the external broker.</summary>
    public string Host { get; set; } = "localhost";

    /// <summary>TCP port. Default 1883 (8883 is usual with TLS).</summary>
    public int Port { get; set; } = 1883;

    /// <summary>Client id; must be stable for the broker to keep the session. Default "zhizao-ingest".</summary>
    public string ClientId { get; set; } = "zhizao-ingest";

    /// <summary>User name, if the broker wants one.</summary>
    public string? Username { get; set; }

    /// <summary>Password of <see cref="Username"/>.</summary>
    public string? Password { get; set; }

    /// <summary>Connect with TLS (the broker certificate is validated against the system's trusted roots). Default false.</summary>
    public bool UseTls { get; set; }

    /// <summary>Subscription topic filter. Default "zhizao/#"; keep it under <see cref="MqttIngestOptions.TopicPrefix"/>.</summary>
    public string TopicFilter { get; set; } = "zhizao/#";

    /// <summary>Subscription QoS: 0, 1 (default) or 2. With 1 or 2 the broker's message is acknowledged only once stored.</summary>
    public int QualityOfService { get; set; } = 1;

    /// <summary>Start a fresh session on every connection (drops messages queued while disconnected). Default false.</summary>
    public bool CleanSession { get; set; }

    /// <summary>First delay before reconnecting; doubles up to <see cref="ReconnectMaxDelay"/>. Default 1 s.</summary>
    public TimeSpan ReconnectMinDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest delay between reconnection attempts. Default 30 s.</summary>
    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <inheritdoc />
    protected override void ValidateMore(List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(Host))
            errors.Add("Host must be set.");
        if (Port is < 1 or > 65535)
            errors.Add($"Port {Port} must be between 1 and 65535.");
        if (string.IsNullOrWhiteSpace(ClientId) || ClientId.Length > 128)
            errors.Add("ClientId must be set (at most 128 characters).");
        if (string.IsNullOrWhiteSpace(TopicFilter))
            errors.Add("TopicFilter must be set.");
        if (QualityOfService is < 0 or > 2)
            errors.Add($"QualityOfService {QualityOfService} must be 0, 1 or 2.");
        if (ReconnectMinDelay <= TimeSpan.Zero || ReconnectMaxDelay < ReconnectMinDelay)
            errors.Add("ReconnectMinDelay must be positive and not above ReconnectMaxDelay.");
    }
}
