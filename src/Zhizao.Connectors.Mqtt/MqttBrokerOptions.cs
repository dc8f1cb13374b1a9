using System.Net;

namespace Zhizao.Connectors.Mqtt;

/// <summary>Checks the user name and password a device sends in its MQTT CONNECT (for example against API keys).</summary>
public delegate ValueTask<bool> MqttCredentialValidator(string userName, string password, CancellationToken cancellationToken);

/// <summary>Options of the embedded ingest broker (<see cref="MqttIngestBroker"/>).</summary>
/// <remarks>
/// Anonymous clients are refused unless <see cref="AllowAnonymous"/> is set; with it, clients that send a user name are
/// still checked. When <see cref="Authenticate"/> is set it decides alone; otherwise <see cref="Username"/> and
/// <see cref="Password"/> are compared in constant time. An enabled broker needs one of the three.
/// </remarks>
public sealed class MqttBrokerOptions : MqttIngestOptions
{
    /// <summary>Whether the embedded broker runs. Default true.</summary>
    public override bool Enabled { get; set; } = true;

    /// <summary>IP address to listen on. Default 127.0.0.1 (this machine only); "0.0.0.0" for every IPv4 interface, "::" for every IPv6 one.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>TCP port. Default 1883.</summary>
    public int Port { get; set; } = 1883;

    /// <summary>The one user name accepted when <see cref="Authenticate"/> is not set.</summary>
    public string? Username { get; set; }

    /// <summary>The password of <see cref="Username"/>.</summary>
    public string? Password { get; set; }

    /// <summary>Accept clients that send no user name. Default false.</summary>
    public bool AllowAnonymous { get; set; }

    /// <summary>Decides on every connection's credentials (e.g. API keys); takes precedence over <see cref="Username"/>/<see cref="Password"/>.</summary>
    public MqttCredentialValidator? Authenticate { get; set; }

    /// <summary>
    /// Messages queued for one subscriber before the oldest are dropped. MQTTnet's default (1,000) loses data for a
    /// dashboard subscribed to <c>zhizao/#</c> during a burst; the default here is 100,000.
    /// </summary>
    public int MaxPendingMessagesPerClient { get; set; } = 100_000;

    /// <inheritdoc />
    protected override void ValidateMore(List<string> errors)
    {
        if (!IPAddress.TryParse(Host, out _))
            errors.Add($"Host '{Host}' must be an IP address to listen on (127.0.0.1, 0.0.0.0, ::1, ::).");
        if (Port is < 1 or > 65535)
            errors.Add($"Port {Port} must be between 1 and 65535.");
        if (Authenticate is null && !AllowAnonymous && (string.IsNullOrEmpty(Username) || string.IsNullOrEmpty(Password)))
            errors.Add("The broker would refuse every client: set Username and Password, an Authenticate callback, or AllowAnonymous.");
        if (Username is not null && string.IsNullOrEmpty(Password) && Authenticate is null)
            errors.Add("Username is set without Password.");
        if (MaxPendingMessagesPerClient < 1000)
            errors.Add($"MaxPendingMessagesPerClient {MaxPendingMessagesPerClient} must be at least 1000.");
    }
}
