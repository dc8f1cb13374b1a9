using Zhizao.Agents.Maintenance.Benchmarks.Nab;

namespace Zhizao.Agents.Maintenance.Tests.Nab;

/// <summary>Fuzzy ART in Zhizao's NAB detector: on by default, and it reports a new pattern within NAB's input range.</summary>
public sealed class NabZhizaoFuzzyArtTests
{
    private const long MinuteMicros = 60_000_000;

    [Fact]
    public void Fuzzy_art_is_active_by_default_and_can_be_turned_off()
    {
        var values = Series(2000, seed: 1);

        var withArt = Run(new NabZhizaoOptions(), values, 300);
        var without = Run(new NabZhizaoOptions { FuzzyArt = [] }, values, 300);

        Assert.Contains("fuzzy-art", withArt.Detector.ActiveDetectors);
        Assert.DoesNotContain("fuzzy-art", without.Detector.ActiveDetectors);
    }

    [Fact]
    public void Fuzzy_art_alone_reports_a_new_pattern_once_and_stays_quiet_on_the_learned_one()
    {
        var values = Series(4000, seed: 2);
        for (var i = 3000; i < 3060; i++)
            values[i] = 10 + (3 * Math.Sin(2 * Math.PI * i / 6));
        var options = new NabZhizaoOptions { ContextNovelty = null, Detectors = [] };

        var (_, scores) = Run(options, values, 600);

        var reports = Enumerable.Range(0, scores.Length).Where(i => scores[i] > 0).ToArray();
        Assert.Contains(reports, i => i is >= 3000 and <= 3010);
        Assert.True(reports.Count(i => i < 3000) <= 1, $"reports before the new pattern: {string.Join(", ", reports.Where(i => i < 3000))}");
        Assert.All(scores, s => Assert.InRange(s, 0.0, 1.0));
    }

    private static (NabZhizaoDetector Detector, double[] Scores) Run(NabZhizaoOptions options, double[] values, int probation)
    {
        var detector = new NabZhizaoDetector(options, probation, NabZhizaoRun.InputRange(values));
        var scores = values.Select((v, i) => detector.Update(i * MinuteMicros, v)).ToArray();
        return (detector, scores);
    }

    private static double[] Series(int count, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(i => 10 + (3 * Math.Sin(2 * Math.PI * i / 60)) + (0.05 * (random.NextDouble() - 0.5)))];
    }
}
