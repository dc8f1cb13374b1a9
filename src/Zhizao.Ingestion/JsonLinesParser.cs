using System.Globalization;
using System.Text;
using System.Text.Json;
using Zhizao.Core.Points;

namespace Zhizao.Ingestion;

/// <summary>
/// Parses HTTP batch ingest bodies: JSON lines, one object per line,
/// <c>{"signal":"site/line/machine/signal","ts":"2026-11-25T08:00:00Z","value":21.5,"unit":"°C"}</c>
/// (<c>ts</c> may be RFC 3339 or epoch milliseconds and defaults to the time of receipt; <c>unit</c> is optional).
/// A bad line is reported with its number and does not stop the others.
/// </summary>
public static class JsonLinesParser
{
    /// <summary>Parses every line of <paramref name="body"/>; malformed lines are returned as errors.</summary>
    public static (List<IncomingPoint> Points, List<(int Line, string Error, string Text)> Errors) Parse(ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        var points = new List<IncomingPoint>();
        var errors = new List<(int, string, string)>();
        var lineNumber = 0;
        while (!body.IsEmpty)
        {
            lineNumber++;
            var end = body.IndexOf((byte)'\n');
            var line = end < 0 ? body : body[..end];
            body = end < 0 ? [] : body[(end + 1)..];
            line = line.TrimEnd((byte)'\r').Trim((byte)' ');
            if (line.IsEmpty)
                continue;
            if (TryParseLine(line, now, out var point, out var error))
                points.Add(point);
            else
                errors.Add((lineNumber, error!, Encoding.UTF8.GetString(line.Length > 200 ? line[..200] : line)));
        }
        return (points, errors);
    }

    private static bool TryParseLine(ReadOnlySpan<byte> line, DateTimeOffset now, out IncomingPoint point, out string? error)
    {
        point = default;
        string? signal = null, unit = null;
        var ts = now;
        var value = RawValue.Missing;
        var hasValue = false;
        try
        {
            var reader = new Utf8JsonReader(line);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                return Fail(out error, "expected a JSON object");
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.ValueSpan;
                reader.Read();
                if (name.SequenceEqual("signal"u8))
                {
                    if (reader.TokenType != JsonTokenType.String)
                        return Fail(out error, "'signal' must be text \"site/line/machine/signal\"");
                    signal = reader.GetString();
                }
                else if (name.SequenceEqual("ts"u8))
                {
                    if (!TryReadTime(ref reader, out ts))
                        return Fail(out error, "'ts' must be an RFC 3339 time or epoch milliseconds");
                }
                else if (name.SequenceEqual("value"u8))
                {
                    hasValue = true;
                    value = reader.TokenType switch
                    {
                        JsonTokenType.Number => RawValue.Of(reader.GetDouble()),
                        JsonTokenType.True => RawValue.Of(true),
                        JsonTokenType.False => RawValue.Of(false),
                        JsonTokenType.String => RawValue.OfText(reader.GetString()!),
                        JsonTokenType.Null => RawValue.Missing,
                        _ => RawValue.OfText("(object or array)"),
                    };
                    reader.Skip();
                }
                else if (name.SequenceEqual("unit"u8))
                {
                    // A unit that is not text must not be dropped: the value would be stored unconverted.
                    if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.Null))
                        return Fail(out error, "'unit' must be text");
                    unit = reader.GetString();
                }
                else
                    reader.Skip();
            }
            // A second object on the same line would otherwise be dropped without a word.
            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
                return Fail(out error, "unexpected content after the object");
        }
        catch (JsonException e)
        {
            return Fail(out error, $"not valid JSON: {e.Message.Split(". ")[0]}");
        }
        if (string.IsNullOrEmpty(signal))
            return Fail(out error, "'signal' (text \"site/line/machine/signal\") is required");
        if (!hasValue)
            return Fail(out error, "'value' is required");
        point = new IncomingPoint(signal, ts, value, unit);
        error = null;
        return true;
    }

    /// <summary>Reads an RFC 3339 string or epoch-milliseconds number at the reader's position.</summary>
    public static bool TryReadTime(ref Utf8JsonReader reader, out DateTimeOffset time)
    {
        time = default;
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var ms) && ms is >= -62_135_596_800_000 and <= 253_402_300_799_999)
        {
            time = DateTimeOffset.FromUnixTimeMilliseconds(ms);
            return true;
        }
        if (reader.TokenType == JsonTokenType.String)
        {
            if (reader.TryGetDateTimeOffset(out time))
                return true;
            var text = reader.GetString();
            return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);
        }
        return false;
    }

    private static bool Fail(out string? error, string message)
    {
        error = message;
        return false;
    }
}
