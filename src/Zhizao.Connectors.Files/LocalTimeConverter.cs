namespace Zhizao.Connectors.Files;

/// <summary>
/// Converts wall-clock times of one zone to UTC. Offsets change only on minute boundaries in every real zone,
/// so the offset is resolved once per local minute and reused for the rows that follow (files are mostly in time order).
/// A local time inside a daylight-saving gap takes the offset in force before the gap, which moves it forward by
/// the gap's length (02:30 on a spring-forward night becomes 03:30); an ambiguous time (the repeated hour in
/// autumn) takes the earlier instant.
/// </summary>
internal sealed class LocalTimeConverter(TimeZoneInfo zone)
{
    private static readonly long MaxTicks = DateTime.MaxValue.Ticks;
    private readonly bool _isUtc = zone.Equals(TimeZoneInfo.Utc) || (zone.BaseUtcOffset == TimeSpan.Zero && !zone.SupportsDaylightSavingTime);
    private long _cachedMinute = long.MinValue;
    private long _cachedOffsetTicks;

    /// <summary>UTC ticks of the local time <paramref name="localTicks"/>, or false when outside the representable range.</summary>
    public bool TryToUtcTicks(long localTicks, out long utcTicks)
    {
        if (_isUtc)
        {
            utcTicks = localTicks;
            return true;
        }
        var minute = localTicks / TimeSpan.TicksPerMinute;
        if (minute != _cachedMinute)
        {
            _cachedOffsetTicks = ResolveOffset(new DateTime(minute * TimeSpan.TicksPerMinute, DateTimeKind.Unspecified)).Ticks;
            _cachedMinute = minute;
        }
        utcTicks = localTicks - _cachedOffsetTicks;
        return utcTicks >= 0 && utcTicks <= MaxTicks;
    }

    private TimeSpan ResolveOffset(DateTime local)
    {
        if (zone.IsAmbiguousTime(local))
        {
            var max = TimeSpan.MinValue;
            foreach (var offset in zone.GetAmbiguousTimeOffsets(local))
                max = offset > max ? offset : max;
            return max;
        }
        if (zone.IsInvalidTime(local))
        {
            // Step back to the last valid local time before the gap (gaps are at most a day long).
            var before = local;
            for (var i = 0; i < 50 && zone.IsInvalidTime(before) && before.Ticks > TimeSpan.TicksPerHour; i++)
                before = before.AddMinutes(-30);
            return zone.GetUtcOffset(before);
        }
        return zone.GetUtcOffset(local);
    }
}
