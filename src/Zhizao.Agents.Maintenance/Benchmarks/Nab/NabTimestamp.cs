using System.Globalization;

namespace Zhizao.Agents.Maintenance.Benchmarks.Nab;

/// <summary>Parses NAB timestamps exactly: series use <c>yyyy-MM-dd HH:mm:ss</c>, label windows add microseconds.</summary>
public static class NabTimestamp
{
    private static readonly string[] Formats = ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.ffffff"];

    /// <summary>Parses one timestamp; the value is kept as written (no time-zone conversion).</summary>
    /// <exception cref="FormatException">The text is not in one of NAB's formats.</exception>
    public static DateTime Parse(string text) =>
        DateTime.TryParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value)
            ? value
            : throw new FormatException($"not a NAB timestamp: '{text}'");
}
