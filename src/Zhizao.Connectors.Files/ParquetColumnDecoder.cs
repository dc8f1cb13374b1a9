using System.Numerics;
using Parquet.Data;
using Parquet.Schema;
using Zhizao.Core.Points;

namespace Zhizao.Connectors.Files;

/// <summary>
/// Decodes one Parquet column chunk (as read raw by Parquet.Net: defined values packed, plus definition levels
/// when the column is nullable) into per-row values. Buffers are reused across row groups.
/// </summary>
internal static class ParquetColumnDecoder
{
    /// <summary>True when a value column of this CLR type can be imported.</summary>
    public static bool IsSupportedValueType(Type type) =>
        type == typeof(double) || type == typeof(float) || type == typeof(long) || type == typeof(int) || type == typeof(short)
        || type == typeof(sbyte) || type == typeof(byte) || type == typeof(ushort) || type == typeof(uint) || type == typeof(ulong)
        || type == typeof(decimal) || type == typeof(bool) || type == typeof(ReadOnlyMemory<char>) || type == typeof(string);

    /// <summary>True when a timestamp column of this CLR type can be imported with <paramref name="format"/>.</summary>
    public static bool IsSupportedTimestampType(Type type, TimestampFormat format) =>
        type == typeof(DateTime) || type == typeof(ReadOnlyMemory<char>) || type == typeof(string)
        || (format != TimestampFormat.Text && (type == typeof(long) || type == typeof(int)));

    /// <summary>Fills <paramref name="values"/>[0..rows) with the column's values, <see cref="RawValue.Missing"/> for nulls and blanks.</summary>
    public static void DecodeValues(RawColumnData raw, DataField field, int rows, RawValue[] values)
    {
        switch (raw)
        {
            case RawColumnData<double> d: Numbers(d, field, rows, values); break;
            case RawColumnData<float> d: Numbers(d, field, rows, values); break;
            case RawColumnData<long> d: Numbers(d, field, rows, values); break;
            case RawColumnData<int> d: Numbers(d, field, rows, values); break;
            case RawColumnData<short> d: Numbers(d, field, rows, values); break;
            case RawColumnData<sbyte> d: Numbers(d, field, rows, values); break;
            case RawColumnData<byte> d: Numbers(d, field, rows, values); break;
            case RawColumnData<ushort> d: Numbers(d, field, rows, values); break;
            case RawColumnData<uint> d: Numbers(d, field, rows, values); break;
            case RawColumnData<ulong> d: Numbers(d, field, rows, values); break;
            case RawColumnData<decimal> d: Numbers(d, field, rows, values); break;
            case RawColumnData<bool> d:
            {
                var defs = Definitions(d, field);
                var source = d.Values;
                for (int r = 0, v = 0; r < rows; r++)
                    values[r] = defs.IsEmpty || defs[r] != 0 ? RawValue.Of(source[v++]) : RawValue.Missing;
                break;
            }
            case RawColumnData<ReadOnlyMemory<char>> d:
            {
                var defs = Definitions(d, field);
                var source = d.Values;
                for (int r = 0, v = 0; r < rows; r++)
                    values[r] = (defs.IsEmpty || defs[r] != 0) && CellValue.TryParse(source[v++].Span, out var value) ? value : RawValue.Missing;
                break;
            }
            default:
                throw new NotSupportedException($"column '{field.Name}' has type {field.ClrType.Name}, which cannot be imported.");
        }
    }

    /// <summary>
    /// Fills <paramref name="timestamps"/>[0..rows) and <paramref name="valid"/>; for an invalid row, <paramref name="onInvalid"/>
    /// gets its index and the raw text (null for a null cell).
    /// </summary>
    public static void DecodeTimestamps(RawColumnData raw, DataField field, int rows, TimestampParser parser,
        DateTimeOffset[] timestamps, bool[] valid, Action<int, string?> onInvalid)
    {
        switch (raw)
        {
            case RawColumnData<DateTime> d:
            {
                var adjusted = field is DateTimeDataField { IsAdjustedToUTC: true };
                var defs = Definitions(d, field);
                var source = d.Values;
                for (int r = 0, v = 0; r < rows; r++)
                {
                    var present = defs.IsEmpty || defs[r] != 0;
                    var value = present ? source[v++] : default;
                    if (present && parser.TryFromDateTime(value, adjusted, out timestamps[r]))
                        valid[r] = true;
                    else
                        Invalid(r, present ? value.ToString("O", System.Globalization.CultureInfo.InvariantCulture) : null);
                }
                break;
            }
            case RawColumnData<long> d:
            {
                var defs = Definitions(d, field);
                var source = d.Values;
                for (int r = 0, v = 0; r < rows; r++)
                {
                    var present = defs.IsEmpty || defs[r] != 0;
                    var value = present ? source[v++] : 0;
                    if (present && parser.TryFromEpoch(value, out timestamps[r]))
                        valid[r] = true;
                    else
                        Invalid(r, present ? value.ToString(System.Globalization.CultureInfo.InvariantCulture) : null);
                }
                break;
            }
            case RawColumnData<int> d:
            {
                var defs = Definitions(d, field);
                var source = d.Values;
                for (int r = 0, v = 0; r < rows; r++)
                {
                    var present = defs.IsEmpty || defs[r] != 0;
                    var value = present ? source[v++] : 0;
                    if (present && parser.TryFromEpoch(value, out timestamps[r]))
                        valid[r] = true;
                    else
                        Invalid(r, present ? value.ToString(System.Globalization.CultureInfo.InvariantCulture) : null);
                }
                break;
            }
            case RawColumnData<ReadOnlyMemory<char>> d:
            {
                var defs = Definitions(d, field);
                var source = d.Values;
                for (int r = 0, v = 0; r < rows; r++)
                {
                    var present = defs.IsEmpty || defs[r] != 0;
                    var text = present ? source[v++] : default;
                    if (present && parser.TryParse(text.Span, out timestamps[r]))
                        valid[r] = true;
                    else
                        Invalid(r, present ? text.ToString() : null);
                }
                break;
            }
            default:
                throw new NotSupportedException($"timestamp column '{field.Name}' has type {field.ClrType.Name}, which cannot be imported.");
        }

        // The raw text is formatted only for the rows that are reported.
        void Invalid(int row, string? text)
        {
            valid[row] = false;
            onInvalid(row, text);
        }
    }

    /// <summary>Fills <paramref name="texts"/>[0..rows) with shared strings from <paramref name="interner"/>, null for null or empty cells.</summary>
    public static void DecodeStrings(RawColumnData raw, DataField field, int rows, StringInterner interner, string?[] texts)
    {
        if (raw is not RawColumnData<ReadOnlyMemory<char>> d)
            throw new NotSupportedException($"column '{field.Name}' has type {field.ClrType.Name}; text is expected.");
        var defs = Definitions(d, field);
        var source = d.Values;
        for (int r = 0, v = 0; r < rows; r++)
        {
            var span = defs.IsEmpty || defs[r] != 0 ? source[v++].Span.Trim() : default;
            texts[r] = span.IsEmpty ? null : interner.Get(span);
        }
    }

    private static void Numbers<T>(RawColumnData<T> data, DataField field, int rows, RawValue[] values)
        where T : struct, INumberBase<T>
    {
        var defs = Definitions(data, field);
        var source = data.Values;
        if (defs.IsEmpty)
        {
            for (var r = 0; r < rows; r++)
                values[r] = RawValue.Of(double.CreateTruncating(source[r]));
            return;
        }
        for (int r = 0, v = 0; r < rows; r++)
            values[r] = defs[r] != 0 ? RawValue.Of(double.CreateTruncating(source[v++])) : RawValue.Missing;
    }

    // Top-level optional columns have a maximum definition level of 1: 0 marks a null.
    private static ReadOnlySpan<int> Definitions(RawColumnData data, DataField field) =>
        field.IsNullable ? data.DefinitionLevels : default;
}
