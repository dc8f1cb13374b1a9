using Zhizao.Core.Assets;

namespace Zhizao.Connectors.Files;

/// <summary>A wide value column: where it is and which signal (one shared string instance) and unit it feeds.</summary>
internal readonly record struct WideColumn(int Index, string Name, string Signal, string? Unit);

/// <summary>Where the columns of a wide file are.</summary>
internal sealed record WidePlan(int ColumnCount, int TimestampIndex, string TimestampName, WideColumn[] Columns);

/// <summary>Where the columns of a long file are; <see cref="UnitIndex"/> is -1 when the file has no unit column.</summary>
internal sealed record LongPlan(int ColumnCount, int SignalIndex, string SignalName, int TimestampIndex, string TimestampName, int ValueIndex, int UnitIndex);

/// <summary>
/// Resolves a header against an <see cref="ImportMapping"/>. Every problem is a <see cref="FileImportException"/>
/// raised before the first row is read, so a file is either fully mappable or not imported at all.
/// </summary>
internal static class ColumnPlanner
{
    public static WidePlan Wide(string file, IReadOnlyList<string> names, ImportMapping mapping, Func<string, bool>? looksLikeData = null)
    {
        var tsIndex = FindTimestamp(file, names, mapping, looksLikeData);
        foreach (var mapped in mapping.Columns.Keys)
            if (Find(names, mapped) < 0)
                throw new FileImportException(file, $"mapped column '{mapped}' is not in the header ({Describe(names)}).");
        foreach (var unitColumn in mapping.ColumnUnits.Keys)
            if (Find(names, unitColumn) < 0)
                throw new FileImportException(file, $"unit given for column '{unitColumn}', which is not in the header ({Describe(names)}).");

        var prefix = mapping.NormalizedPrefix;
        var columns = new List<WideColumn>(names.Count);
        var signalOwner = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < names.Count; i++)
        {
            if (i == tsIndex)
                continue;
            var name = names[i];
            string? signal = null;
            if (TryGet(mapping.Columns, name, out var target))
                signal = mapping.Qualify(target);
            else if (prefix is not null && Identifier.IsValid(name))
                signal = $"{prefix}/{name}";

            if (signal is null)
            {
                if (mapping.IgnoreUnmapped)
                    continue;
                var why = name.Length == 0 ? $"column {i + 1} has no name"
                    : prefix is null ? $"column '{name}' is not mapped to a signal"
                    : $"column '{name}' is not a valid signal id (letters, digits, '-', '_')";
                throw new FileImportException(file, $"{why}; map it explicitly or ignore unmapped columns.");
            }
            if (!SignalPath.TryParse(signal, out _))
                throw new FileImportException(file, $"column '{name}' maps to '{signal}', which is not a 'site/line/machine/signal' path.");
            if (!signalOwner.TryAdd(signal, name))
                throw new FileImportException(file, $"columns '{signalOwner[signal]}' and '{name}' both map to signal '{signal}'.");
            var unit = TryGet(mapping.ColumnUnits, name, out var columnUnit) ? columnUnit : mapping.Unit;
            columns.Add(new WideColumn(i, name, signal, string.IsNullOrWhiteSpace(unit) ? null : unit));
        }
        if (columns.Count == 0)
            throw new FileImportException(file, $"no signal columns besides the timestamp column '{names[tsIndex]}'.");
        return new WidePlan(names.Count, tsIndex, names[tsIndex], [.. columns]);
    }

    public static LongPlan Long(string file, IReadOnlyList<string> names, ImportMapping mapping, Func<string, bool>? looksLikeData = null)
    {
        var tsIndex = FindTimestamp(file, names, mapping, looksLikeData);
        var signalIndex = Required(file, names, mapping.SignalColumn, "signal");
        var valueIndex = Required(file, names, mapping.ValueColumn, "value");
        var unitIndex = Find(names, mapping.UnitColumn);
        return new LongPlan(names.Count, signalIndex, names[signalIndex], tsIndex, names[tsIndex], valueIndex, unitIndex);
    }

    private static int FindTimestamp(string file, IReadOnlyList<string> names, ImportMapping mapping, Func<string, bool>? looksLikeData)
    {
        if (names.Count == 0 || (names.Count == 1 && names[0].Length == 0))
            throw new FileImportException(file, "the file is empty: no header row.");
        var index = -1;
        if (mapping.TimestampColumn is { } configured)
        {
            index = Find(names, configured);
        }
        else
        {
            foreach (var candidate in ImportMapping.DefaultTimestampColumns)
                if ((index = Find(names, candidate)) >= 0)
                    break;
        }
        if (index >= 0)
            return index;
        if (looksLikeData is not null && looksLikeData(names[0]))
            throw new FileImportException(file, $"no header row: the first line starts with '{names[0]}', which looks like data.");
        var wanted = mapping.TimestampColumn is { } c ? $"'{c}'" : string.Join(" or ", ImportMapping.DefaultTimestampColumns.Select(n => $"'{n}'"));
        throw new FileImportException(file, $"timestamp column {wanted} is missing; the header has {Describe(names)}.");
    }

    private static int Required(string file, IReadOnlyList<string> names, string name, string role)
    {
        var index = Find(names, name);
        return index >= 0 ? index : throw new FileImportException(file, $"{role} column '{name}' is missing; the header has {Describe(names)}.");
    }

    /// <summary>Exact match first, then case-insensitive.</summary>
    private static int Find(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++)
            if (string.Equals(names[i], name, StringComparison.Ordinal))
                return i;
        for (var i = 0; i < names.Count; i++)
            if (string.Equals(names[i], name, StringComparison.OrdinalIgnoreCase))
                return i;
        return -1;
    }

    private static bool TryGet(IReadOnlyDictionary<string, string> map, string name, out string value)
    {
        if (map.TryGetValue(name, out value!))
            return true;
        foreach (var (key, v) in map)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                value = v;
                return true;
            }
        }
        return false;
    }

    private static string Describe(IReadOnlyList<string> names)
    {
        const int shown = 12;
        var list = string.Join(", ", names.Take(shown).Select(n => $"'{n}'"));
        return names.Count > shown ? $"{list}, … ({names.Count} columns)" : list;
    }
}
