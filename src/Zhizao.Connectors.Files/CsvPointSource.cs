using System.Globalization;
using nietras.SeparatedValues;
using Zhizao.Core.Points;

namespace Zhizao.Connectors.Files;

/// <summary>
/// Reads a delimited text file with Sep: cells are parsed from spans (numbers with Sep's fast float parser), so the
/// only allocations per point are none for numbers and one string for a text cell.
/// </summary>
internal sealed class CsvPointSource : IPointSource
{
    private readonly string _file;
    private readonly FileStream _stream;
    private readonly SepReader _reader;
    private readonly TimestampParser _timestamps;
    private readonly WidePlan? _wide;
    private readonly LongPlan? _long;
    private readonly StringInterner? _signals;
    private readonly StringInterner? _units;
    private readonly string? _defaultUnit;

    private CsvPointSource(string file, FileStream stream, SepReader reader, FileImportOptions options)
    {
        _file = file;
        _stream = stream;
        _reader = reader;
        _timestamps = new TimestampParser(options.TimestampFormat, options.TimeZone);
        _defaultUnit = string.IsNullOrWhiteSpace(options.Mapping.Unit) ? null : options.Mapping.Unit;
        TotalBytes = stream.Length;
        var names = reader.Header.ColNames.Select(n => n.Trim()).ToArray();
        if (options.Layout == ImportLayout.Wide)
        {
            _wide = ColumnPlanner.Wide(file, names, options.Mapping, LooksLikeData);
        }
        else
        {
            _long = ColumnPlanner.Long(file, names, options.Mapping, LooksLikeData);
            _signals = new StringInterner(options.Mapping.Qualify);
            _units = new StringInterner(static u => u);
        }
    }

    public long TotalBytes { get; }

    public long BytesRead => _stream.Position;

    public long Rows { get; private set; }

    /// <summary>Opens <paramref name="path"/> and checks its header; throws <see cref="FileImportException"/> when it cannot be imported.</summary>
    public static CsvPointSource Open(string path, FileImportOptions options)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        SepReader? reader = null;
        try
        {
            reader = Sep.Reader(o => o with
            {
                Sep = options.Separator is { } separator ? new Sep(separator) : null,
                CultureInfo = CultureInfo.InvariantCulture,
                HasHeader = true,
                Unescape = true,
                Trim = SepTrim.All,
                DisableColCountCheck = true,
            }).From(stream, leaveOpen: true);
            if (reader.Header.IsEmpty)
                throw new FileImportException(path, "the file is empty: no header row.");
            return new CsvPointSource(path, stream, reader, options);
        }
        catch (Exception e) when (e is not FileImportException)
        {
            reader?.Dispose();
            stream.Dispose();
            throw new FileImportException(path, $"the header cannot be read: {e.Message}", e);
        }
        catch
        {
            reader?.Dispose();
            stream.Dispose();
            throw;
        }
    }

    public ValueTask<bool> FillAsync(PointChunk chunk, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            return ValueTask.FromResult(_wide is not null ? FillWide(_wide, chunk) : FillLong(_long!, chunk));
        }
        catch (InvalidDataException e)
        {
            // Sep's own structural errors (e.g. an unterminated quote at the end of the file).
            throw new FileImportException(_file, $"after data row {Rows}: {e.Message}", e);
        }
    }

    private bool FillWide(WidePlan plan, PointChunk chunk)
    {
        var points = chunk.Points;
        var columns = plan.Columns;
        while (!chunk.IsFull)
        {
            if (!_reader.MoveNext())
                return false;
            var row = _reader.Current;
            Rows++;
            if (row.ColCount != plan.ColumnCount)
            {
                chunk.MalformedRows.Add(Ragged(row, plan.ColumnCount));
                chunk.MalformedPoints += CountWideValues(row, columns);
                continue;
            }
            var tsCell = row[plan.TimestampIndex].Span;
            if (!_timestamps.TryParse(tsCell, out var timestamp))
            {
                chunk.MalformedRows.Add(BadTimestamp(row.LineNumberFrom, plan.TimestampName, tsCell));
                chunk.MalformedPoints += CountWideValues(row, columns);
                continue;
            }
            for (var c = 0; c < columns.Length; c++)
            {
                var col = row[columns[c].Index];
                var span = col.Span;
                if (span.IsEmpty)
                    continue;
                RawValue value;
                if (TryParseNumber(col, span, out var number))
                    value = RawValue.Of(number);
                else if (!CellValue.TryParseNonNumber(span, out value))
                    continue;
                points.Add(new IncomingPoint(columns[c].Signal, timestamp, value, columns[c].Unit));
            }
        }
        return true;
    }

    private bool FillLong(LongPlan plan, PointChunk chunk)
    {
        var points = chunk.Points;
        while (!chunk.IsFull)
        {
            if (!_reader.MoveNext())
                return false;
            var row = _reader.Current;
            Rows++;
            if (row.ColCount != plan.ColumnCount)
            {
                chunk.MalformedRows.Add(Ragged(row, plan.ColumnCount));
                chunk.MalformedPoints++;
                continue;
            }
            var valueCol = row[plan.ValueIndex];
            var valueSpan = valueCol.Span;
            if (valueSpan.IsEmpty)
                continue;
            var tsCell = row[plan.TimestampIndex].Span;
            if (!_timestamps.TryParse(tsCell, out var timestamp))
            {
                chunk.MalformedRows.Add(BadTimestamp(row.LineNumberFrom, plan.TimestampName, tsCell));
                chunk.MalformedPoints++;
                continue;
            }
            var signalSpan = row[plan.SignalIndex].Span;
            if (signalSpan.IsEmpty)
            {
                chunk.MalformedRows.Add(new MalformedRow($"line {row.LineNumberFrom}, column '{plan.SignalName}': the signal cell is empty.", tsCell.ToString()));
                chunk.MalformedPoints++;
                continue;
            }
            RawValue value;
            if (TryParseNumber(valueCol, valueSpan, out var number))
                value = RawValue.Of(number);
            else if (!CellValue.TryParseNonNumber(valueSpan, out value))
                continue;
            var unit = _defaultUnit;
            if (plan.UnitIndex >= 0 && row[plan.UnitIndex].Span is { IsEmpty: false } unitSpan)
                unit = _units!.Get(unitSpan);
            points.Add(new IncomingPoint(_signals!.Get(signalSpan), timestamp, value, unit));
        }
        return true;
    }

    // Sep parses doubles with the culture's default number style, which accepts thousands separators ("1,5" would
    // become 15); a comma is never part of an invariant number, so such a cell is left to be rejected as text.
    private static bool TryParseNumber(SepReader.Col col, ReadOnlySpan<char> span, out double number)
    {
        if (span.Contains(','))
        {
            number = 0;
            return false;
        }
        return col.TryParse(out number);
    }

    private static int CountWideValues(SepReader.Row row, WideColumn[] columns)
    {
        var count = 0;
        foreach (var column in columns)
            if (column.Index < row.ColCount && !row[column.Index].Span.IsWhiteSpace())
                count++;
        return count;
    }

    private static MalformedRow Ragged(SepReader.Row row, int expected) =>
        new($"line {row.LineNumberFrom}: {row.ColCount} columns, the header has {expected}.", null);

    private MalformedRow BadTimestamp(int line, string column, ReadOnlySpan<char> cell) =>
        new($"line {line}, column '{column}': {_timestamps.Describe(cell)}", cell.ToString());

    private bool LooksLikeData(string firstCell) =>
        double.TryParse(firstCell, NumberStyles.Float, CultureInfo.InvariantCulture, out _) || _timestamps.TryParse(firstCell, out _);

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        return _stream.DisposeAsync();
    }
}
