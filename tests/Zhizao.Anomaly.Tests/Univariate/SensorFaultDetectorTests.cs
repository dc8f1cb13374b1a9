using Zhizao.Anomaly.Univariate;

namespace Zhizao.Anomaly.Tests.Univariate;

public sealed class SensorFaultDetectorTests
{
    [Fact]
    public void Stuck_scores_grow_with_the_frozen_duration_and_stay_zero_while_the_signal_moves()
    {
        var (times, values) = Signals.SineWithNoise(2000, 48, 5, 0.5, seed: 10);
        for (var i = 1500; i < 1700; i++)
            values[i] = values[1500];
        var detector = new StuckDetector();

        var scores = Signals.FitAndScore(detector, times, values, 500);

        Assert.Equal(0, Signals.Max(scores, 0, 1000));
        Assert.True(scores[1100] > 1 && scores[1199] > scores[1100], $"stuck scores {scores[1100]:F1} then {scores[1199]:F1}");
        Assert.Equal(0, Signals.Max(scores, 1201, 1500));
    }

    [Fact]
    public void Stuck_tolerates_the_quantisation_seen_in_training()
    {
        // A slow, quantised signal repeats values in training; runs as long as those are normal.
        var times = Enumerable.Range(0, 1000).Select(i => i * Signals.MinuteMicros).ToArray();
        var values = Enumerable.Range(0, 1000).Select(i => Math.Round(10 * Math.Sin(2 * Math.PI * i / 200))).ToArray();
        var detector = new StuckDetector();

        var scores = Signals.FitAndScore(detector, times, values, 400);

        Assert.True(detector.SupportedRun > 3);
        Assert.Equal(0, scores.Max());
    }

    [Fact]
    public void Stuck_refuses_a_constant_training_period()
    {
        var times = Enumerable.Range(0, 50).Select(i => i * Signals.MinuteMicros).ToArray();

        var error = Assert.Throws<InsufficientTrainingDataException>(() => new StuckDetector().Fit(times, Enumerable.Repeat(2.5, 50).ToArray()));

        Assert.Contains("constant", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Variance_flags_a_noise_burst_without_a_level_change()
    {
        var (times, values) = Signals.SineWithNoise(2000, 48, 5, 0.5, seed: 11);
        var random = new Random(12);
        for (var i = 1500; i < 1550; i++)
            values[i] += 2 * ((2 * random.NextDouble()) - 1) * 2;

        var scores = Signals.FitAndScore(new VarianceDetector(), times, values, 500);

        Assert.True(Signals.Max(scores, 0, 1000) < 0.8, $"normal max {Signals.Max(scores, 0, 1000):F2}");
        Assert.True(Signals.Max(scores, 1000, 1050) > 2, $"burst max {Signals.Max(scores, 1000, 1050):F2}");
    }

    [Fact]
    public void Likelihood_turns_a_burst_of_raw_scores_into_a_tiny_tail_probability()
    {
        var likelihood = new AnomalyLikelihood(5, 500, 0.05);
        var random = new Random(13);
        var normal = double.PositiveInfinity;
        for (var i = 0; i < 1000; i++)
            normal = Math.Min(normal, likelihood.UpdateTail(random.NextDouble()));
        var burst = 1.0;
        for (var i = 0; i < 5; i++)
            burst = likelihood.UpdateTail(5);

        Assert.True(normal > 1e-4, $"normal min tail {normal:E2}");
        Assert.True(burst < 1e-20, $"burst tail {burst:E2}");
        Assert.Equal(1.0, AnomalyLikelihood.LogScale(1.0), 6);
        Assert.Equal(AnomalyLikelihood.LogScale(1 - 1e-5), AnomalyLikelihood.LogScaleOfTail(1e-5, 10), 6);
    }
}
