using static System.FormattableString;

namespace Zhizao.Agents.Supply.Data;

/// <summary>
/// Reads a demand CSV file (UTF-8, header required) into one equally spaced series per item.
/// <code>
/// item,date,quantity          long format: one row per item and date, any order
/// bearing-6204,2026-01-05,82  (names are case-insensitive; also sku / item_id, day / ds / timestamp, demand / qty / y)
///
/// date,bearing-6204,coolant   wide format: one row per date, one column per item (empty cell: no row)
/// 2026-01-05,82,41.5
/// </code>
/// Dates are ISO 8601 (<c>2026-01-05</c>; timestamps at midnight too); weekly or hourly rows work when equally spaced
/// and the step is inferred and reported. Bad rows are rejected one by one and counted, with line, column and value;
/// the whole file is refused (with <see cref="SupplyFileException"/>) only when it cannot be read as demand: empty, no
/// header, missing columns, not UTF-8, over the size or row bound, dates not equally spaced, or nothing usable left.
/// Repairs, each reported: rows sorted by date; rows repeating an item and date summed (ERP exports split one day's
/// orders); missing periods filled with zero demand (see <see cref="DemandSeriesBuilder"/> for why), long gaps flagged;
/// short and all-zero series kept and flagged.
/// </summary>
public static class DemandFile
{
    /// <summary>The header of the long format, as shown in messages.</summary>
    public const string LongHeader = "item,date,quantity";

    /// <summary>Reads a demand file from disk; findings name it by its file name.</summary>
    public static async Task<DemandData> ReadAsync(string path, SupplyFileOptions? options = null, CancellationToken cancellationToken = default)
    {
        var stream = File.OpenRead(path);
        await using (stream.ConfigureAwait(false))
            return await ReadAsync(stream, Path.GetFileName(path), options, cancellationToken);
    }

    /// <summary>Reads a demand file from a stream (not closed); <paramref name="fileName"/> is used in findings.</summary>
    public static async Task<DemandData> ReadAsync(Stream stream, string fileName, SupplyFileOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= SupplyFileOptions.Default;
        options.Validate();
        var log = new FindingLog(fileName, options.DetailLimit);
        using var source = CsvSource.Open(stream, log, options.MaxBytes);
        var header = await source.ReadHeaderAsync(LongHeader, cancellationToken);
        var wide = IsWide(header);
        var builder = new DemandSeriesBuilder(log, options);
        var lines = wide
            ? await ReadWideAsync(source, header, builder, log, options, cancellationToken)
            : await ReadLongAsync(source, header, builder, log, options, cancellationToken);
        var (step, series) = builder.Build();
        if (series.Count == 0)
            throw new SupplyFileException([
                new DataFinding(FindingSeverity.Error, FindingKind.NoData, fileName, null, null, null, null,
                    Invariant($"no usable row: {lines:N0} data line(s) read, none accepted.")),
                .. log.Complete()]);
        return new DemandData(fileName, wide ? DemandFileFormat.Wide : DemandFileFormat.Long, step, series, log.Complete(), log.Counts(), lines);
    }

    /// <summary>Wide when there is a date column and neither an item nor a quantity column.</summary>
    private static bool IsWide(string[] header) =>
        header.Length >= 2
        && header.Any(h => CsvHeader.Find(h, [CsvHeader.Date]) is not null)
        && !header.Any(h => CsvHeader.Find(h, [CsvHeader.Item, CsvHeader.Quantity]) is not null);

    private static async Task<long> ReadLongAsync(CsvSource source, string[] header, DemandSeriesBuilder builder, FindingLog log, SupplyFileOptions options, CancellationToken cancellationToken)
    {
        var map = CsvHeader.Map(header, [CsvHeader.Item, CsvHeader.Date, CsvHeader.Quantity], log, source.LineNumber, out var ignored);
        foreach (var i in ignored)
            log.Note(FindingSeverity.Info, FindingKind.IgnoredColumn, header[i], $"the column '{header[i]}' is not used.");
        int item = map[CsvHeader.Item], date = map[CsvHeader.Date], quantity = map[CsvHeader.Quantity];
        var parse = new FieldParser(log);
        long lines = 0;
        while (await source.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Trim().Length == 0)
                continue;
            CheckRows(++lines, source, log, options);
            if (Fields(source, line, header, log) is not { } fields)
                continue;
            var id = fields[item].Trim();
            if (id.Length == 0)
            {
                log.Add(FindingSeverity.Error, FindingKind.MissingItem, source.LineNumber, header[item], "", null, "the item id is empty; line rejected.");
                continue;
            }
            if (parse.Time(fields[date], source.LineNumber, header[date], id) is { } time
                && parse.Quantity(fields[quantity], source.LineNumber, header[quantity], id) is { } value)
                builder.Add(id, time, value, source.LineNumber);
        }
        return lines;
    }

    private static async Task<long> ReadWideAsync(CsvSource source, string[] header, DemandSeriesBuilder builder, FindingLog log, SupplyFileOptions options, CancellationToken cancellationToken)
    {
        CsvHeader.RefuseDataAsHeader(header, log, source.LineNumber, "date,<item1>,<item2>");
        CsvHeader.RefuseRepeats(header, log, source.LineNumber);
        var date = Array.FindIndex(header, h => CsvHeader.Find(h, [CsvHeader.Date]) is not null);
        var parse = new FieldParser(log);
        long lines = 0;
        while (await source.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Trim().Length == 0)
                continue;
            CheckRows(++lines, source, log, options);
            if (Fields(source, line, header, log, shortAllowed: true) is not { } fields
                || parse.Time(fields[date], source.LineNumber, header[date], null) is not { } time)
                continue;
            for (var c = 0; c < fields.Count; c++)
            {
                if (c == date || fields[c].Trim().Length == 0)
                    continue;
                if (parse.Quantity(fields[c], source.LineNumber, header[c], header[c], what: "value") is { } value)
                    builder.Add(header[c], time, value, source.LineNumber);
            }
            if (builder.Count > options.MaxRows)
                throw log.Refuse(FindingKind.TooManyRows, source.LineNumber, null, null,
                    Invariant($"the file holds more than {options.MaxRows:N0} values; split it or aggregate the rows."));
        }
        return lines;
    }

    private static void CheckRows(long lines, CsvSource source, FindingLog log, SupplyFileOptions options)
    {
        if (lines > options.MaxRows)
            throw log.Refuse(FindingKind.TooManyRows, source.LineNumber, null, null,
                Invariant($"the file has more than {options.MaxRows:N0} data lines; split it or aggregate the rows."));
    }

    /// <summary>
    /// The fields of a data line, or null (logged) when a quote is open or the count differs from the header's. Extra
    /// empty fields (trailing delimiters) are tolerated; in the wide format missing trailing fields read as empty.
    /// </summary>
    internal static List<string>? Fields(CsvSource source, string line, string[] header, FindingLog log, bool shortAllowed = false)
    {
        var fields = source.Split(line);
        if (fields is null)
        {
            log.Add(FindingSeverity.Error, FindingKind.WrongFieldCount, source.LineNumber, null, line, null, "a quote is not closed; line rejected.");
            return null;
        }
        while (fields.Count > header.Length && fields[^1].Trim().Length == 0)
            fields.RemoveAt(fields.Count - 1);
        if (fields.Count == header.Length || (shortAllowed && fields.Count < header.Length && fields.Count > 0))
        {
            while (fields.Count < header.Length)
                fields.Add("");
            return fields;
        }
        log.Add(FindingSeverity.Error, FindingKind.WrongFieldCount, source.LineNumber, null, line, null,
            Invariant($"expected {header.Length} fields ({string.Join(source.Delimiter, header)}), found {fields.Count}{(fields.Count > header.Length ? " (quote values that contain the delimiter)" : "")}; line rejected."));
        return null;
    }
}
