using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Zhizao.Core.Points;

namespace Zhizao.Connectors.Mqtt;

/// <summary>
/// Turns MQTT messages into <see cref="IncomingPoint"/>s. Pure and thread-safe: the embedded broker and the client mode share it.
/// </summary>
/// <remarks>
/// <para>Topics (prefix configurable, default <c>zhizao</c>; every segment an identifier: letters, digits, '-' and '_'):</para>
/// <list type="bullet">
/// <item><c>zhizao/{site}/{line}/{machine}/{signal}</c>: one signal. The payload is a bare number (<c>21.5</c>), <c>true</c>/<c>false</c>,
/// a JSON object <c>{"ts": T, "value": V, "unit": "°C"}</c> (<c>ts</c> and <c>unit</c> optional), or a JSON array of such objects (a batch).</item>
/// <item><c>zhizao/{site}/{line}/{machine}</c>: several signals of one machine. The payload is <c>{"ts": T, "values": {"signal_a": 1.2, "signal_b": true}}</c>
/// or a JSON array of such objects; each key <c>k</c> addresses the signal <c>{site}/{line}/{machine}/{k}</c>.</item>
/// </list>
/// <para><c>T</c> is an RFC 3339 string with offset (<c>2026-03-01T08:00:00Z</c>, <c>2026-03-01T16:00:00.250+08:00</c>) or a number of
/// milliseconds since the Unix epoch (UTC; fractions allowed). A missing or null <c>ts</c> means the time the message was received.</para>
/// <para>A value <c>V</c> is a number, a boolean, a string or null. Strings are passed on as text (the validator rejects them as
/// <see cref="RejectReason.WrongType"/> for numeric signals) and null as <see cref="RawValue.Missing"/>; numbers too large for a double
/// become ±∞ (rejected as <see cref="RejectReason.NotFinite"/>). Unknown object properties are ignored.</para>
/// <para>A payload larger than the limit is rejected as <see cref="RejectReason.Oversize"/>; anything else that does not fit the formats
/// (invalid JSON, wrong shapes, bad timestamps, bad topics) as <see cref="RejectReason.Malformed"/>, whole: a message is never half ingested.</para>
/// </remarks>
public sealed class MqttPayloadParser
{
    /// <summary>The default topic prefix.</summary>
    public const string DefaultTopicPrefix = "zhizao";

    /// <summary>The default payload size limit: 1 MiB.</summary>
    public const int DefaultMaxPayloadBytes = 1024 * 1024;

    // Keys longer than any valid identifier are not worth caching (they will be rejected as unknown signals).
    private const int MaxCachedKeyLength = 128;

    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 16, CommentHandling = JsonCommentHandling.Disallow };

    /// <summary>Creates a parser for topics under <paramref name="topicPrefix"/> and payloads of at most <paramref name="maxPayloadBytes"/>.</summary>
    public MqttPayloadParser(string topicPrefix = DefaultTopicPrefix, int maxPayloadBytes = DefaultMaxPayloadBytes)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(topicPrefix);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxPayloadBytes);
        if (topicPrefix.AsSpan().IndexOfAny('#', '+') >= 0 || topicPrefix.EndsWith('/'))
            throw new ArgumentException($"Topic prefix '{topicPrefix}' must not contain wildcards or end with '/'.", nameof(topicPrefix));
        TopicPrefix = topicPrefix;
        MaxPayloadBytes = maxPayloadBytes;
    }

    /// <summary>The first topic level(s) of ingest topics, without the trailing '/'.</summary>
    public string TopicPrefix { get; }

    /// <summary>Payloads above this size are rejected as <see cref="RejectReason.Oversize"/>.</summary>
    public int MaxPayloadBytes { get; }

    /// <summary>
    /// Parses one message and appends its points to <paramref name="points"/>. Points without a timestamp get <paramref name="receivedAt"/>.
    /// On rejection nothing is appended. Never throws on bad input.
    /// </summary>
    public MqttParseResult Parse(string topic, ReadOnlySequence<byte> payload, DateTimeOffset receivedAt, List<IncomingPoint> points)
    {
        ArgumentNullException.ThrowIfNull(topic);
        ArgumentNullException.ThrowIfNull(points);

        var parsedTopic = MqttTopic.Parse(topic, TopicPrefix);
        switch (parsedTopic.Kind)
        {
            case MqttTopicKind.Foreign:
                return MqttParseResult.Foreign;
            case MqttTopicKind.Invalid:
                return MqttParseResult.Rejected(RejectReason.Malformed, parsedTopic.Error!, topic);
        }

        var path = parsedTopic.Path!;
        if (payload.Length > MaxPayloadBytes)
        {
            return MqttParseResult.Rejected(RejectReason.Oversize,
                string.Create(CultureInfo.InvariantCulture, $"Payload of {payload.Length} bytes exceeds the limit of {MaxPayloadBytes} bytes."), path);
        }

        var start = points.Count;
        var state = new State(TopicPrefix, path, receivedAt, points);
        try
        {
            payload = SkipBom(payload);
            if (IsBlank(payload))
                throw new MqttPayloadFormatException("The payload is empty.");
            var reader = new Utf8JsonReader(payload, ReaderOptions);
            reader.Read();
            if (parsedTopic.Kind == MqttTopicKind.Signal)
                ReadSignalPayload(ref reader, ref state);
            else
                ReadMachinePayload(ref reader, ref state);
            // Anything after the top-level value other than whitespace makes the reader throw.
            reader.Read();
        }
        catch (Exception ex) when (ex is MqttPayloadFormatException or JsonException)
        {
            points.RemoveRange(start, points.Count - start);
            var where = state.Item >= 0 ? string.Create(CultureInfo.InvariantCulture, $"Batch item {state.Item}: ") : "";
            var what = ex is JsonException ? "Invalid JSON: " : "";
            return MqttParseResult.Rejected(RejectReason.Malformed, where + what + ex.Message, path);
        }
        return MqttParseResult.Parsed(points.Count - start);
    }

    private static void ReadSignalPayload(ref Utf8JsonReader reader, ref State state)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartArray:
                state.Item = 0;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (reader.TokenType != JsonTokenType.StartObject)
                        throw new MqttPayloadFormatException($"Expected an object {{\"ts\": T, \"value\": V}}, found {MqttJsonValues.Describe(reader.TokenType)}.");
                    ReadSignalObject(ref reader, ref state);
                    state.Item++;
                }
                state.Item = -1;
                break;
            case JsonTokenType.StartObject:
                ReadSignalObject(ref reader, ref state);
                break;
            default:
                state.Points.Add(new IncomingPoint(state.Path, state.ReceivedAt, MqttJsonValues.ReadValue(ref reader, "The payload")));
                break;
        }
    }

    private static void ReadSignalObject(ref Utf8JsonReader reader, ref State state)
    {
        DateTimeOffset? timestamp = null;
        RawValue? value = null;
        string? unit = null;
        var sawValues = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("value"u8))
            {
                MqttJsonValues.ReadNext(ref reader);
                value = MqttJsonValues.ReadValue(ref reader, "\"value\"");
            }
            else if (reader.ValueTextEquals("ts"u8))
            {
                MqttJsonValues.ReadNext(ref reader);
                timestamp = MqttJsonValues.ReadTimestamp(ref reader);
            }
            else if (reader.ValueTextEquals("unit"u8))
            {
                MqttJsonValues.ReadNext(ref reader);
                unit = MqttJsonValues.ReadUnit(ref reader, ref state.LastUnit);
            }
            else
            {
                sawValues |= reader.ValueTextEquals("values"u8);
                MqttJsonValues.ReadNext(ref reader);
                reader.Skip();
            }
        }
        if (value is null)
        {
            throw new MqttPayloadFormatException(sawValues
                ? $"The object has \"values\", which belongs on a machine topic ({state.Prefix}/{{site}}/{{line}}/{{machine}}); a signal topic expects {{\"ts\": T, \"value\": V}}."
                : "The object has no \"value\"; expected {\"ts\": T, \"value\": V, \"unit\": U} with ts and unit optional.");
        }
        state.Points.Add(new IncomingPoint(state.Path, timestamp ?? state.ReceivedAt, value.Value, unit));
    }

    private static void ReadMachinePayload(ref Utf8JsonReader reader, ref State state)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartArray:
                state.Item = 0;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (reader.TokenType != JsonTokenType.StartObject)
                        throw new MqttPayloadFormatException($"Expected an object {{\"ts\": T, \"values\": {{...}}}}, found {MqttJsonValues.Describe(reader.TokenType)}.");
                    ReadMachineObject(ref reader, ref state);
                    state.Item++;
                }
                state.Item = -1;
                break;
            case JsonTokenType.StartObject:
                ReadMachineObject(ref reader, ref state);
                break;
            default:
                throw new MqttPayloadFormatException(
                    $"A machine topic expects {{\"ts\": T, \"values\": {{\"signal\": V, ...}}}} or an array of them, not {MqttJsonValues.Describe(reader.TokenType)}; " +
                    $"publish single values to {state.Prefix}/{{site}}/{{line}}/{{machine}}/{{signal}}.");
        }
    }

    private static void ReadMachineObject(ref Utf8JsonReader reader, ref State state)
    {
        var first = state.Points.Count;
        DateTimeOffset? timestamp = null;
        var sawValues = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("values"u8))
            {
                MqttJsonValues.ReadNext(ref reader);
                if (reader.TokenType != JsonTokenType.StartObject)
                    throw new MqttPayloadFormatException($"\"values\" must be an object {{\"signal\": V, ...}}, not {MqttJsonValues.Describe(reader.TokenType)}.");
                sawValues = true;
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var signal = state.SignalPath(ref reader);
                    MqttJsonValues.ReadNext(ref reader);
                    // "ts" may come after "values": points get the receipt time now and the message time below.
                    state.Points.Add(new IncomingPoint(signal, state.ReceivedAt, MqttJsonValues.ReadValue(ref reader, "A value in \"values\"")));
                }
            }
            else if (reader.ValueTextEquals("ts"u8))
            {
                MqttJsonValues.ReadNext(ref reader);
                timestamp = MqttJsonValues.ReadTimestamp(ref reader);
            }
            else
            {
                MqttJsonValues.ReadNext(ref reader);
                reader.Skip();
            }
        }
        if (!sawValues)
            throw new MqttPayloadFormatException("The object has no \"values\"; expected {\"ts\": T, \"values\": {\"signal\": V, ...}} with ts optional.");
        if (timestamp is { } time)
        {
            foreach (ref var point in CollectionsMarshal.AsSpan(state.Points)[first..])
                point = point with { Timestamp = time };
        }
    }

    private static bool IsBlank(ReadOnlySequence<byte> payload)
    {
        foreach (var segment in payload)
        {
            if (segment.Span.IndexOfAnyExcept(" \t\r\n"u8) >= 0)
                return false;
        }
        return true;
    }

    private static ReadOnlySequence<byte> SkipBom(ReadOnlySequence<byte> payload)
    {
        var head = payload.FirstSpan;
        return head.Length >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF ? payload.Slice(3) : payload;
    }

    /// <summary>Per-message parse state: where points go, and the strings reused across the message.</summary>
    private struct State(string prefix, string path, DateTimeOffset receivedAt, List<IncomingPoint> points)
    {
        public readonly string Prefix = prefix;
        public readonly string Path = path;
        public readonly DateTimeOffset ReceivedAt = receivedAt;
        public readonly List<IncomingPoint> Points = points;
        public string? LastUnit;
        public int Item = -1;
        private Dictionary<string, string>? signalPaths;

        /// <summary>The signal path "{machine path}/{key}" for the property name under the reader; one string per distinct key per message.</summary>
        public string SignalPath(ref Utf8JsonReader reader)
        {
            var rawLength = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
            if (rawLength > MaxCachedKeyLength)
                return string.Concat(Path, "/", reader.GetString());
            // UTF-8 never takes fewer bytes than UTF-16 code units, escaped or not, so the key fits.
            Span<char> key = stackalloc char[MaxCachedKeyLength];
            key = key[..reader.CopyString(key)];
            signalPaths ??= new Dictionary<string, string>(StringComparer.Ordinal);
            var lookup = signalPaths.GetAlternateLookup<ReadOnlySpan<char>>();
            if (lookup.TryGetValue(key, out var signal))
                return signal;
            signal = string.Concat(Path, "/", key);
            lookup[key] = signal;
            return signal;
        }
    }
}
