namespace Zhizao.Core.Points;

/// <summary>
/// A validated point as stored: signal id from the catalog, time in microseconds since the Unix epoch (UTC),
/// value as double (ints and bools are exact in a double).
/// </summary>
public readonly record struct DataPoint(int SignalId, long TimestampMicros, double Value);

/// <summary>Conversions between <see cref="DateTimeOffset"/> and stored microseconds.</summary>
public static class Timestamps
{
    /// <summary>Microseconds since the Unix epoch.</summary>
    public static long ToMicros(DateTimeOffset time) => (time.UtcTicks - DateTime.UnixEpoch.Ticks) / 10;

    /// <summary>The UTC time of a stored timestamp.</summary>
    public static DateTimeOffset FromMicros(long micros) => new(DateTime.UnixEpoch.Ticks + (micros * 10), TimeSpan.Zero);
}
