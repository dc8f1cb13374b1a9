namespace Zhizao.Connectors.Mqtt;

/// <summary>What the embedded broker and the client mode share: how topics and payloads are read.</summary>
public abstract class MqttIngestOptions
{
    /// <summary>First topic level(s) of ingest topics, without trailing '/'. Default "zhizao": topics are <c>zhizao/{site}/{line}/{machine}[/{signal}]</c>.</summary>
    public string TopicPrefix { get; set; } = MqttPayloadParser.DefaultTopicPrefix;

    /// <summary>Largest payload accepted, in bytes; larger ones are rejected as Oversize. Default 1 MiB.</summary>
    public int MaxPayloadBytes { get; set; } = MqttPayloadParser.DefaultMaxPayloadBytes;

    /// <summary>Whether this connector runs at all.</summary>
    public abstract bool Enabled { get; set; }

    /// <summary>The problems with these options; empty when they are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(TopicPrefix) || TopicPrefix.AsSpan().IndexOfAny('#', '+') >= 0 || TopicPrefix.EndsWith('/') || TopicPrefix.StartsWith('/'))
            errors.Add($"TopicPrefix '{TopicPrefix}' must be non-empty, without wildcards (#, +) and without leading or trailing '/'.");
        if (MaxPayloadBytes is < 64 or > 256 * 1024 * 1024)
            errors.Add($"MaxPayloadBytes {MaxPayloadBytes} must be between 64 bytes and 256 MiB.");
        if (Enabled)
            ValidateMore(errors);
        return errors;
    }

    /// <summary>Adds the problems specific to the connector (checked only when it is enabled).</summary>
    protected abstract void ValidateMore(List<string> errors);

    /// <summary>Throws <see cref="Microsoft.Extensions.Options.OptionsValidationException"/> when the options are invalid.</summary>
    internal void ThrowIfInvalid()
    {
        var errors = Validate();
        if (errors.Count > 0)
            throw new Microsoft.Extensions.Options.OptionsValidationException(GetType().Name, GetType(), errors);
    }

    internal MqttPayloadParser CreateParser() => new(TopicPrefix, MaxPayloadBytes);
}
