using System.Globalization;
using System.Text;

namespace Zhizao.Cli.Bench;

/// <summary>One M4 series: its id, training values and the held-out values to score against.</summary>
internal sealed record M4Series(string Id, double[] Train, double[] Test);

/// <summary>A published M4 result for one method on one frequency (the competition's own table).</summary>
internal sealed record PublishedResult(string MethodId, string Team, double Smape, double Mase, double Owa);

/// <summary>
/// Reads and writes the M4 competition's CSV layouts: the data files (header <c>"V1","V2",…</c>, the id first, then the
/// values, then empty cells), the submission files (<c>id,F1,…,Fh</c>) and the table of published results.
/// </summary>
internal static class ForecastingBenchData
{
    /// <summary>Reads a train/test pair; every test series must have exactly <paramref name="horizon"/> values and a training series.</summary>
    public static IReadOnlyList<M4Series> Read(string trainPath, string testPath, int horizon)
    {
        var train = ReadSeries(trainPath);
        var test = ReadSeries(testPath);
        var byId = train.ToDictionary(s => s.Id, s => s.Values, StringComparer.Ordinal);
        var series = new List<M4Series>(test.Count);
        foreach (var (id, values, line) in test)
        {
            if (!byId.TryGetValue(id, out var history))
                throw new InvalidDataException($"{testPath}:{line}: series {id} has no training series in {trainPath}");
            if (values.Length != horizon)
                throw new InvalidDataException($"{testPath}:{line}: series {id} has {values.Length} test values but the horizon is {horizon} (set --horizon)");
            if (history.Length == 0)
                throw new InvalidDataException($"{trainPath}: series {id} has no training values");
            series.Add(new M4Series(id, history, values));
        }
        if (series.Count == 0)
            throw new InvalidDataException($"{testPath}: no series");
        if (series.Count != train.Count)
            throw new InvalidDataException($"{trainPath} has {train.Count} series but {testPath} has {series.Count}");
        return series;
    }

    private static List<(string Id, double[] Values, int Line)> ReadSeries(string path)
    {
        var rows = new List<(string, double[], int)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var number = 0;
        foreach (var text in File.ReadLines(path))
        {
            number++;
            if (number == 1 || text.Length == 0)
                continue; // the "V1","V2",… header
            var fields = SplitCsv(text, path, number);
            var id = fields[0];
            if (id.Length == 0 || !seen.Add(id))
                throw new InvalidDataException($"{path}:{number}: {(id.Length == 0 ? "empty series id" : $"series id {id} repeated")}");
            var values = new List<double>(fields.Count - 1);
            for (var i = 1; i < fields.Count && fields[i].Length > 0; i++)
            {
                if (!double.TryParse(fields[i], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
                    throw new InvalidDataException($"{path}:{number}: series {id}, column V{i + 1}: '{fields[i]}' is not a number");
                values.Add(value);
            }
            for (var i = values.Count + 1; i < fields.Count; i++)
                if (fields[i].Length > 0)
                    throw new InvalidDataException($"{path}:{number}: series {id} has a value after an empty cell (column V{i + 1})");
            rows.Add((id, values.ToArray(), number));
        }
        return rows;
    }

    /// <summary>Splits one CSV line (quoted fields unquoted, fields trimmed); a quote left open is an error naming the line.</summary>
    private static List<string> SplitCsv(string line, string path, int number) =>
        Core.Text.CsvLine.Split(line)?.Select(f => f.Trim()).ToList()
        ?? throw new InvalidDataException($"{path}:{number}: a double quote is left open");

    /// <summary>Writes one submission file: header <c>id,F1,…,Fh</c>, then a row per series in input order.</summary>
    public static async Task WriteSubmissionAsync(string path, IReadOnlyList<M4Series> series, IReadOnlyList<double[]> rows, CancellationToken cancellationToken)
    {
        var inv = CultureInfo.InvariantCulture;
        var horizon = series[0].Test.Length;
        var sb = new StringBuilder("id");
        for (var h = 1; h <= horizon; h++)
            sb.Append(inv, $",F{h}");
        sb.Append('\n');
        for (var i = 0; i < series.Count; i++)
        {
            sb.Append(series[i].Id);
            foreach (var value in rows[i])
                sb.Append(',').Append(value.ToString("R", inv));
            sb.Append('\n');
        }
        await File.WriteAllTextAsync(path, sb.ToString(), cancellationToken);
    }

    /// <summary>
    /// The published results beside a training file named <c>{Frequency}-train.csv</c>: <c>published-{frequency}-point.csv</c>
    /// (<c>method_id,team,sMAPE,MASE,OWA</c>), or null when there is none.
    /// </summary>
    public static (string Path, IReadOnlyList<PublishedResult> Results)? ReadPublished(string trainPath)
    {
        var name = Path.GetFileNameWithoutExtension(trainPath);
        var dash = name.IndexOf('-', StringComparison.Ordinal);
        var frequency = (dash > 0 ? name[..dash] : name).ToLowerInvariant();
        var path = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(trainPath)) ?? ".", $"published-{frequency}-point.csv");
        if (!File.Exists(path))
            return null;
        var results = new List<PublishedResult>();
        var number = 0;
        foreach (var text in File.ReadLines(path))
        {
            if (number++ == 0 || text.Length == 0)
                continue;
            var f = SplitCsv(text, path, number);
            if (f.Count != 5 || !TryParse(f[2], out var smape) || !TryParse(f[3], out var mase) || !TryParse(f[4], out var owa))
                throw new InvalidDataException($"{path}:{number}: expected method_id,team,sMAPE,MASE,OWA");
            results.Add(new PublishedResult(f[0], f[1], smape, mase, owa));
        }
        return (path, results);
    }

    private static bool TryParse(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
}
