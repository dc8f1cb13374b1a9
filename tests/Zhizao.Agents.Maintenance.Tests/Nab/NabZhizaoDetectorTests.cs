using Zhizao.Agents.Maintenance.Benchmarks.Nab;

namespace Zhizao.Agents.Maintenance.Tests.Nab;

/// <summary>Zhizao's NAB detector on constructed series: quiet during probation, one report at an anomaly's onset.</summary>
public sealed class NabZhizaoDetectorTests
{
    private const long MinuteMicros = 60_000_000;

    [Fact]
    public void A_level_shift_is_reported_once_at_its_onset_and_probation_scores_zero()
    {
        var values = Series(4000, seed: 1);
        for (var i = 3000; i < values.Length; i++)
            values[i] += 6;
        var detector = new NabZhizaoDetector(new NabZhizaoOptions(), 600, NabZhizaoRun.InputRange(values));

        var scores = values.Select((v, i) => detector.Update(i * MinuteMicros, v)).ToArray();

        Assert.All(scores[..600], s => Assert.Equal(0, s));
        var reports = Enumerable.Range(0, scores.Length).Where(i => scores[i] > 0).ToArray();
        Assert.Contains(reports, i => i is >= 3000 and <= 3010);
        Assert.DoesNotContain(reports, i => i is > 3010 and < 3000 + 120);
        Assert.True(reports.Count(i => i < 3000) <= 2, $"{reports.Count(i => i < 3000)} reports before the shift");
    }

    [Fact]
    public void Reports_are_separated_by_the_suppression_length()
    {
        var values = Series(3000, seed: 2);
        var random = new Random(3);
        for (var i = 700; i < values.Length; i += 37)
            values[i] += 4 + random.NextDouble();
        var detector = new NabZhizaoDetector(new NabZhizaoOptions(), 500, NabZhizaoRun.InputRange(values));

        var scores = values.Select((v, i) => detector.Update(i * MinuteMicros, v)).ToArray();

        var reports = Enumerable.Range(0, scores.Length).Where(i => scores[i] > 0).ToArray();
        Assert.NotEmpty(reports);
        Assert.All(reports.Zip(reports.Skip(1)), pair => Assert.True(pair.Second - pair.First > 100, $"reports at {pair.First} and {pair.Second}"));
        Assert.All(scores, s => Assert.InRange(s, 0.0, 1.0));
    }

    [Fact]
    public void Input_range_ignores_gaps_and_is_absent_without_finite_values()
    {
        Assert.Equal((-1.0, 5.0), NabZhizaoRun.InputRange([double.NaN, 2, -1, 5, double.PositiveInfinity]));
        Assert.Null(NabZhizaoRun.InputRange([double.NaN]));
    }

    private static double[] Series(int count, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(i => 10 + (3 * Math.Sin(2 * Math.PI * i / 60)) + (0.05 * (random.NextDouble() - 0.5)))];
    }
}
