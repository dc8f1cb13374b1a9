using System.Globalization;

namespace Zhizao.Agents.Maintenance.Benchmarks.Skab;

/// <summary>One SKAB run: timestamps, the sensor columns and, for runs with anomalies, the true labels.</summary>
/// <param name="Name">Path relative to the data folder, e.g. <c>valve1/3.csv</c>.</param>
/// <param name="DateTimes">The <c>datetime</c> column exactly as written.</param>
/// <param name="Timestamps">Parsed timestamps.</param>
/// <param name="Signals">Sensor column names, in file order.</param>
/// <param name="Rows">Sensor values per row.</param>
/// <param name="Anomaly">True <c>anomaly</c> label per row; empty for the anomaly-free run.</param>
/// <param name="Changepoint">True <c>changepoint</c> label per row; empty for the anomaly-free run.</param>
public sealed record SkabFile(string Name, IReadOnlyList<string> DateTimes, IReadOnlyList<DateTime> Timestamps, IReadOnlyList<string> Signals,
    IReadOnlyList<double[]> Rows, IReadOnlyList<bool> Anomaly, IReadOnlyList<bool> Changepoint)
{
    /// <summary>The folder (<c>valve1</c>, <c>valve2</c>, <c>other</c>, <c>anomaly-free</c>).</summary>
    public string Folder => Path.GetDirectoryName(Name) ?? "";

    /// <summary>True when the file carries <c>anomaly</c> and <c>changepoint</c> labels.</summary>
    public bool IsLabelled => Anomaly.Count == Rows.Count;
}

/// <summary>Reads SKAB's <c>;</c>-separated files: <c>datetime</c>, the sensors, then optionally <c>anomaly</c> and <c>changepoint</c>.</summary>
public static class SkabReader
{
    private static readonly string[] LabelColumns = ["anomaly", "changepoint"];

    /// <summary>Every labelled run under <c>&lt;skabRoot&gt;/data</c> (or <paramref name="skabRoot"/> itself when it has no <c>data</c> folder), ordered by folder then number.</summary>
    public static async Task<IReadOnlyList<SkabFile>> ReadLabelledAsync(string skabRoot, CancellationToken cancellationToken)
    {
        var dataRoot = DataRoot(skabRoot);
        var files = new List<SkabFile>();
        foreach (var path in Directory.EnumerateFiles(dataRoot, "*.csv", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var file = await ReadAsync(dataRoot, path, cancellationToken).ConfigureAwait(false);
            if (file.IsLabelled)
                files.Add(file);
        }
        return [.. files.OrderBy(f => f.Folder, StringComparer.Ordinal).ThenBy(f => FileNumber(f.Name))];
    }

    /// <summary>The folder holding the run folders.</summary>
    public static string DataRoot(string skabRoot) =>
        Directory.Exists(Path.Combine(skabRoot, "data")) ? Path.Combine(skabRoot, "data") : skabRoot;

    /// <summary>Reads one file; <paramref name="dataRoot"/> is used to name it.</summary>
    public static async Task<SkabFile> ReadAsync(string dataRoot, string path, CancellationToken cancellationToken)
    {
        var lines = await File.ReadAllLinesAsync(path, cancellationToken).ConfigureAwait(false);
        if (lines.Length < 2)
            throw new InvalidDataException($"{path}: no rows");
        var header = lines[0].Split(';');
        if (header[0] != "datetime")
            throw new InvalidDataException($"{path}: first column is '{header[0]}', expected 'datetime'");
        var labelled = header.Length >= 3 && header[^2] == LabelColumns[0] && header[^1] == LabelColumns[1];
        var signals = header[1..(labelled ? header.Length - 2 : header.Length)];
        var dateTimes = new List<string>(lines.Length);
        var timestamps = new List<DateTime>(lines.Length);
        var rows = new List<double[]>(lines.Length);
        var anomaly = new List<bool>();
        var changepoint = new List<bool>();
        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i].Length == 0)
                continue;
            var fields = lines[i].Split(';');
            if (fields.Length != header.Length)
                throw new InvalidDataException($"{path}:{i + 1}: {fields.Length} fields, expected {header.Length}");
            dateTimes.Add(fields[0]);
            timestamps.Add(DateTime.TryParseExact(fields[0], "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t)
                ? t
                : throw new InvalidDataException($"{path}:{i + 1}: '{fields[0]}' is not a 'yyyy-MM-dd HH:mm:ss' timestamp"));
            var row = new double[signals.Length];
            for (var c = 0; c < row.Length; c++)
                row[c] = Number(path, i, fields[c + 1]);
            rows.Add(row);
            if (labelled)
            {
                anomaly.Add(Number(path, i, fields[^2]) != 0);
                changepoint.Add(Number(path, i, fields[^1]) != 0);
            }
        }
        var name = Path.GetRelativePath(dataRoot, path).Replace('\\', '/');
        return new SkabFile(name, dateTimes, timestamps, signals, rows, anomaly, changepoint);
    }

    private static double Number(string path, int line, string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw new InvalidDataException($"{path}:{line + 1}: '{text}' is not a number");

    private static int FileNumber(string name) =>
        int.TryParse(Path.GetFileNameWithoutExtension(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : int.MaxValue;
}
