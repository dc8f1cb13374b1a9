using Xunit.Abstractions;
using Zhizao.Agents.Maintenance.Benchmarks.Nab;

namespace Zhizao.Agents.Maintenance.Tests.Nab;

/// <summary>
/// Reproduces NAB's published scores from the raw results shipped in shared/data/nab. Missing data fails with
/// SharedData's message naming the path, never a silent pass.
/// </summary>
public sealed class NabPublishedScoresTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("numenta")]
    [InlineData("relativeEntropy")]
    [InlineData("null")]
    public async Task Published_detector_scores_are_reproduced_within_a_tenth_for_every_profile(string detector)
    {
        var reproductions = await NabBenchmark.ReproducePublishedAsync(detector, CancellationToken.None);

        Assert.Equal(NabProfile.PublishedNames, reproductions.Select(r => r.Profile));
        foreach (var r in reproductions)
        {
            output.WriteLine($"{detector} {r.Profile}: threshold {r.Threshold:R} raw {r.Score.RawScore:F4} (published {r.PublishedRawScore:F4}) " +
                $"normalised {r.Score.NormalizedScore:F4} (published {r.PublishedNormalizedScore:F4}) TP {r.Score.DetectedWindows} FN {r.Score.MissedWindows} FP {r.Score.FalsePositives}");
            Assert.Equal(r.PublishedRawScore, r.Score.RawScore, 6);
            Assert.True(Math.Abs(r.Difference) < 0.1, $"{detector} {r.Profile}: ours {r.Score.NormalizedScore:F4}, published {r.PublishedNormalizedScore:F4}");
        }
    }
}
