using System.Globalization;
using System.Text;

namespace Zhizao.Connectors.Files;

/// <summary>
/// Writes a deterministic wide CSV in the shared import format: a "ts" column (ISO 8601 UTC, milliseconds) followed by
/// one column per signal. Values are a per-signal sine wave plus hashed noise, so the same arguments always give
/// the same bytes (used by the import benchmark and tests to make big files).
/// </summary>
public static class WideCsvGenerator
{
    /// <summary>Writes <paramref name="rows"/> rows for <paramref name="signals"/> (column names) to <paramref name="path"/>; returns the number of points (rows × signals).</summary>
    public static long Write(string path, IReadOnlyList<string> signals, int rows, DateTimeOffset start, TimeSpan period)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(signals);
        ArgumentOutOfRangeException.ThrowIfZero(signals.Count);
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(period, TimeSpan.Zero);

        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16);
        writer.NewLine = "\n";
        writer.Write("ts");
        foreach (var signal in signals)
        {
            writer.Write(',');
            writer.Write(signal);
        }
        writer.WriteLine();

        Span<char> buffer = stackalloc char[64];
        var startUtc = start.UtcDateTime;
        for (var i = 0; i < rows; i++)
        {
            var time = startUtc.AddTicks(period.Ticks * i);
            time.TryFormat(buffer, out var written, "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
            writer.Write(buffer[..written]);
            for (var s = 0; s < signals.Count; s++)
            {
                writer.Write(',');
                Value(i, s).TryFormat(buffer, out written, "0.###", CultureInfo.InvariantCulture);
                writer.Write(buffer[..written]);
            }
            writer.WriteLine();
        }
        return (long)rows * signals.Count;
    }

    /// <summary>The value of signal number <paramref name="signal"/> at row <paramref name="row"/>.</summary>
    public static double Value(int row, int signal)
    {
        var level = 50.0 + (signal * 10.0);
        var amplitude = 5.0 + (signal % 7);
        var cycle = 600.0 + (signal * 37.0);
        var noise = (Hash(((ulong)(uint)row << 20) ^ (ulong)(uint)signal) >> 11) * (1.0 / (1UL << 53));
        return level + (amplitude * Math.Sin(2 * Math.PI * row / cycle)) + (noise - 0.5);
    }

    // SplitMix64: a fixed, stateless mix, so values do not depend on the runtime's Random.
    private static ulong Hash(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}
