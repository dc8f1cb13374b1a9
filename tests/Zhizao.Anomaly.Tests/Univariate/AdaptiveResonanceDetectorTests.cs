using Zhizao.Anomaly.Univariate;

namespace Zhizao.Anomaly.Tests.Univariate;

public sealed class AdaptiveResonanceDetectorTests
{
    [Fact]
    public void Repeating_pattern_raises_few_detections_after_training()
    {
        var (times, values) = Signals.SineWithNoise(5000, period: 50, amplitude: 5, noise: 0.05, seed: 1);

        var scores = Signals.FitAndScore(new AdaptiveResonanceDetector(), times, values, training: 750);

        Assert.True(scores.Count(s => s > 0) <= 5, $"{scores.Count(s => s > 0)} detections on a clean sine");
        Assert.All(scores, s => Assert.InRange(s, 0.0, 1.0));
    }

    [Fact]
    public void Level_shift_is_detected_soon_after_it_starts_and_reported_once()
    {
        var (times, values) = Signals.SineWithNoise(5000, period: 50, amplitude: 5, noise: 0.05, seed: 2);
        for (var i = 3000; i < values.Length; i++)
            values[i] += 12;
        var range = (Min: values.Min(), Max: values.Max());
        var detector = new AdaptiveResonanceDetector(new AdaptiveResonanceOptions { RangeMinimum = range.Min, RangeMaximum = range.Max });

        var scores = Signals.FitAndScore(detector, times, values, training: 750);

        // Scores start after the 750 training rows: the shift is at index 2250.
        var detections = Enumerable.Range(0, scores.Length).Where(i => scores[i] > 0).ToArray();
        Assert.Contains(detections, i => i is >= 2250 and < 2250 + 60);
        Assert.True(detections.Count(i => i >= 2250 + 60 && i < 2250 + 300) <= 1, $"detections after the onset: {string.Join(", ", detections)}");
        Assert.True(detections.Count(i => i < 2250) <= 5, $"detections before the shift: {string.Join(", ", detections)}");
    }

    [Fact]
    public void Spike_outside_the_usual_range_is_detected()
    {
        var (times, values) = Signals.SineWithNoise(4000, period: 50, amplitude: 5, noise: 0.05, seed: 3);
        for (var i = 2500; i < 2506; i++)
            values[i] += 15;
        var detector = new AdaptiveResonanceDetector(new AdaptiveResonanceOptions { RangeMinimum = values.Min(), RangeMaximum = values.Max() });

        var scores = Signals.FitAndScore(detector, times, values, training: 750);

        Assert.True(Signals.Max(scores, 1750, 1790) > 0, "the spike was not detected");
    }

    [Fact]
    public void Gap_scores_zero_and_keeps_state()
    {
        var (times, values) = Signals.SineWithNoise(1200, period: 50, amplitude: 5, noise: 0.05, seed: 4);
        var detector = new AdaptiveResonanceDetector();
        detector.Fit(times.AsSpan(0, 1000), values.AsSpan(0, 1000));
        var categories = detector.Categories;

        Assert.True(categories > 1);
        Assert.Equal(0, detector.Update(times[1000], double.NaN));
        Assert.Equal(0, detector.Update(times[1000], double.NegativeInfinity));
        Assert.Equal(categories, detector.Categories);
    }

    [Fact]
    public void Constant_training_without_a_range_is_refused_and_bad_options_are_rejected()
    {
        var times = Enumerable.Range(0, 100).Select(i => (long)i * 1_000_000).ToArray();
        var constant = Enumerable.Repeat(3.0, 100).ToArray();

        Assert.Throws<InsufficientTrainingDataException>(() => new AdaptiveResonanceDetector().Fit(times, constant));
        Assert.Throws<InsufficientTrainingDataException>(() => new AdaptiveResonanceDetector().Fit(times.AsSpan(0, 5), constant.AsSpan(0, 5)));
        Assert.Throws<InvalidOperationException>(() => new AdaptiveResonanceDetector().Update(0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AdaptiveResonanceDetector(new AdaptiveResonanceOptions { Window = 6 }));
        Assert.Throws<ArgumentException>(() => new AdaptiveResonanceDetector(new AdaptiveResonanceOptions { RangeMinimum = 1 }));
    }
}
