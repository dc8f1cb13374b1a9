using System.Globalization;
using Xunit.Abstractions;
using Zhizao.Agents.Maintenance.Benchmarks.Nab;

namespace Zhizao.Agents.Maintenance.Tests.Nab;

/// <summary>Checks the scorer series by series against NAB's own per-file score tables and exercises the optimiser on real results.</summary>
public sealed class NabPerFileScoresTests(NabSharedData data, ITestOutputHelper output) : IClassFixture<NabSharedData>
{
    [Theory]
    [InlineData("numenta", "standard")]
    [InlineData("numenta", "reward_low_FP_rate")]
    [InlineData("relativeEntropy", "reward_low_FN_rate")]
    public async Task Every_series_raw_score_matches_the_published_per_file_table(string detector, string profile)
    {
        var published = File.ReadLines(Path.Combine(data.Root, "results", detector, $"{detector}_{profile}_scores.csv"))
            .Skip(1)
            .Select(line => line.Split(','))
            .Where(fields => fields[0] == detector)
            .ToDictionary(fields => fields[2], fields => (Threshold: Parse(fields[3]), Score: Parse(fields[4])), StringComparer.Ordinal);
        var results = await data.ResultsAsync(detector);

        var score = NabScorer.Score(data.Corpus, results, data.Profiles[profile], published.Values.First().Threshold);

        Assert.Equal(58, published.Count);
        Assert.All(score.Files, file => Assert.Equal(published[file.Series].Score, file.RawScore, 6));
    }

    [Fact]
    public async Task Optimised_threshold_scores_at_least_the_published_threshold()
    {
        var results = await data.ResultsAsync("numenta");
        var profile = data.Profiles["standard"];

        var optimised = NabScorer.Optimize(data.Corpus, results, profile);
        var published = NabScorer.Score(data.Corpus, results, profile, 0.5421876907348634);

        output.WriteLine($"optimised threshold {optimised.Threshold:R}: raw {optimised.RawScore:F4}, normalised {optimised.NormalizedScore:F4}; published threshold: {published.NormalizedScore:F4}");
        Assert.True(optimised.RawScore >= published.RawScore - 1e-9, $"optimised {optimised.RawScore} at {optimised.Threshold}, published threshold gives {published.RawScore}");
        Assert.True(optimised.NormalizedScore < 100);
    }

    private static double Parse(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
}
