using System.Globalization;

namespace Zhizao.Server.Apis;

/// <summary>Parses times and durations in query strings: RFC 3339, epoch milliseconds, "now", "-15m", "-2h", "-7d"; durations "500ms", "10s", "1m", "1h", "1d".</summary>
public static class ApiTime
{
    /// <summary>Parses a point in time relative to <paramref name="now"/>.</summary>
    public static bool TryParseTime(string? text, DateTimeOffset now, DateTimeOffset fallback, out DateTimeOffset time)
    {
        time = fallback;
        if (string.IsNullOrWhiteSpace(text))
            return true;
        if (text == "now")
        {
            time = now;
            return true;
        }
        if (text[0] == '-' && TryParseDuration(text[1..], out var back))
        {
            time = now - back;
            return true;
        }
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms))
        {
            if (ms is < -62_135_596_800_000 or > 253_402_300_799_999)
                return false;
            time = DateTimeOffset.FromUnixTimeMilliseconds(ms);
            return true;
        }
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);
    }

    /// <summary>Parses "500ms", "10s", "1m", "1h", "1d" (or an ISO 8601 duration such as PT1M).</summary>
    public static bool TryParseDuration(string? text, out TimeSpan duration)
    {
        duration = default;
        if (string.IsNullOrWhiteSpace(text))
            return false;
        if (text.StartsWith('P'))
        {
            try
            {
                duration = System.Xml.XmlConvert.ToTimeSpan(text);
                return duration > TimeSpan.Zero;
            }
            catch (FormatException)
            {
                return false;
            }
        }
        var (number, unit) = text.EndsWith("ms", StringComparison.Ordinal) ? (text[..^2], "ms") : (text[..^1], text[^1..]);
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value <= 0 || value > 1e9)
            return false;
        duration = unit switch
        {
            "ms" => TimeSpan.FromMilliseconds(value),
            "s" => TimeSpan.FromSeconds(value),
            "m" => TimeSpan.FromMinutes(value),
            "h" => TimeSpan.FromHours(value),
            "d" => TimeSpan.FromDays(value),
            _ => TimeSpan.Zero,
        };
        return duration > TimeSpan.Zero;
    }
}
