using System.Globalization;

namespace Zhizao.Agents.Maintenance.Benchmarks.Nab;

/// <summary>Reads NAB's comma-separated files: a <c>timestamp</c> column and named numeric columns, located by header.</summary>
internal static class NabCsv
{
    internal sealed record Rows(DateTime[] Timestamps, double[][] Columns);

    /// <summary>Reads the timestamps and the named numeric columns, in the order asked.</summary>
    public static async Task<Rows> ReadAsync(string path, string[] columns, CancellationToken cancellationToken)
    {
        var lines = await File.ReadAllLinesAsync(path, cancellationToken).ConfigureAwait(false);
        if (lines.Length == 0)
            throw new InvalidDataException($"{path}: empty file");
        var header = lines[0].Split(',');
        var timeIndex = IndexOf(path, header, "timestamp");
        var indexes = columns.Select(c => IndexOf(path, header, c)).ToArray();
        var rowCount = lines.Skip(1).Count(l => l.Length > 0);
        var timestamps = new DateTime[rowCount];
        var values = indexes.Select(_ => new double[rowCount]).ToArray();
        var row = 0;
        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i].Length == 0)
                continue;
            var fields = lines[i].Split(',');
            if (fields.Length < header.Length)
                throw new InvalidDataException($"{path}:{i + 1}: {fields.Length} fields, expected {header.Length}");
            timestamps[row] = NabTimestamp.Parse(fields[timeIndex]);
            for (var c = 0; c < indexes.Length; c++)
            {
                values[c][row] = double.TryParse(fields[indexes[c]], NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
                    ? v
                    : throw new InvalidDataException($"{path}:{i + 1}: '{fields[indexes[c]]}' is not a number");
            }
            row++;
        }
        return new Rows(timestamps, values);
    }

    private static int IndexOf(string path, string[] header, string column)
    {
        var index = Array.IndexOf(header, column);
        return index >= 0 ? index : throw new InvalidDataException($"{path}: no '{column}' column");
    }
}
