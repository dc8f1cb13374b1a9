using System.Text;
using static System.FormattableString;

namespace Zhizao.Agents.Supply.Data;

/// <summary>
/// Streams a CSV file line by line: strict UTF-8 (a byte-order mark is accepted), a size bound checked as it reads,
/// 1-based line numbers, and RFC 4180 quoting within a line (a quoted field may hold the delimiter and doubled quotes,
/// not a line break). The delimiter is taken from the header: comma, else tab, else semicolon.
/// </summary>
internal sealed class CsvSource : IDisposable
{
    private readonly StreamReader _reader;
    private readonly FindingLog _log;
    private readonly long _maxBytes;
    private long _bytes;

    private CsvSource(Stream stream, FindingLog log, long maxBytes)
    {
        // Invalid bytes decode to U+FFFD and are refused line by line: a throwing decoder fails on a whole buffer and
        // could not say which line is at fault.
        _reader = new StreamReader(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false),
            detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16, leaveOpen: true);
        _log = log;
        _maxBytes = maxBytes;
    }

    /// <summary>The number of the line last read (the header is line 1).</summary>
    public long LineNumber { get; private set; }

    /// <summary>The field delimiter, set by <see cref="ReadHeaderAsync"/>.</summary>
    public char Delimiter { get; private set; } = ',';

    /// <summary>Opens a stream; a seekable stream over the bound is refused before anything is read.</summary>
    public static CsvSource Open(Stream stream, FindingLog log, long maxBytes)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (stream.CanSeek && stream.Length - stream.Position > maxBytes)
            throw log.Refuse(FindingKind.FileTooLarge, null, null, null,
                Invariant($"the file is {Megabytes(stream.Length - stream.Position)} MB, over the bound of {Megabytes(maxBytes)} MB; split it or aggregate the rows."));
        return new CsvSource(stream, log, maxBytes);
    }

    /// <summary>
    /// Reads the header (the first non-blank line), chooses the delimiter and returns the trimmed column names.
    /// Throws when the file is empty.
    /// </summary>
    public async Task<string[]> ReadHeaderAsync(string example, CancellationToken cancellationToken)
    {
        string? line;
        do
        {
            line = await ReadLineAsync(cancellationToken);
            if (line is null)
                throw _log.Refuse(FindingKind.EmptyFile, null, null, null, $"the file is empty: expected a header line such as '{example}'.");
        }
        while (line.Trim().Length == 0);
        line = line.TrimStart('\uFEFF');
        Delimiter = line.Contains(',', StringComparison.Ordinal) ? ','
            : line.Contains('\t', StringComparison.Ordinal) ? '\t'
            : line.Contains(';', StringComparison.Ordinal) ? ';' : ',';
        return Split(line) is { } fields ? [.. fields.Select(f => f.Trim())]
            : throw _log.Refuse(FindingKind.MissingHeader, LineNumber, null, line, "the header has an unbalanced quote.");
    }

    /// <summary>The next line, or null at the end. Throws when the file is not UTF-8 or passes the size bound.</summary>
    public async Task<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        var line = await _reader.ReadLineAsync(cancellationToken);
        if (line is null)
            return null;
        LineNumber++;
        if (line.Contains('\uFFFD', StringComparison.Ordinal))
            throw _log.Refuse(FindingKind.NotUtf8, LineNumber, null, null,
                "the file is not UTF-8 text (Excel: save as 'CSV UTF-8'; other editors: choose the UTF-8 encoding).");
        _bytes += Encoding.UTF8.GetByteCount(line) + 1;
        if (_bytes > _maxBytes)
            throw _log.Refuse(FindingKind.FileTooLarge, LineNumber, null, null,
                Invariant($"the file passes the bound of {Megabytes(_maxBytes)} MB at this line; split it or aggregate the rows."));
        return line;
    }

    /// <summary>Splits a line into fields, or returns null when a quote is left open.</summary>
    public List<string>? Split(string line) => Core.Text.CsvLine.Split(line, Delimiter);

    private static string Megabytes(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);

    public void Dispose() => _reader.Dispose();
}
