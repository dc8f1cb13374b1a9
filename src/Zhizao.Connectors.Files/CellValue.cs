using System.Globalization;
using Zhizao.Core.Points;

namespace Zhizao.Connectors.Files;

/// <summary>
/// Turns a cell into a raw value: a number, true/false, or text (which the validator rejects as WrongType with
/// the reason). An empty or blank cell is no point at all.
/// </summary>
internal static class CellValue
{
    /// <summary>Classifies <paramref name="cell"/>; false for an empty or blank cell.</summary>
    public static bool TryParse(ReadOnlySpan<char> cell, out RawValue value)
    {
        if (double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            value = RawValue.Of(number);
            return true;
        }
        return TryParseNonNumber(cell, out value);
    }

    /// <summary>Classifies a cell already known not to be a number; false for an empty or blank cell.</summary>
    public static bool TryParseNonNumber(ReadOnlySpan<char> cell, out RawValue value)
    {
        cell = cell.Trim();
        if (cell.IsEmpty)
        {
            value = default;
            return false;
        }
        if (cell.Equals("true", StringComparison.OrdinalIgnoreCase))
            value = RawValue.Of(true);
        else if (cell.Equals("false", StringComparison.OrdinalIgnoreCase))
            value = RawValue.Of(false);
        else
            value = RawValue.OfText(cell.ToString());
        return true;
    }
}

/// <summary>
/// Returns one string instance per distinct cell text (signal paths and units of long files), so that a million
/// rows of the same signal share a single string. Lookups by span allocate nothing once the text has been seen.
/// </summary>
internal sealed class StringInterner(Func<string, string> transform)
{
    // A file with more distinct texts than this is not a signal list: stop growing and allocate per cell.
    private const int MaxEntries = 100_000;
    private readonly Dictionary<string, string> _map = new(StringComparer.Ordinal);

    /// <summary>The transformed, shared string for <paramref name="text"/>.</summary>
    public string Get(ReadOnlySpan<char> text)
    {
        var lookup = _map.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(text, out var shared))
            return shared;
        var key = text.ToString();
        shared = transform(key);
        if (_map.Count < MaxEntries)
            _map[key] = shared;
        return shared;
    }
}
