using Zhizao.Core.Assets;

namespace Zhizao.Connectors.Mqtt;

/// <summary>What a topic under the ingest prefix addresses.</summary>
public enum MqttTopicKind
{
    /// <summary>The topic is not under the prefix: not a Zhizao ingest topic, left to normal MQTT routing.</summary>
    Foreign,
    /// <summary><c>{prefix}/{site}/{line}/{machine}/{signal}</c>: one signal.</summary>
    Signal,
    /// <summary><c>{prefix}/{site}/{line}/{machine}</c>: several signals of one machine, keyed by signal name.</summary>
    Machine,
    /// <summary>Under the prefix but not a valid ingest topic (wrong segment count or an invalid identifier).</summary>
    Invalid,
}

/// <summary>
/// A parsed ingest topic. <see cref="Path"/> is the signal path ("site/line/machine/signal") for
/// <see cref="MqttTopicKind.Signal"/>, the machine path ("site/line/machine") for <see cref="MqttTopicKind.Machine"/>,
/// and <see cref="Error"/> explains an <see cref="MqttTopicKind.Invalid"/> topic.
/// </summary>
public readonly record struct MqttTopic(MqttTopicKind Kind, string? Path, string? Error)
{
    /// <summary>
    /// Classifies <paramref name="topic"/> against <paramref name="prefix"/>. Every segment after the prefix must be
    /// an <see cref="Identifier"/>; only the path is allocated (one string per message).
    /// </summary>
    public static MqttTopic Parse(string topic, string prefix)
    {
        ArgumentNullException.ThrowIfNull(topic);
        ArgumentNullException.ThrowIfNull(prefix);
        if (topic.Length <= prefix.Length || topic[prefix.Length] != '/' || !topic.StartsWith(prefix, StringComparison.Ordinal))
            return new MqttTopic(MqttTopicKind.Foreign, null, null);

        var rest = topic.AsSpan(prefix.Length + 1);
        var count = rest.Count('/') + 1;
        if (count is < 3 or > 4)
        {
            return Invalid($"Topic '{topic}' has {count} segment(s) after '{prefix}/'; " +
                $"expected {prefix}/{{site}}/{{line}}/{{machine}} or {prefix}/{{site}}/{{line}}/{{machine}}/{{signal}}.");
        }
        Span<Range> parts = stackalloc Range[4];
        rest.Split(parts, '/');
        for (var i = 0; i < count; i++)
        {
            if (!Identifier.IsValid(rest[parts[i]]))
            {
                return Invalid($"Topic '{topic}': segment '{rest[parts[i]]}' is not a valid identifier " +
                    $"(letters, digits, '-' and '_', starting with a letter or digit, at most {Identifier.MaxLength} characters).");
            }
        }
        return new MqttTopic(count == 4 ? MqttTopicKind.Signal : MqttTopicKind.Machine, rest.ToString(), null);
    }

    private static MqttTopic Invalid(string error) => new(MqttTopicKind.Invalid, null, error);
}
