namespace Zhizao.Agents.Maintenance.Benchmarks.Nab;

/// <summary>A detector's anomaly scores for every series of a corpus, one score per row, keyed by series name.</summary>
public sealed class NabDetectorResults
{
    /// <summary>Creates results from scores already in memory (a detector run, tests).</summary>
    public NabDetectorResults(string detectorName, IReadOnlyDictionary<string, IReadOnlyList<double>> scores)
    {
        DetectorName = detectorName;
        Scores = scores;
    }

    /// <summary>The detector's name as used in NAB's results layout.</summary>
    public string DetectorName { get; }

    /// <summary>Series name (<c>category/file.csv</c>) → anomaly score per row.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<double>> Scores { get; }

    /// <summary>The scores of one series; throws naming the series and detector when absent.</summary>
    public IReadOnlyList<double> For(NabSeries series) =>
        Scores.TryGetValue(series.Name, out var scores)
            ? scores
            : throw new KeyNotFoundException($"detector {DetectorName} has no scores for {series.Name}");

    /// <summary>
    /// Reads NAB's results layout <c>&lt;resultsRoot&gt;/&lt;detector&gt;/&lt;category&gt;/&lt;detector&gt;_&lt;file&gt;.csv</c>
    /// for every series of <paramref name="corpus"/>, checking that each file has the series' timestamps row for row.
    /// </summary>
    public static async Task<NabDetectorResults> LoadAsync(string resultsRoot, string detectorName, NabCorpus corpus, CancellationToken cancellationToken)
    {
        var scores = new Dictionary<string, IReadOnlyList<double>>(StringComparer.Ordinal);
        foreach (var series in corpus.Series)
        {
            var path = Path.Combine(resultsRoot, detectorName, series.Category, $"{detectorName}_{series.FileName}");
            var rows = await NabCsv.ReadAsync(path, ["anomaly_score"], cancellationToken).ConfigureAwait(false);
            if (!rows.Timestamps.SequenceEqual(series.Timestamps))
                throw new InvalidDataException($"{path}: timestamps differ from the series {series.Name}");
            scores[series.Name] = rows.Columns[0];
        }
        return new NabDetectorResults(detectorName, scores);
    }
}
