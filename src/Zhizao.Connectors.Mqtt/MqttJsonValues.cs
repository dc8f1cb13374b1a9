using System.Globalization;
using System.Text.Json;
using Zhizao.Core.Points;

namespace Zhizao.Connectors.Mqtt;

/// <summary>A payload that is valid JSON but not in a shape Zhizao accepts. Caught by <see cref="MqttPayloadParser"/>.</summary>
internal sealed class MqttPayloadFormatException(string message) : Exception(message);

/// <summary>Reads the scalar parts of an ingest payload (values, timestamps, units) from a <see cref="Utf8JsonReader"/>.</summary>
internal static class MqttJsonValues
{
    // Epoch-millisecond bounds of DateTimeOffset (0001-01-01 to 9999-12-31).
    private const long MinEpochMs = -62_135_596_800_000;
    private const long MaxEpochMs = 253_402_300_799_999;

    // Longest timestamp text worth looking at: "2026-03-01T08:00:00.1234567+08:00" is 33 characters.
    private const int MaxTimestampLength = 64;

    /// <summary>Reads the value under the reader: number, true/false, string (kept as text for the validator) or null.</summary>
    public static RawValue ReadValue(ref Utf8JsonReader reader, string what)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                if (reader.TryGetDouble(out var number))
                    return RawValue.Of(number);
                // Only overflow makes a JSON number unreadable as a double: keep it as ±∞ so the validator reports NotFinite.
                return RawValue.Of(FirstByte(ref reader) == (byte)'-' ? double.NegativeInfinity : double.PositiveInfinity);
            case JsonTokenType.True:
                return RawValue.Of(true);
            case JsonTokenType.False:
                return RawValue.Of(false);
            case JsonTokenType.String:
                return RawValue.OfText(reader.GetString()!);
            case JsonTokenType.Null:
                return RawValue.Missing;
            default:
                throw new MqttPayloadFormatException($"{what} must be a number, true/false, a string or null, not {Describe(reader.TokenType)}.");
        }
    }

    /// <summary>
    /// Reads "ts": an RFC 3339 string with an offset, or a number of milliseconds since the Unix epoch (fractions allowed).
    /// Null means "not given" and returns null.
    /// </summary>
    public static DateTimeOffset? ReadTimestamp(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                if (reader.TryGetInt64(out var ms))
                {
                    if (ms is < MinEpochMs or > MaxEpochMs)
                        throw new MqttPayloadFormatException($"\"ts\" {ms} (epoch milliseconds) is outside the range of dates.");
                    return DateTimeOffset.FromUnixTimeMilliseconds(ms);
                }
                if (reader.TryGetDouble(out var fractional) && fractional is >= MinEpochMs and <= MaxEpochMs)
                    return new DateTimeOffset(DateTime.UnixEpoch.Ticks + (long)Math.Round(fractional * TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
                throw new MqttPayloadFormatException("\"ts\" (epoch milliseconds) is outside the range of dates.");
            case JsonTokenType.String:
                return ReadRfc3339(ref reader);
            case JsonTokenType.Null:
                return null;
            default:
                throw new MqttPayloadFormatException($"\"ts\" must be an RFC 3339 string or a number of epoch milliseconds, not {Describe(reader.TokenType)}.");
        }
    }

    /// <summary>Reads "unit": a string or null. Reuses <paramref name="last"/> when the same unit repeats within a message.</summary>
    public static string? ReadUnit(ref Utf8JsonReader reader, ref string? last)
    {
        if (reader.TokenType == JsonTokenType.Null)
            return null;
        if (reader.TokenType != JsonTokenType.String)
            throw new MqttPayloadFormatException($"\"unit\" must be a string, not {Describe(reader.TokenType)}.");
        if (last is not null && reader.ValueTextEquals(last))
            return last;
        return last = reader.GetString();
    }

    /// <summary>Reads the next token (the value of a property) or fails when the payload ends.</summary>
    public static void ReadNext(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
            throw new MqttPayloadFormatException("The payload ends in the middle of a JSON value.");
    }

    /// <summary>How a token type reads in an error message.</summary>
    public static string Describe(JsonTokenType type) => type switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => type.ToString(),
    };

    private static DateTimeOffset ReadRfc3339(ref Utf8JsonReader reader)
    {
        var rawLength = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        if (rawLength > MaxTimestampLength)
            throw new MqttPayloadFormatException($"\"ts\" is not an RFC 3339 time: longer than {MaxTimestampLength} characters.");
        Span<char> text = stackalloc char[MaxTimestampLength];
        text = text[..reader.CopyString(text)];
        // System.Text.Json reads a time without offset as local time; RFC 3339 requires the offset, and so do we.
        if (!HasOffset(text) || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) || text.IndexOfAny('T', 't') != 10)
        {
            throw new MqttPayloadFormatException(
                $"\"ts\" \"{text}\" is not an RFC 3339 time with offset (e.g. 2026-03-01T08:00:00Z or 2026-03-01T16:00:00+08:00) nor epoch milliseconds.");
        }
        return time;
    }

    private static bool HasOffset(ReadOnlySpan<char> text)
    {
        if (text.Length < 20)
            return false;
        if (text[^1] is 'Z' or 'z')
            return true;
        var offset = text[^6..];
        return offset[0] is '+' or '-' && char.IsAsciiDigit(offset[1]) && char.IsAsciiDigit(offset[2]) && offset[3] == ':'
            && char.IsAsciiDigit(offset[4]) && char.IsAsciiDigit(offset[5]);
    }

    private static byte FirstByte(ref Utf8JsonReader reader) =>
        reader.HasValueSequence ? reader.ValueSequence.FirstSpan[0] : reader.ValueSpan[0];
}
