using System.Globalization;

namespace Zhizao.Agents.Supply.Data;

/// <summary>A column the reader understands: its canonical name and the header names accepted for it.</summary>
internal sealed record ColumnSpec(string Name, string[] Aliases, bool Required = false);

/// <summary>Maps header names to columns: case-insensitive, spaces and hyphens read as underscores, common aliases.</summary>
internal static class CsvHeader
{
    public static readonly ColumnSpec Item = new("item", ["item", "item_id", "itemid", "item_code", "sku", "product", "material", "part", "物料", "物料编码", "料号", "商品"], Required: true);
    public static readonly ColumnSpec Date = new("date", ["date", "day", "ds", "timestamp", "time", "datetime", "period", "week", "日期", "时间"], Required: true);
    public static readonly ColumnSpec Quantity = new("quantity", ["quantity", "qty", "demand", "y", "sales", "数量", "需求", "需求量", "用量"], Required: true);

    /// <summary>The header name in its comparable form.</summary>
    public static string Normalise(string name) =>
        name.Trim().ToLowerInvariant().Replace(' ', '_').Replace('-', '_');

    /// <summary>The spec a header name belongs to, or null.</summary>
    public static ColumnSpec? Find(string name, IEnumerable<ColumnSpec> specs)
    {
        var key = Normalise(name);
        return specs.FirstOrDefault(s => s.Aliases.Contains(key, StringComparer.Ordinal));
    }

    /// <summary>
    /// Maps each known column to its index. Refuses the file when a required column is missing or two header names
    /// give the same column; unknown columns are returned in <paramref name="ignored"/>.
    /// </summary>
    public static Dictionary<ColumnSpec, int> Map(string[] header, IReadOnlyList<ColumnSpec> specs, FindingLog log, long line, out List<int> ignored)
    {
        RefuseDataAsHeader(header, log, line, string.Join(',', specs.Where(s => s.Required).Select(s => s.Name)));
        var map = new Dictionary<ColumnSpec, int>();
        ignored = [];
        for (var i = 0; i < header.Length; i++)
        {
            if (Find(header[i], specs) is not { } spec)
            {
                ignored.Add(i);
                continue;
            }
            if (map.TryGetValue(spec, out var first))
                throw log.Refuse(FindingKind.DuplicateColumn, line, header[i], header[i],
                    $"columns '{header[first]}' and '{header[i]}' both give the {spec.Name}; keep one.");
            map[spec] = i;
        }
        var missing = specs.Where(s => s.Required && !map.ContainsKey(s)).ToList();
        if (missing.Count > 0)
            throw log.Refuse(FindingKind.MissingColumn, line, null, string.Join(',', header),
                $"missing column{(missing.Count > 1 ? "s" : "")} {string.Join("; ", missing.Select(m => $"'{m.Name}' (accepted names: {string.Join(", ", m.Aliases)})"))}; the header is '{string.Join(',', header)}'.");
        return map;
    }

    /// <summary>Refuses a first line that looks like data (a date or a number in the first field).</summary>
    public static void RefuseDataAsHeader(string[] header, FindingLog log, long line, string example)
    {
        var first = header[0];
        if (Timestamps.TryParse(first, out _, out _) || double.TryParse(first, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            throw log.Refuse(FindingKind.MissingHeader, line, null, first,
                $"the first line must be a header such as '{example}', but it starts with the value '{first}'.");
    }

    /// <summary>Refuses two header names that are the same after normalisation (e.g. two item columns in the wide format).</summary>
    public static void RefuseRepeats(string[] header, FindingLog log, long line)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Length; i++)
        {
            if (header[i].Length == 0)
                throw log.Refuse(FindingKind.MissingColumn, line, null, null,
                    $"column {(i + 1).ToString(CultureInfo.InvariantCulture)} of the header has no name.");
            if (!seen.TryAdd(header[i], i))
                throw log.Refuse(FindingKind.DuplicateColumn, line, header[i], header[i],
                    $"the column '{header[i]}' appears twice (columns {(seen[header[i]] + 1).ToString(CultureInfo.InvariantCulture)} and {(i + 1).ToString(CultureInfo.InvariantCulture)}).");
        }
    }
}
