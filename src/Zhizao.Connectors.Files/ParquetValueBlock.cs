using System.Buffers;
using Zhizao.Core.Points;

namespace Zhizao.Connectors.Files;

/// <summary>
/// The decoded values of a block of wide value columns of one row group, laid out row by row so that the points can be
/// emitted in time order (a row's cells, then the next row's): the store then sees chunks that follow the points already
/// stored, as a CSV file gives them, instead of every chunk spanning the whole row group's time range.
/// Compact (a number and a kind byte per cell, text only for the columns that have some); buffers come from
/// <see cref="ArrayPool{T}"/> and are reused across blocks and row groups.
/// </summary>
internal sealed class ParquetValueBlock : IDisposable
{
    /// <summary>Most cells a block holds (about 36 MiB): row groups with more cells are emitted in several column blocks.</summary>
    public const int MaxCells = 4 * 1024 * 1024;

    private double[] _numbers = [];
    private byte[] _kinds = [];
    private string?[]? _texts;
    private bool _hasText;

    /// <summary>Rows of the block.</summary>
    public int Rows { get; private set; }

    /// <summary>Columns of the block.</summary>
    public int Columns { get; private set; }

    /// <summary>How many of <paramref name="remaining"/> columns of <paramref name="rows"/> rows fit in one block (at least one).</summary>
    public static int ColumnsPerBlock(int rows, int remaining) => Math.Clamp(MaxCells / Math.Max(rows, 1), 1, remaining);

    /// <summary>Empties the block and makes room for <paramref name="rows"/> × <paramref name="columns"/> cells.</summary>
    public void Reset(int rows, int columns)
    {
        var cells = checked(rows * columns);
        if (_numbers.Length < cells)
        {
            Return();
            _numbers = ArrayPool<double>.Shared.Rent(cells);
            _kinds = ArrayPool<byte>.Shared.Rent(cells);
        }
        if (_hasText)
            Array.Clear(_texts!);
        _hasText = false;
        Rows = rows;
        Columns = columns;
    }

    /// <summary>Stores column <paramref name="column"/> of the block from a decoded column (<see cref="Rows"/> values).</summary>
    public void Set(int column, ReadOnlySpan<RawValue> values)
    {
        var numbers = _numbers;
        var kinds = _kinds;
        var stride = Columns;
        for (int r = 0, i = column; r < values.Length; r++, i += stride)
        {
            var value = values[r];
            numbers[i] = value.Number;
            kinds[i] = (byte)value.Kind;
            if (value.Text is { } text)
                SetText(i, text);
        }
    }

    /// <summary>The value of row <paramref name="row"/>, column <paramref name="column"/>.</summary>
    public RawValue Get(int row, int column)
    {
        var i = (row * Columns) + column;
        return new RawValue((RawValueKind)_kinds[i], _numbers[i], _hasText ? _texts![i] : null);
    }

    /// <summary>True when the cell at <paramref name="row"/>, <paramref name="column"/> is null or blank.</summary>
    public bool IsMissing(int row, int column) => _kinds[(row * Columns) + column] == (byte)RawValueKind.Missing;

    private void SetText(int index, string text)
    {
        if (!_hasText)
        {
            if (_texts is null || _texts.Length < _numbers.Length)
                _texts = new string?[_numbers.Length];
            _hasText = true;
        }
        _texts![index] = text;
    }

    private void Return()
    {
        if (_numbers.Length > 0)
            ArrayPool<double>.Shared.Return(_numbers);
        if (_kinds.Length > 0)
            ArrayPool<byte>.Shared.Return(_kinds);
        _numbers = [];
        _kinds = [];
        _texts = null;
        _hasText = false;
    }

    public void Dispose() => Return();
}
