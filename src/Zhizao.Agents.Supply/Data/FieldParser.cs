using System.Globalization;
using static System.FormattableString;

namespace Zhizao.Agents.Supply.Data;

/// <summary>Reads the values of one line, logging each rejection with its line, column and value.</summary>
internal sealed class FieldParser(FindingLog log)
{
    private TimeSpan? _offset;
    private long _offsetLine;

    /// <summary>A finite number written with a decimal point (invariant culture), or null.</summary>
    public static double? Number(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) ? value : null;

    /// <summary>A timestamp; rejects (and logs) unreadable ones and offsets that differ from the file's first.</summary>
    public DateTime? Time(string text, long line, string column, string? item)
    {
        text = text.Trim();
        if (!Timestamps.TryParse(text, out var time, out var offset))
        {
            log.Add(FindingSeverity.Error, FindingKind.InvalidDate, line, column, text, item,
                text.Length == 0 ? "the date is empty; line rejected."
                    : $"'{text}' is not a date (expected ISO 8601 such as 2026-01-05 or 2026-01-05T08:00); line rejected.");
            return null;
        }
        if (offset is { } o)
        {
            if (_offset is null)
            {
                _offset = o;
                _offsetLine = line;
            }
            else if (_offset != o)
            {
                log.Add(FindingSeverity.Error, FindingKind.InvalidDate, line, column, text, item,
                    Invariant($"the offset {o:hh\\:mm} differs from that of line {_offsetLine}; write every time in the plant's offset. Line rejected."));
                return null;
            }
        }
        return time;
    }

    /// <summary>A demand quantity: a finite number ≥ 0. Rejects (and logs) text, empty cells and negatives.</summary>
    public double? Quantity(string text, long line, string column, string? item, string what = "line")
    {
        text = text.Trim();
        if (Number(text) is not { } value)
        {
            log.Add(FindingSeverity.Error, FindingKind.NonNumericQuantity, line, column, text, item,
                text.Length == 0 ? $"the quantity is empty; {what} rejected."
                    : $"'{text}' is not a number (write quantities with a decimal point and no thousands separator); {what} rejected.");
            return null;
        }
        if (value < 0)
        {
            log.Add(FindingSeverity.Error, FindingKind.NegativeQuantity, line, column, text, item,
                $"the quantity {text} is negative; returns are not demand (record them separately). The {what} is rejected.");
            return null;
        }
        return value;
    }
}
