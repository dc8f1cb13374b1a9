using System.Text.Json;

namespace Zhizao.Agents.Maintenance.Benchmarks.Nab;

/// <summary>A labelled anomaly window, both ends inclusive.</summary>
public readonly record struct NabWindow(DateTime Start, DateTime End);

/// <summary>One NAB series: its name relative to <c>data/</c> (<c>category/file.csv</c>), its rows and its label windows.</summary>
public sealed record NabSeries(string Name, IReadOnlyList<DateTime> Timestamps, IReadOnlyList<double> Values, IReadOnlyList<NabWindow> Windows)
{
    /// <summary>The category folder, e.g. <c>realKnownCause</c>.</summary>
    public string Category => Name[..Name.IndexOf('/', StringComparison.Ordinal)];

    /// <summary>The file name without folder, e.g. <c>nyc_taxi.csv</c>.</summary>
    public string FileName => Name[(Name.IndexOf('/', StringComparison.Ordinal) + 1)..];
}

/// <summary>The NAB corpus: every series named in the label file, in the label file's order.</summary>
public sealed class NabCorpus
{
    /// <summary>Creates a corpus from series already in memory (tests, subsets).</summary>
    public NabCorpus(IReadOnlyList<NabSeries> series) => Series = series;

    /// <summary>The series, each with its windows.</summary>
    public IReadOnlyList<NabSeries> Series { get; }

    /// <summary>Total number of label windows.</summary>
    public int WindowCount => Series.Sum(s => s.Windows.Count);

    /// <summary>
    /// Reads a NAB checkout laid out as <c>data/&lt;category&gt;/&lt;file&gt;.csv</c> and <c>labels/combined_windows.json</c>.
    /// </summary>
    public static async Task<NabCorpus> LoadAsync(string nabRoot, CancellationToken cancellationToken)
    {
        var labels = await ReadWindowsAsync(Path.Combine(nabRoot, "labels", "combined_windows.json"), cancellationToken).ConfigureAwait(false);
        var series = new List<NabSeries>(labels.Count);
        foreach (var (name, windows) in labels)
        {
            var rows = await NabCsv.ReadAsync(Path.Combine(nabRoot, "data", name), ["value"], cancellationToken).ConfigureAwait(false);
            series.Add(new NabSeries(name, rows.Timestamps, rows.Columns[0], windows));
        }
        return new NabCorpus(series);
    }

    /// <summary>Reads the corpus from the shared benchmark data (<c>shared/data/nab</c>).</summary>
    public static Task<NabCorpus> LoadSharedAsync(CancellationToken cancellationToken) =>
        LoadAsync(SharedData.Resolve("nab"), cancellationToken);

    /// <summary>Reads <c>combined_windows.json</c>: a map from series name to a list of [start, end] timestamp pairs.</summary>
    public static async Task<IReadOnlyList<(string Name, IReadOnlyList<NabWindow> Windows)>> ReadWindowsAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        var map = await JsonSerializer.DeserializeAsync<Dictionary<string, string[][]>>(stream, cancellationToken: cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidDataException($"{path}: empty label file");
        return [.. map.Select(entry => (entry.Key, (IReadOnlyList<NabWindow>)[.. entry.Value.Select(pair => ToWindow(path, entry.Key, pair))]))];
    }

    private static NabWindow ToWindow(string path, string name, string[] pair)
    {
        if (pair.Length != 2)
            throw new InvalidDataException($"{path}: window of {name} has {pair.Length} ends, expected 2");
        var window = new NabWindow(NabTimestamp.Parse(pair[0]), NabTimestamp.Parse(pair[1]));
        return window.Start <= window.End ? window : throw new InvalidDataException($"{path}: window of {name} ends before it starts");
    }
}
