using Zhizao.Anomaly.Univariate;

namespace Zhizao.Anomaly.Tests.Univariate;

public sealed class ContextNoveltyDetectorTests
{
    [Fact]
    public void Repeating_pattern_stays_familiar_after_training()
    {
        var (times, values) = Signals.SineWithNoise(3000, period: 50, amplitude: 5, noise: 0.05, seed: 1);

        var scores = Signals.FitAndScore(new ContextNoveltyDetector(), times, values, training: 1000);

        Assert.True(scores.Count(s => s >= 0.5) <= scores.Length / 200, $"{scores.Count(s => s >= 0.5)} of {scores.Length} rows looked novel");
        Assert.True(scores.Average() < 0.05, $"mean novelty {scores.Average():F3}");
    }

    [Fact]
    public void Spike_and_changed_shape_score_above_every_normal_row()
    {
        var (times, values) = Signals.SineWithNoise(3000, period: 50, amplitude: 5, noise: 0.05, seed: 2);
        values[2000] += 4;
        for (var i = 2500; i < 2540; i++)
            values[i] = 10 + (5 * Math.Sin(2 * Math.PI * i / 13));

        var scores = Signals.FitAndScore(new ContextNoveltyDetector(), times, values, training: 1000);

        var normal = Math.Max(Signals.Max(scores, 0, 990), Signals.Max(scores, 1010, 1490));
        Assert.True(Signals.Max(scores, 1000, 1008) > Math.Max(normal, 0.3), $"spike {Signals.Max(scores, 1000, 1008):F3} vs normal {normal:F3}");
        Assert.True(Signals.Max(scores, 1500, 1540) > Math.Max(normal, 0.3), $"shape {Signals.Max(scores, 1500, 1540):F3} vs normal {normal:F3}");
    }

    [Fact]
    public void A_new_regime_stops_being_novel_once_learned()
    {
        var (times, values) = Signals.SineWithNoise(4000, period: 40, amplitude: 5, noise: 0.05, seed: 3);
        for (var i = 2000; i < values.Length; i++)
            values[i] += 3;

        var scores = Signals.FitAndScore(new ContextNoveltyDetector(), times, values, training: 1000);

        Assert.True(Signals.Max(scores, 1000, 1040) > 0.3);
        Assert.True(Signals.Max(scores, 2500, 3000) < 0.2, $"still novel: {Signals.Max(scores, 2500, 3000):F3}");
    }

    [Fact]
    public void Gap_scores_zero_and_keeps_state()
    {
        var (times, values) = Signals.SineWithNoise(1200, period: 50, amplitude: 5, noise: 0.05, seed: 4);
        var detector = new ContextNoveltyDetector();
        detector.Fit(times.AsSpan(0, 1000), values.AsSpan(0, 1000));
        var remembered = detector.RememberedContexts;

        Assert.Equal(0, detector.Update(times[1000], double.NaN));
        Assert.Equal(0, detector.Update(times[1000], double.PositiveInfinity));
        Assert.Equal(remembered, detector.RememberedContexts);
    }

    [Fact]
    public void Constant_training_without_a_range_is_refused_but_with_one_a_departure_is_novel()
    {
        var times = Enumerable.Range(0, 200).Select(i => i * Signals.MinuteMicros).ToArray();
        var values = Enumerable.Repeat(3.0, 200).ToArray();

        Assert.Throws<InsufficientTrainingDataException>(() => new ContextNoveltyDetector().Fit(times, values));

        var ranged = new ContextNoveltyDetector(new ContextNoveltyOptions { RangeMinimum = 3, RangeMaximum = 3 });
        ranged.Fit(times, values);
        var quiet = Enumerable.Range(0, 20).Select(_ => ranged.Update(0, 3.0)).ToArray();
        Assert.All(quiet, s => Assert.Equal(0, s));
        Assert.True(ranged.Update(0, 4.5) > 0.5);
    }

    [Fact]
    public void Update_before_fit_and_invalid_options_are_rejected()
    {
        Assert.Throws<InvalidOperationException>(() => new ContextNoveltyDetector().Update(0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ContextNoveltyDetector(new ContextNoveltyOptions { Window = 1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ContextNoveltyDetector(new ContextNoveltyOptions { ResolutionBits = [] }));
        Assert.Throws<ArgumentException>(() => new ContextNoveltyDetector(new ContextNoveltyOptions { RangeMinimum = 1 }));
        Assert.Throws<ArgumentException>(() => new ContextNoveltyDetector(new ContextNoveltyOptions { RangeMinimum = 2, RangeMaximum = 1 }));
    }

    [Fact]
    public void Training_with_too_few_values_is_refused()
    {
        long[] times = [0, 1, 2];
        double[] values = [1, 2, 3];
        Assert.Throws<InsufficientTrainingDataException>(() => new ContextNoveltyDetector().Fit(times, values));
    }
}
