using System.Text.Json;

namespace Zhizao.Agents.Maintenance.Benchmarks.Nab;

/// <summary>Our score of a published detector for one profile, beside NAB's published normalised score.</summary>
/// <param name="Profile">Profile name.</param>
/// <param name="Threshold">The detector's published threshold for that profile (<c>config/thresholds.json</c>).</param>
/// <param name="Score">Our score at that threshold.</param>
/// <param name="PublishedRawScore">NAB's raw score at that threshold (<c>config/thresholds.json</c>).</param>
/// <param name="PublishedNormalizedScore">NAB's normalised score (<c>results/final_results.json</c>).</param>
public sealed record NabReproduction(string Profile, double Threshold, NabScore Score, double PublishedRawScore, double PublishedNormalizedScore)
{
    /// <summary>Our normalised score minus the published one.</summary>
    public double Difference => Score.NormalizedScore - PublishedNormalizedScore;
}

/// <summary>Runs NAB scoring on the shared benchmark data (<c>shared/data/nab</c>).</summary>
public static class NabBenchmark
{
    /// <summary>
    /// Scores a detector whose raw results ship with the data (<c>results/&lt;detector&gt;</c>) at its published thresholds,
    /// for each of NAB's three profiles, and pairs each score with the published one.
    /// </summary>
    public static async Task<IReadOnlyList<NabReproduction>> ReproducePublishedAsync(string detectorName, CancellationToken cancellationToken)
    {
        var root = SharedData.Resolve("nab");
        var corpus = await NabCorpus.LoadAsync(root, cancellationToken).ConfigureAwait(false);
        var results = await NabDetectorResults.LoadAsync(Path.Combine(root, "results"), detectorName, corpus, cancellationToken).ConfigureAwait(false);
        var profiles = await NabProfile.LoadAllAsync(Path.Combine(root, "config", "profiles.json"), cancellationToken).ConfigureAwait(false);
        var thresholds = await ReadJsonAsync<Dictionary<string, Dictionary<string, ThresholdJson>>>(Path.Combine(root, "config", "thresholds.json"), cancellationToken).ConfigureAwait(false);
        var published = await ReadJsonAsync<Dictionary<string, Dictionary<string, double>>>(Path.Combine(root, "results", "final_results.json"), cancellationToken).ConfigureAwait(false);
        if (!thresholds.TryGetValue(detectorName, out var detectorThresholds) || !published.TryGetValue(detectorName, out var detectorPublished))
            throw new KeyNotFoundException($"NAB publishes no thresholds or scores for detector {detectorName}");

        var reproductions = new List<NabReproduction>(NabProfile.PublishedNames.Count);
        foreach (var name in NabProfile.PublishedNames)
        {
            var threshold = detectorThresholds[name];
            var score = NabScorer.Score(corpus, results, profiles[name], threshold.Threshold);
            reproductions.Add(new NabReproduction(name, threshold.Threshold, score, threshold.Score, detectorPublished[name]));
        }
        return reproductions;
    }

    private static async Task<T> ReadJsonAsync<T>(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        return await JsonSerializer.DeserializeAsync<T>(stream, JsonOptions, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidDataException($"{path}: empty file");
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNameCaseInsensitive = true };

    private sealed record ThresholdJson(double Score, double Threshold);
}
