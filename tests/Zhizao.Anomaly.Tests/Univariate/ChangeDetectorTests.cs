using Zhizao.Anomaly.Univariate;

namespace Zhizao.Anomaly.Tests.Univariate;

public sealed class ChangeDetectorTests
{
    [Fact]
    public void Cusum_alarms_soon_after_a_small_level_shift_and_stays_below_its_decision_interval_before()
    {
        var (times, values) = Signals.SineWithNoise(3000, 60, 0.3, 1, seed: 5);
        for (var i = 2000; i < values.Length; i++)
            values[i] += 1.5;

        var scores = Signals.FitAndScore(new CusumDetector(), times, values, 500);

        Assert.True(Signals.Max(scores, 0, 1500) < 10, $"normal max {Signals.Max(scores, 0, 1500):F2}");
        Assert.True(Signals.Max(scores, 1500, 1530) > 10, $"after shift {Signals.Max(scores, 1500, 1530):F2}");
    }

    [Fact]
    public void Cusum_rebases_after_a_lasting_shift_so_it_alarms_once()
    {
        var (times, values) = Signals.SineWithNoise(3000, 60, 0.3, 1, seed: 6);
        for (var i = 2000; i < values.Length; i++)
            values[i] += 3;
        var detector = new CusumDetector();

        var scores = Signals.FitAndScore(detector, times, values, 500);

        Assert.Equal(0, scores[..1500].Count(s => s > 10));
        Assert.True(scores[1500..].Count(s => s > 10) == 1, string.Join(" ", scores.Select((s, i) => (s, i)).Where(p => p.s > 10).Select(p => $"{p.i}:{p.s:F1}")) + $" ref {detector.Reference:F2}");
        Assert.InRange(detector.Reference, 12, 14);
    }

    [Fact]
    public void Bocpd_puts_its_mass_on_a_new_run_after_a_level_shift()
    {
        var (times, values) = Signals.SineWithNoise(1500, 60, 0.3, 1, seed: 7);
        for (var i = 1000; i < values.Length; i++)
            values[i] += 4;
        var detector = new BocpdDetector();

        var scores = Signals.FitAndScore(detector, times, values, 300);

        Assert.True(Signals.Max(scores, 0, 700) < 0.5, $"normal max {Signals.Max(scores, 0, 700):F3}");
        Assert.True(Signals.Max(scores, 700, 710) > 0.9, $"after shift {Signals.Max(scores, 700, 710):F3}");
        Assert.InRange(detector.MostProbableRunLength, 50, 99);
    }

    [Fact]
    public void Bocpd_surprise_score_marks_a_spike()
    {
        var (times, values) = Signals.SineWithNoise(1000, 60, 0.3, 1, seed: 8);
        values[800] += 10;

        var scores = Signals.FitAndScore(new BocpdDetector(new BocpdOptions { Score = BocpdScore.Surprise }), times, values, 300);

        Assert.True(scores[500] > 1.5 * Signals.Max(scores, 0, 499), $"spike {scores[500]:F2}, normal max {Signals.Max(scores, 0, 499):F2}");
    }

    [Theory]
    [InlineData("cusum")]
    [InlineData("bocpd")]
    public void Constant_training_is_refused(string name)
    {
        IUnivariateDetector detector = name == "cusum" ? new CusumDetector() : new BocpdDetector();
        var times = Enumerable.Range(0, 50).Select(i => i * Signals.MinuteMicros).ToArray();

        Assert.Throws<InsufficientTrainingDataException>(() => detector.Fit(times, Enumerable.Repeat(1.0, 50).ToArray()));
        Assert.Throws<InvalidOperationException>(() => detector.Update(0, 1));
    }

    [Fact]
    public void Training_gaps_are_skipped_and_counted_out()
    {
        var (times, values) = Signals.SineWithNoise(40, 60, 0.3, 1, seed: 9);
        for (var i = 0; i < 20; i++)
            values[i] = double.NaN;

        var error = Assert.Throws<InsufficientTrainingDataException>(() => new CusumDetector().Fit(times, values));

        Assert.Contains("20 finite training values", error.Message, StringComparison.Ordinal);
    }
}
