using Parquet;
using Parquet.Schema;
using Zhizao.Core.Points;

namespace Zhizao.Connectors.Files;

/// <summary>
/// Reads a Parquet file column-wise: per row group, the timestamp column once, then (wide) the value columns a block at a
/// time, emitting one point per non-null cell row by row, in time order like a CSV file; (long) the value, signal and unit
/// columns. Only the timestamp column and one block of value columns (<see cref="ParquetValueBlock.MaxCells"/>) are held.
/// </summary>
internal sealed class ParquetPointSource : IPointSource
{
    private readonly string _file;
    private readonly FileStream _stream;
    private readonly ParquetReader _reader;
    private readonly TimestampParser _timestamps;
    private readonly DataField[] _fields;
    private readonly WidePlan? _wide;
    private readonly LongPlan? _long;
    private readonly StringInterner? _signals;
    private readonly StringInterner? _units;
    private readonly string? _defaultUnit;

    // Current row group and the cursor within it: value column (wide) and row.
    private int _group = -1;
    private int _groupRows;
    private long _groupFirstRow;
    private int _column;
    private int _row;
    private int _blockFirst;
    private readonly ParquetValueBlock _block = new();
    private bool _groupLoaded;
    private ParquetRowGroupReader? _groupReader;
    private DateTimeOffset[] _ts = [];
    private bool[] _tsValid = [];
    private RawValue[] _values = [];
    private string?[] _signalCells = [];
    private string?[] _unitCells = [];
    private long _maxPosition;

    private ParquetPointSource(string file, FileStream stream, ParquetReader reader, FileImportOptions options)
    {
        _file = file;
        _stream = stream;
        _reader = reader;
        _timestamps = new TimestampParser(options.TimestampFormat, options.TimeZone);
        _defaultUnit = string.IsNullOrWhiteSpace(options.Mapping.Unit) ? null : options.Mapping.Unit;
        TotalBytes = stream.Length;
        var topLevel = reader.Schema.Fields;
        var names = topLevel.Select(f => f.Name).ToArray();
        _fields = topLevel.Select(f => f as DataField).ToArray()!;
        if (options.Layout == ImportLayout.Wide)
        {
            _wide = ColumnPlanner.Wide(file, names, options.Mapping);
            CheckTimestamp(_wide.TimestampIndex, options.TimestampFormat);
            foreach (var column in _wide.Columns)
                CheckValue(column.Index, ParquetColumnDecoder.IsSupportedValueType);
        }
        else
        {
            _long = ColumnPlanner.Long(file, names, options.Mapping);
            CheckTimestamp(_long.TimestampIndex, options.TimestampFormat);
            CheckValue(_long.ValueIndex, ParquetColumnDecoder.IsSupportedValueType);
            CheckValue(_long.SignalIndex, IsText);
            if (_long.UnitIndex >= 0)
                CheckValue(_long.UnitIndex, IsText);
            _signals = new StringInterner(options.Mapping.Qualify);
            _units = new StringInterner(static u => u);
        }
    }

    public long TotalBytes { get; }

    public long BytesRead => _maxPosition;

    public long Rows { get; private set; }

    /// <summary>Opens <paramref name="path"/> and checks its schema; throws <see cref="FileImportException"/> when it cannot be imported.</summary>
    public static async Task<ParquetPointSource> OpenAsync(string path, FileImportOptions options, CancellationToken cancellationToken)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous);
        ParquetReader? reader = null;
        try
        {
            reader = await ParquetReader.CreateAsync(stream, leaveStreamOpen: true, cancellationToken: cancellationToken);
            return new ParquetPointSource(path, stream, reader, options);
        }
        catch (Exception e) when (e is IOException or ParquetException or NotSupportedException or InvalidDataException)
        {
            await DisposeAsync(reader, stream);
            throw new FileImportException(path, $"not a readable Parquet file: {e.Message}", e);
        }
        catch
        {
            await DisposeAsync(reader, stream);
            throw;
        }
    }

    public async ValueTask<bool> FillAsync(PointChunk chunk, CancellationToken cancellationToken)
    {
        while (!chunk.IsFull)
        {
            if (!_groupLoaded)
            {
                if (++_group >= _reader.RowGroupCount)
                    return false;
                await LoadGroupAsync(chunk, cancellationToken);
            }
            if (_wide is not null)
                await EmitWideAsync(_wide, chunk, cancellationToken);
            else
                EmitLong(chunk);
            _maxPosition = Math.Max(_maxPosition, _stream.Position);
        }
        return true;
    }

    private async Task LoadGroupAsync(PointChunk chunk, CancellationToken cancellationToken)
    {
        _groupReader?.Dispose();
        var group = _groupReader = _reader.OpenRowGroupReader(_group);
        _groupFirstRow = Rows;
        _groupRows = checked((int)group.RowCount);
        Rows += _groupRows;
        EnsureCapacity(_groupRows);
        var tsIndex = _wide?.TimestampIndex ?? _long!.TimestampIndex;
        var tsField = _fields[tsIndex];
        using (var raw = await group.ReadRawColumnDataBaseAsync(tsField, cancellationToken))
        {
            ParquetColumnDecoder.DecodeTimestamps(raw, tsField, _groupRows, _timestamps, _ts, _tsValid,
                (row, text) => chunk.MalformedRows.Add(new MalformedRow(
                    $"row {_groupFirstRow + row + 1}, column '{tsField.Name}': {(text is null ? "the timestamp is null." : _timestamps.Describe(text))}", text)));
        }
        if (_long is not null)
        {
            await ReadValuesAsync(group, _long.ValueIndex, cancellationToken);
            await ReadStringsAsync(group, _long.SignalIndex, _signals!, _signalCells, cancellationToken);
            if (_long.UnitIndex >= 0)
                await ReadStringsAsync(group, _long.UnitIndex, _units!, _unitCells, cancellationToken);
        }
        _column = -1;
        _blockFirst = 0;
        _row = _groupRows;
        _groupLoaded = true;
    }

    private async Task EmitWideAsync(WidePlan plan, PointChunk chunk, CancellationToken cancellationToken)
    {
        var block = _block;
        if (_row >= _groupRows)
        {
            // Next block of value columns: the first one of the row group, or the one after the block just emitted.
            var first = _column < 0 ? 0 : _blockFirst + block.Columns;
            if (first >= plan.Columns.Length)
            {
                _groupLoaded = false;
                return;
            }
            await LoadBlockAsync(plan, first, cancellationToken);
            _row = 0;
        }
        var points = chunk.Points;
        var columns = plan.Columns.AsSpan(_blockFirst, block.Columns);
        var ts = _ts;
        var valid = _tsValid;
        var row = _row;
        // Whole rows at a time: a chunk may overshoot its capacity by up to one row of the block.
        for (; row < _groupRows && !chunk.IsFull; row++)
        {
            if (!valid[row])
            {
                for (var c = 0; c < columns.Length; c++)
                    if (!block.IsMissing(row, c))
                        chunk.MalformedPoints++;
                continue;
            }
            var timestamp = ts[row];
            for (var c = 0; c < columns.Length; c++)
            {
                var value = block.Get(row, c);
                if (value.Kind != RawValueKind.Missing)
                    points.Add(new IncomingPoint(columns[c].Signal, timestamp, value, columns[c].Unit));
            }
        }
        _row = row;
    }

    private async Task LoadBlockAsync(WidePlan plan, int first, CancellationToken cancellationToken)
    {
        var count = ParquetValueBlock.ColumnsPerBlock(_groupRows, plan.Columns.Length - first);
        _block.Reset(_groupRows, count);
        for (var c = 0; c < count; c++)
        {
            await ReadValuesAsync(_groupReader!, plan.Columns[first + c].Index, cancellationToken);
            _block.Set(c, _values.AsSpan(0, _groupRows));
        }
        _blockFirst = first;
        _column = first;
    }

    private void EmitLong(PointChunk chunk)
    {
        if (_row >= _groupRows)
        {
            if (_column >= 0)
            {
                _groupLoaded = false;
                return;
            }
            _column = 0;
            _row = 0;
        }
        var points = chunk.Points;
        for (; _row < _groupRows && !chunk.IsFull; _row++)
        {
            var value = _values[_row];
            if (value.Kind == RawValueKind.Missing)
                continue;
            if (!_tsValid[_row])
            {
                chunk.MalformedPoints++;
                continue;
            }
            if (_signalCells[_row] is not { } signal)
            {
                chunk.MalformedRows.Add(new MalformedRow($"row {_groupFirstRow + _row + 1}, column '{_long!.SignalName}': the signal is empty.", null));
                chunk.MalformedPoints++;
                continue;
            }
            points.Add(new IncomingPoint(signal, _ts[_row], value, _long!.UnitIndex >= 0 ? _unitCells[_row] ?? _defaultUnit : _defaultUnit));
        }
    }

    private async Task ReadValuesAsync(ParquetRowGroupReader group, int index, CancellationToken cancellationToken)
    {
        var field = _fields[index];
        using var raw = await group.ReadRawColumnDataBaseAsync(field, cancellationToken);
        ParquetColumnDecoder.DecodeValues(raw, field, _groupRows, _values);
    }

    private async Task ReadStringsAsync(ParquetRowGroupReader group, int index, StringInterner interner, string?[] target, CancellationToken cancellationToken)
    {
        var field = _fields[index];
        using var raw = await group.ReadRawColumnDataBaseAsync(field, cancellationToken);
        ParquetColumnDecoder.DecodeStrings(raw, field, _groupRows, interner, target);
    }

    private void EnsureCapacity(int rows)
    {
        if (_ts.Length >= rows)
            return;
        _ts = new DateTimeOffset[rows];
        _tsValid = new bool[rows];
        _values = new RawValue[rows];
        if (_long is not null)
        {
            _signalCells = new string?[rows];
            _unitCells = new string?[rows];
        }
    }

    private void CheckTimestamp(int index, TimestampFormat format)
    {
        var field = Flat(index);
        if (!ParquetColumnDecoder.IsSupportedTimestampType(field.ClrType, format))
        {
            var hint = field.ClrType == typeof(long) || field.ClrType == typeof(int) ? "; for Unix epochs choose epoch seconds or milliseconds" : "";
            throw new FileImportException(_file, $"timestamp column '{field.Name}' has type {field.ClrType.Name}, which is not a timestamp{hint}.");
        }
    }

    private void CheckValue(int index, Func<Type, bool> supported)
    {
        var field = Flat(index);
        if (!supported(field.ClrType))
            throw new FileImportException(_file, $"column '{field.Name}' has type {field.ClrType.Name}, which cannot be imported.");
    }

    private DataField Flat(int index) => _fields[index] is { IsArray: false } field
        ? field
        : throw new FileImportException(_file, $"column '{_reader.Schema.Fields[index].Name}' is nested (struct, list or map); only flat columns can be imported.");

    private static bool IsText(Type type) => type == typeof(ReadOnlyMemory<char>) || type == typeof(string);

    public ValueTask DisposeAsync()
    {
        _groupReader?.Dispose();
        _block.Dispose();
        return DisposeAsync(_reader, _stream);
    }

    private static async ValueTask DisposeAsync(ParquetReader? reader, FileStream stream)
    {
        if (reader is not null)
            await reader.DisposeAsync();
        await stream.DisposeAsync();
    }
}
