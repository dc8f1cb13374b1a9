using System.Globalization;

namespace Zhizao.Connectors.Files;

/// <summary>
/// Parses timestamp cells without allocating: RFC 3339 / ISO 8601 extended format ("2024-03-01T08:00:00.250+08:00",
/// 'Z', 'T' or ' ' between date and time, optional seconds and fraction of up to 9 digits, offsets "+08:00", "+0800",
/// "+08"), a bare date, or numeric Unix epoch seconds or milliseconds. Times without an offset are in the configured zone.
/// Every result is in UTC.
/// </summary>
internal sealed class TimestampParser(TimestampFormat format, TimeZoneInfo zone)
{
    private static readonly long UnixEpochTicks = DateTime.UnixEpoch.Ticks;
    private static readonly long MaxTicks = DateTime.MaxValue.Ticks;
    private readonly LocalTimeConverter _local = new(zone);

    /// <summary>The configured format.</summary>
    public TimestampFormat Format => format;

    /// <summary>What a timestamp cell should look like, for error messages.</summary>
    public string Expected => format switch
    {
        TimestampFormat.EpochSeconds => "Unix epoch seconds",
        TimestampFormat.EpochMilliseconds => "Unix epoch milliseconds",
        _ => "ISO 8601 (e.g. 2024-03-01T08:00:00Z) or 'yyyy-MM-dd HH:mm:ss[.fff]'; for numeric epochs choose epoch seconds or milliseconds",
    };

    /// <summary>Why <paramref name="cell"/> is not a timestamp, for a rejection message.</summary>
    public string Describe(ReadOnlySpan<char> cell) => cell.IsWhiteSpace()
        ? "the timestamp is empty."
        : $"cannot parse timestamp '{cell}' (expected {Expected}).";

    /// <summary>Parses a text cell according to the configured format.</summary>
    public bool TryParse(ReadOnlySpan<char> text, out DateTimeOffset timestamp)
    {
        text = text.Trim();
        if (format == TimestampFormat.Text)
            return TryParseIso(text, out timestamp);
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole))
            return TryFromEpoch(whole, out timestamp);
        // decimal keeps sub-second digits exact (a double has ~16 digits, an epoch in ticks needs 18).
        if (decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var fractional))
            return TryFromEpoch(fractional, out timestamp);
        timestamp = default;
        return false;
    }

    /// <summary>An integer epoch in the configured unit (seconds unless milliseconds are configured).</summary>
    public bool TryFromEpoch(long value, out DateTimeOffset timestamp)
    {
        var ticksPerUnit = format == TimestampFormat.EpochMilliseconds ? TimeSpan.TicksPerMillisecond : TimeSpan.TicksPerSecond;
        var limit = (MaxTicks - UnixEpochTicks) / ticksPerUnit;
        if (value < -UnixEpochTicks / ticksPerUnit || value > limit)
        {
            timestamp = default;
            return false;
        }
        return TryFromUtcTicks(UnixEpochTicks + (value * ticksPerUnit), out timestamp);
    }

    /// <summary>A fractional epoch in the configured unit.</summary>
    public bool TryFromEpoch(decimal value, out DateTimeOffset timestamp)
    {
        var ticksPerUnit = format == TimestampFormat.EpochMilliseconds ? TimeSpan.TicksPerMillisecond : TimeSpan.TicksPerSecond;
        // Bounded first so that the multiplication cannot overflow.
        var ticks = Math.Abs(value) < 1e15m ? (value * ticksPerUnit) + UnixEpochTicks : -1;
        if (ticks < 0 || ticks > MaxTicks)
        {
            timestamp = default;
            return false;
        }
        return TryFromUtcTicks((long)decimal.Round(ticks), out timestamp);
    }

    /// <summary>A Parquet timestamp: UTC when the column says so or the value is marked UTC, else wall-clock time in the zone.</summary>
    public bool TryFromDateTime(DateTime value, bool adjustedToUtc, out DateTimeOffset timestamp)
    {
        if (adjustedToUtc || value.Kind == DateTimeKind.Utc)
            return TryFromUtcTicks(value.Ticks, out timestamp);
        return TryFromLocalTicks(value.Ticks, out timestamp);
    }

    private bool TryFromLocalTicks(long localTicks, out DateTimeOffset timestamp)
    {
        if (_local.TryToUtcTicks(localTicks, out var utc))
            return TryFromUtcTicks(utc, out timestamp);
        timestamp = default;
        return false;
    }

    private static bool TryFromUtcTicks(long ticks, out DateTimeOffset timestamp)
    {
        if (ticks < 0 || ticks > MaxTicks)
        {
            timestamp = default;
            return false;
        }
        timestamp = new DateTimeOffset(ticks, TimeSpan.Zero);
        return true;
    }

    private bool TryParseIso(ReadOnlySpan<char> s, out DateTimeOffset timestamp)
    {
        timestamp = default;
        if (s.Length < 10 || s[4] != '-' || s[7] != '-'
            || !TryDigits(s, 0, 4, out var year) || !TryDigits(s, 5, 2, out var month) || !TryDigits(s, 8, 2, out var day)
            || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
            return false;

        long timeTicks = 0;
        var pos = 10;
        if (pos < s.Length && s[pos] is 'T' or 't' or ' ')
        {
            if (!TryParseTime(s, ref pos, out timeTicks))
                return false;
        }

        var localTicks = new DateTime(year, month, day).Ticks + timeTicks;
        if (pos == s.Length)
            return TryFromLocalTicks(localTicks, out timestamp);
        if (!TryParseOffset(s[pos..], out var offsetMinutes))
            return false;
        return TryFromUtcTicks(localTicks - (offsetMinutes * TimeSpan.TicksPerMinute), out timestamp);
    }

    // "HH:mm[:ss[.fffffffff]]" after the date/time separator at s[pos].
    private static bool TryParseTime(ReadOnlySpan<char> s, ref int pos, out long ticks)
    {
        ticks = 0;
        if (s.Length < pos + 6 || s[pos + 3] != ':' || !TryDigits(s, pos + 1, 2, out var hour) || !TryDigits(s, pos + 4, 2, out var minute)
            || hour > 23 || minute > 59)
            return false;
        pos += 6;
        var second = 0;
        long fraction = 0;
        if (pos < s.Length && s[pos] == ':')
        {
            if (!TryDigits(s, pos + 1, 2, out second) || second > 59)
                return false;
            pos += 3;
            if (pos < s.Length && s[pos] is '.' or ',')
            {
                pos++;
                var digits = 0;
                while (pos < s.Length && char.IsAsciiDigit(s[pos]))
                {
                    if (digits < 7)
                        fraction = (fraction * 10) + (s[pos] - '0');
                    digits++;
                    pos++;
                }
                if (digits is 0 or > 9)
                    return false;
                for (var d = digits; d < 7; d++)
                    fraction *= 10;
            }
        }
        ticks = (hour * TimeSpan.TicksPerHour) + (minute * TimeSpan.TicksPerMinute) + (second * TimeSpan.TicksPerSecond) + fraction;
        return true;
    }

    // "Z", "+08:00", "+0800" or "+08".
    private static bool TryParseOffset(ReadOnlySpan<char> s, out int minutes)
    {
        minutes = 0;
        if (s is ['Z' or 'z'])
            return true;
        if (s.Length < 3 || s[0] is not ('+' or '-') || !TryDigits(s, 1, 2, out var hours) || hours > 18)
            return false;
        var offsetMinutes = 0;
        var rest = s[3..];
        if (rest.Length == 3 && rest[0] == ':')
            rest = rest[1..];
        if (rest.Length == 2 && (!TryDigits(rest, 0, 2, out offsetMinutes) || offsetMinutes > 59))
            return false;
        if (rest.Length is not (0 or 2))
            return false;
        minutes = ((hours * 60) + offsetMinutes) * (s[0] == '-' ? -1 : 1);
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<char> s, int start, int count, out int value)
    {
        value = 0;
        if (start + count > s.Length)
            return false;
        for (var i = start; i < start + count; i++)
        {
            var c = s[i];
            if (!char.IsAsciiDigit(c))
                return false;
            value = (value * 10) + (c - '0');
        }
        return true;
    }
}
