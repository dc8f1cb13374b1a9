using Zhizao.Agents.Maintenance.Benchmarks.Nab;

namespace Zhizao.Agents.Maintenance.Tests.Nab;

/// <summary>Zhizao's NAB detector on constructed series: quiet during probation, one report at an anomaly's onset.</summary>
public sealed class NabZhizaoDetectorTests
{
    private const long MinuteMicros = 60_000_000;

    [Fact]
    public void Adaptive_resonance_default_reports_a_level_shift_near_its_onset_and_probation_scores_zero()
    {
        var values = Series(4000, seed: 1);
        for (var i = 3000; i < values.Length; i++)
            values[i] += 6;
        var detector = new NabZhizaoDetector(new NabZhizaoOptions(), 600, NabZhizaoRun.InputRange(values));

        var scores = values.Select((v, i) => detector.Update(i * MinuteMicros, v)).ToArray();

        Assert.Equal(["adaptive-resonance", "context-novelty"], detector.ActiveDetectors);
        Assert.All(scores[..600], s => Assert.Equal(0, s));
        Assert.All(scores, s => Assert.InRange(s, 0.0, 1.0));
        var reports = Enumerable.Range(0, scores.Length).Where(i => scores[i] > 0).ToArray();
        Assert.Contains(reports, i => i is >= 3000 and <= 3040);
        Assert.True(reports.Count(i => i < 3000) <= 3, $"{reports.Count(i => i < 3000)} reports before the shift");
    }

    [Fact]
    public void Novelty_confirmation_never_lowers_or_adds_adaptive_resonance_detections()
    {
        var values = Series(4000, seed: 1);
        // A faster rhythm within the usual range: a new shape, not a new level, so the resonance score stays below 1.
        for (var i = 3000; i < 3200; i++)
            values[i] = 10 + (3 * Math.Sin(2 * Math.PI * i / 9));
        var range = NabZhizaoRun.InputRange(values);
        var confirmed = new NabZhizaoDetector(new NabZhizaoOptions(), 600, range);
        var alone = new NabZhizaoDetector(new NabZhizaoOptions { ConfirmationWeight = 0 }, 600, range);

        var withNovelty = values.Select((v, i) => confirmed.Update(i * MinuteMicros, v)).ToArray();
        var without = values.Select((v, i) => alone.Update(i * MinuteMicros, v)).ToArray();

        Assert.All(withNovelty.Zip(without), pair => Assert.Equal(pair.Second > 0, pair.First > 0));
        Assert.All(withNovelty.Zip(without), pair => Assert.True(pair.First >= pair.Second));
        Assert.Contains(Enumerable.Range(3000, 200), i => withNovelty[i] > 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => new NabZhizaoDetector(new NabZhizaoOptions { ConfirmationRows = 0 }, 600, range));
    }

    [Fact]
    public void A_level_shift_is_reported_once_at_its_onset_and_probation_scores_zero()
    {
        var values = Series(4000, seed: 1);
        for (var i = 3000; i < values.Length; i++)
            values[i] += 6;
        var detector = new NabZhizaoDetector(NabZhizaoOptions.ContextAndLikelihoods, 600, NabZhizaoRun.InputRange(values));

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
        var detector = new NabZhizaoDetector(NabZhizaoOptions.ContextAndLikelihoods, 500, NabZhizaoRun.InputRange(values));

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
