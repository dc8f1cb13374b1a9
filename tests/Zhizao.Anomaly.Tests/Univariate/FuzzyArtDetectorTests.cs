using Zhizao.Anomaly.Univariate;

namespace Zhizao.Anomaly.Tests.Univariate;

public sealed class FuzzyArtDetectorTests
{
    [Fact]
    public void Repeating_pattern_commits_no_new_category_after_training()
    {
        var (times, values) = Signals.SineWithNoise(3000, period: 50, amplitude: 5, noise: 0.05, seed: 1);
        var detector = new FuzzyArtDetector(new FuzzyArtOptions { Vigilance = 0.9, Window = 4 });

        var scores = Signals.FitAndScore(detector, times, values, training: 1000);

        Assert.True(detector.Categories > 1, $"{detector.Categories} categories for a sine");
        Assert.True(scores.Count(s => s > 0) <= 2, $"{scores.Count(s => s > 0)} novel patterns on the trained sine");
    }

    [Fact]
    public void Spike_and_changed_shape_are_novel_but_normal_rows_are_not()
    {
        var (times, values) = Signals.SineWithNoise(3000, period: 50, amplitude: 5, noise: 0.05, seed: 2);
        values[2000] += 8;
        for (var i = 2500; i < 2540; i++)
            values[i] = 10 + (5 * Math.Sin(2 * Math.PI * i / 7));

        var scores = Signals.FitAndScore(new FuzzyArtDetector(new FuzzyArtOptions { Vigilance = 0.9, Window = 4 }), times, values, training: 1000);

        Assert.True(Signals.Max(scores, 1000, 1004) >= 0.5, $"spike {Signals.Max(scores, 1000, 1004):F3}");
        Assert.True(Signals.Max(scores, 1500, 1540) >= 0.5, $"shape {Signals.Max(scores, 1500, 1540):F3}");
        var normalNovel = scores[..995].Count(s => s > 0) + scores[1010..1495].Count(s => s > 0);
        Assert.True(normalNovel <= 2, $"{normalNovel} normal rows looked novel");
    }

    [Fact]
    public void A_larger_departure_scores_higher()
    {
        var (times, values) = Signals.SineWithNoise(1200, period: 50, amplitude: 5, noise: 0.05, seed: 3);
        var options = new FuzzyArtOptions { Vigilance = 0.9, Window = 2, RangeMinimum = -20, RangeMaximum = 40 };
        var small = new FuzzyArtDetector(options);
        var large = new FuzzyArtDetector(options);
        small.Fit(times.AsSpan(0, 1000), values.AsSpan(0, 1000));
        large.Fit(times.AsSpan(0, 1000), values.AsSpan(0, 1000));

        var smallScore = small.Update(times[1000], 22);
        var largeScore = large.Update(times[1000], 38);

        Assert.InRange(smallScore, 0.5, 1.0);
        Assert.True(largeScore > smallScore, $"large {largeScore:F3} vs small {smallScore:F3}");
    }

    [Fact]
    public void A_new_regime_stops_being_novel_once_learned()
    {
        var (times, values) = Signals.SineWithNoise(4000, period: 40, amplitude: 5, noise: 0.05, seed: 4);
        for (var i = 2000; i < values.Length; i++)
            values[i] += 6;
        var options = new FuzzyArtOptions { Vigilance = 0.9, Window = 4, RangeMinimum = 0, RangeMaximum = 30 };

        var scores = Signals.FitAndScore(new FuzzyArtDetector(options), times, values, training: 1000);

        Assert.True(scores[1000..1040].Count(s => s >= 0.5) >= 3, "the shifted sine's first period is novel");
        Assert.True(scores[1500..3000].Count(s => s > 0) <= 2, $"{scores[1500..3000].Count(s => s > 0)} learned rows still novel");
    }

    [Fact]
    public void Commit_memory_lowers_the_score_of_novelty_amid_a_burst_of_new_categories()
    {
        var (times, values) = Signals.SineWithNoise(1100, period: 50, amplitude: 5, noise: 0.05, seed: 5);
        var options = new FuzzyArtOptions { Vigilance = 0.95, Window = 1, RangeMinimum = -100, RangeMaximum = 100 };
        var plain = new FuzzyArtDetector(options);
        var remembering = new FuzzyArtDetector(options with { CommitMemory = 100 });
        plain.Fit(times.AsSpan(0, 1000), values.AsSpan(0, 1000));
        remembering.Fit(times.AsSpan(0, 1000), values.AsSpan(0, 1000));

        // Each step lands far from every category so far: a burst of new categories.
        double[] burst = [50, 70, 90, -50, -70, -90];
        var plainScores = burst.Select((v, i) => plain.Update(times[1000 + i], v)).ToArray();
        var rememberingScores = burst.Select((v, i) => remembering.Update(times[1000 + i], v)).ToArray();

        Assert.All(plainScores, s => Assert.True(s >= 0.5, $"plain {s:F3}"));
        Assert.True(rememberingScores[0] >= 0.5 * plainScores[0], $"first of the burst {rememberingScores[0]:F3}");
        Assert.True(rememberingScores[^1] < 0.5 * plainScores[^1], $"last of the burst {rememberingScores[^1]:F3} vs {plainScores[^1]:F3}");
    }

    [Fact]
    public void Downsampling_scores_only_the_row_completing_a_sample()
    {
        var (times, values) = Signals.SineWithNoise(1300, period: 60, amplitude: 5, noise: 0.05, seed: 6);
        for (var i = 1200; i < values.Length; i++)
            values[i] += 25;
        var detector = new FuzzyArtDetector(new FuzzyArtOptions { Downsample = 4, Window = 3, RangeMinimum = 0, RangeMaximum = 45 });

        var scores = Signals.FitAndScore(detector, times, values, training: 1000);

        var novel = Enumerable.Range(0, scores.Length).Where(i => scores[i] > 0).ToArray();
        Assert.NotEmpty(novel);
        Assert.All(novel, i => Assert.Equal(3, (1000 + i) % 4));
        Assert.InRange(novel[0], 200, 204);
    }

    [Fact]
    public void Gap_scores_zero_and_keeps_state()
    {
        var (times, values) = Signals.SineWithNoise(1200, period: 50, amplitude: 5, noise: 0.05, seed: 7);
        var detector = new FuzzyArtDetector();
        detector.Fit(times.AsSpan(0, 1000), values.AsSpan(0, 1000));
        var categories = detector.Categories;

        Assert.Equal(0, detector.Update(times[1000], double.NaN));
        Assert.Equal(categories, detector.Categories);
    }

    [Fact]
    public void Constant_training_without_a_range_is_refused_but_with_one_a_departure_is_novel()
    {
        var times = Enumerable.Range(0, 200).Select(i => i * Signals.MinuteMicros).ToArray();
        var values = Enumerable.Repeat(5.0, 200).ToArray();

        Assert.Throws<InsufficientTrainingDataException>(() => new FuzzyArtDetector().Fit(times, values));
        var ranged = new FuzzyArtDetector(new FuzzyArtOptions { Window = 2, RangeMinimum = 5, RangeMaximum = 5 });
        ranged.Fit(times, values);
        Assert.Equal(0, ranged.Update(times[^1] + Signals.MinuteMicros, 5));
        Assert.True(ranged.Update(times[^1] + (2 * Signals.MinuteMicros), 6) >= 0.5);
    }

    [Fact]
    public void Invalid_options_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new FuzzyArtDetector(new FuzzyArtOptions { Vigilance = 1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FuzzyArtDetector(new FuzzyArtOptions { LearningRate = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FuzzyArtDetector(new FuzzyArtOptions { Downsample = 0 }));
        Assert.Throws<ArgumentException>(() => new FuzzyArtDetector(new FuzzyArtOptions { RangeMinimum = 0 }));
        Assert.Throws<InvalidOperationException>(() => new FuzzyArtDetector().Update(0, 1));
    }
}
