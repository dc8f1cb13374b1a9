using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Zhizao.Identity.Json;

/// <summary>
/// RFC 8785 JSON Canonicalization Scheme (JCS): object members sorted by their names' UTF-16 code units, numbers written as
/// ECMAScript's <c>Number.prototype.toString</c> writes an IEEE 754 double, strings with the minimal escaping of ECMAScript's
/// <c>JSON.stringify</c>, no whitespace, UTF-8. Two parties that hold the same JSON data produce the same bytes, which is what a
/// detached signature over a document needs.
/// </summary>
public static class JsonCanonicalizer
{
    /// <summary>The canonical UTF-8 bytes of <paramref name="node"/> (null is the JSON literal null).</summary>
    /// <exception cref="FormatException">The data has no canonical form: NaN or infinite numbers, or a string with a lone surrogate.</exception>
    public static byte[] Canonicalize(JsonNode? node) => Encoding.UTF8.GetBytes(CanonicalizeToString(node));

    /// <summary>The canonical text of <paramref name="node"/>.</summary>
    /// <exception cref="FormatException">The data has no canonical form.</exception>
    public static string CanonicalizeToString(JsonNode? node)
    {
        var builder = new StringBuilder();
        Write(builder, node);
        return builder.ToString();
    }

    /// <summary>
    /// The canonical UTF-8 bytes of <paramref name="obj"/> without its top-level member <paramref name="excludedMember"/>
    /// (a signed document's signatures), without copying the document.
    /// </summary>
    /// <exception cref="FormatException">The data has no canonical form.</exception>
    public static byte[] CanonicalizeWithout(JsonObject obj, string excludedMember)
    {
        var builder = new StringBuilder();
        WriteObject(builder, obj, excludedMember);
        return Encoding.UTF8.GetBytes(builder.ToString());
    }

    /// <summary>ECMAScript's text of a double (RFC 8785 §3.2.2.3), e.g. 1e+30, 0.002, 333333333.3333333, 0 for −0.</summary>
    /// <exception cref="FormatException">NaN or an infinity.</exception>
    public static string FormatNumber(double value)
    {
        if (!double.IsFinite(value))
            throw new FormatException($"{value.ToString(CultureInfo.InvariantCulture)} has no JSON form");
        if (value == 0)
            return "0";

        // "R" is the shortest text that reads back as the same double, the digits ECMAScript also chooses; only the layout differs.
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        var negative = text[0] == '-';
        if (negative)
            text = text[1..];
        var exponentAt = text.IndexOf('E', StringComparison.Ordinal);
        var exponent = exponentAt < 0 ? 0 : int.Parse(text.AsSpan(exponentAt + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var mantissa = exponentAt < 0 ? text : text[..exponentAt];
        var pointAt = mantissa.IndexOf('.', StringComparison.Ordinal);
        var integerDigits = pointAt < 0 ? mantissa.Length : pointAt;
        var allDigits = pointAt < 0 ? mantissa : string.Concat(mantissa.AsSpan(0, pointAt), mantissa.AsSpan(pointAt + 1));

        // value = 0.d1 d2 … dk × 10^n with d1 ≠ 0 (ECMAScript's k and n).
        var leadingZeros = allDigits.Length - allDigits.TrimStart('0').Length;
        var digits = allDigits.Trim('0');
        var k = digits.Length;
        var n = integerDigits + exponent - leadingZeros;

        var result = new StringBuilder(negative ? "-" : "");
        if (k <= n && n <= 21)
            result.Append(digits).Append('0', n - k);
        else if (0 < n && n <= 21)
            result.Append(digits.AsSpan(0, n)).Append('.').Append(digits.AsSpan(n));
        else if (-6 < n && n <= 0)
            result.Append("0.").Append('0', -n).Append(digits);
        else
        {
            var e = n - 1;
            result.Append(digits[0]);
            if (k > 1)
                result.Append('.').Append(digits.AsSpan(1));
            result.Append('e').Append(e < 0 ? '-' : '+').Append(Math.Abs(e).ToString(CultureInfo.InvariantCulture));
        }
        return result.ToString();
    }

    private static void Write(StringBuilder builder, JsonNode? node)
    {
        switch (node)
        {
            case null:
                builder.Append("null");
                break;
            case JsonObject obj:
                WriteObject(builder, obj, excludedMember: null);
                break;
            case JsonArray array:
                builder.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                        builder.Append(',');
                    Write(builder, array[i]);
                }
                builder.Append(']');
                break;
            case JsonValue value:
                WriteValue(builder, value);
                break;
        }
    }

    private static void WriteObject(StringBuilder builder, JsonObject obj, string? excludedMember)
    {
        builder.Append('{');
        var first = true;
        foreach (var (name, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (name == excludedMember)
                continue;
            if (!first)
                builder.Append(',');
            first = false;
            WriteString(builder, name);
            builder.Append(':');
            Write(builder, value);
        }
        builder.Append('}');
    }

    private static void WriteValue(StringBuilder builder, JsonValue value)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                WriteString(builder, value.TryGetValue<string>(out var s) ? s : value.Deserialize<string>()!);
                break;
            case JsonValueKind.Number:
                // The node's own JSON text, read as the nearest double (RFC 8785 treats every number as IEEE 754 double).
                builder.Append(FormatNumber(double.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture)));
                break;
            case JsonValueKind.True:
                builder.Append("true");
                break;
            case JsonValueKind.False:
                builder.Append("false");
                break;
            case JsonValueKind.Null:
                builder.Append("null");
                break;
            default:
                throw new FormatException($"unexpected JSON value kind {value.GetValueKind()}");
        }
    }

    private static void WriteString(StringBuilder builder, string text)
    {
        builder.Append('"');
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\b': builder.Append("\\b"); break;
                case '\f': builder.Append("\\f"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case < ' ':
                    builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                        builder.Append(c).Append(text[++i]);
                    else if (char.IsSurrogate(c))
                        throw new FormatException($"the string has a lone surrogate U+{(int)c:X4} at index {i}");
                    else
                        builder.Append(c);
                    break;
            }
        }
        builder.Append('"');
    }
}
