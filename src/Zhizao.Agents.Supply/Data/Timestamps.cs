using System.Globalization;

namespace Zhizao.Agents.Supply.Data;

/// <summary>
/// Reads the timestamps of demand files: ISO 8601 dates (<c>2026-01-05</c>, also <c>2026-1-5</c> and <c>2026/01/05</c>
/// as spreadsheets write them) with an optional time (<c>T</c> or a space, minutes, seconds, fractions) and an optional
/// offset. The clock time is kept as written (plant-local); the offset, when present, is returned so the reader can
/// refuse a file that mixes offsets.
/// </summary>
internal static class Timestamps
{
    private static readonly string[] Dates = ["yyyy-M-d", "yyyy/M/d"];
    private static readonly string[] Times = ["", "THH:mm", "THH:mm:ss", "THH:mm:ss.FFFFFFF", " HH:mm", " HH:mm:ss", " HH:mm:ss.FFFFFFF", " H:mm", " H:mm:ss"];
    private static readonly string[] Local = [.. Dates.SelectMany(d => Times.Select(t => d + t))];
    private static readonly string[] WithOffset = [.. Dates.SelectMany(d => Times.Where(t => t.Length > 0).Select(t => d + t + "K"))];

    /// <summary>Parses a timestamp; <paramref name="offset"/> is null when none is written.</summary>
    public static bool TryParse(string text, out DateTime time, out TimeSpan? offset)
    {
        offset = null;
        text = text.Trim();
        if (TryIsoDate(text, out time))
            return true;
        if (DateTime.TryParseExact(text, Local, CultureInfo.InvariantCulture, DateTimeStyles.None, out time))
            return true;
        if (DateTimeOffset.TryParseExact(text, WithOffset, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset))
        {
            time = withOffset.DateTime;
            offset = withOffset.Offset;
            return true;
        }
        return false;
    }

    /// <summary>The common case, yyyy-MM-dd, without the format machinery (the reader's hot path).</summary>
    private static bool TryIsoDate(string text, out DateTime time)
    {
        time = default;
        if (text.Length != 10 || text[4] != '-' || text[7] != '-')
            return false;
        var year = Digits(text, 0, 4);
        var month = Digits(text, 5, 2);
        var day = Digits(text, 8, 2);
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
            return false;
        time = new DateTime(year, month, day);
        return true;
    }

    private static int Digits(string text, int start, int count)
    {
        var value = 0;
        for (var i = start; i < start + count; i++)
        {
            var digit = text[i] - '0';
            if (digit is < 0 or > 9)
                return -1;
            value = (value * 10) + digit;
        }
        return value;
    }

    /// <summary>"2026-01-05" at midnight, else "2026-01-05 08:00".</summary>
    public static string Format(DateTime time) =>
        time.TimeOfDay == TimeSpan.Zero
            ? time.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : time.ToString(time.Second == 0 ? "yyyy-MM-dd HH:mm" : "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>A step in words: "1 day", "7 days (weekly)", "1 hour", "15 minutes".</summary>
    public static string Describe(TimeSpan step) => step switch
    {
        _ when step == TimeSpan.FromDays(1) => "1 day (daily)",
        _ when step == TimeSpan.FromDays(7) => "7 days (weekly)",
        _ when step == TimeSpan.FromHours(1) => "1 hour (hourly)",
        _ when step.Ticks % TimeSpan.TicksPerDay == 0 => $"{step.TotalDays.ToString(CultureInfo.InvariantCulture)} days",
        _ when step.Ticks % TimeSpan.TicksPerHour == 0 => $"{step.TotalHours.ToString(CultureInfo.InvariantCulture)} hours",
        _ => $"{step.TotalMinutes.ToString(CultureInfo.InvariantCulture)} minutes",
    };
}
