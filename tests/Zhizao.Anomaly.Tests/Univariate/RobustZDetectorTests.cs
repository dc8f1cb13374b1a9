using Zhizao.Anomaly.Univariate;

namespace Zhizao.Anomaly.Tests.Univariate;

public sealed class RobustZDetectorTests
{
    [Fact]
    public void Seasonal_period_is_found_on_the_training_period_by_autocorrelation()
    {
        var (times, values) = Signals.SineWithNoise(600, 48, 5, 0.5, seed: 1);
        var detector = new RobustZDetector();

        detector.Fit(times, values);

        Assert.Equal(48, detector.Period);
        Assert.Equal(Signals.MinuteMicros, detector.IntervalMicros);
    }

    [Fact]
    public void Spike_scores_far_above_every_normal_point_of_a_seasonal_signal()
    {
        var (times, values) = Signals.SineWithNoise(2000, 48, 5, 0.5, seed: 2);
        values[1500] += 6;

        var scores = Signals.FitAndScore(new RobustZDetector(), times, values, 500);

        Assert.True(scores[1000] > 9, $"spike scored {scores[1000]:F2}");
        Assert.True(Signals.Max(scores, 0, 999) < 5, $"normal max {Signals.Max(scores, 0, 999):F2}");
    }

    [Fact]
    public void Seasonality_reveals_a_spike_that_the_sine_hides_from_a_flat_model()
    {
        var (times, values) = Signals.SineWithNoise(2000, 48, 5, 0.5, seed: 3);
        values[1512] += 3; // a sine trough (1512 = 31.5 periods), 6 noise σ up

        var seasonal = Signals.FitAndScore(new RobustZDetector(), times, values, 500);
        var flat = Signals.FitAndScore(new RobustZDetector(new RobustZOptions { SeasonalPeriod = 0 }), times, values, 500);

        Assert.True(seasonal[1012] > 1.5 * Signals.Max(seasonal, 0, 1000), $"seasonal: spike {seasonal[1012]:F2}, normal max {Signals.Max(seasonal, 0, 1000):F2}");
        Assert.True(flat[1012] < Signals.Max(flat, 0, 1000), $"flat: spike {flat[1012]:F2}, normal max {Signals.Max(flat, 0, 1000):F2}");
    }

    [Fact]
    public void Gap_scores_zero_and_keeps_the_state()
    {
        var (times, values) = Signals.SineWithNoise(700, 48, 5, 0.5, seed: 4);
        var withGap = new RobustZDetector();
        var without = new RobustZDetector();
        withGap.Fit(times.AsSpan(0, 500), values.AsSpan(0, 500));
        without.Fit(times.AsSpan(0, 500), values.AsSpan(0, 500));

        Assert.Equal(0, withGap.Update(times[500], double.NaN));
        for (var i = 501; i < 700; i++)
            Assert.Equal(without.Update(times[i], values[i]), withGap.Update(times[i], values[i]), 12);
    }

    [Fact]
    public void Constant_or_too_short_training_is_a_clear_error()
    {
        var times = Enumerable.Range(0, 100).Select(i => i * Signals.MinuteMicros).ToArray();
        var constant = Enumerable.Repeat(3.0, 100).ToArray();

        var flat = Assert.Throws<InsufficientTrainingDataException>(() => new RobustZDetector().Fit(times, constant));
        var shortData = Assert.Throws<InsufficientTrainingDataException>(() => new RobustZDetector().Fit(times.AsSpan(0, 10), [.. Enumerable.Range(0, 10).Select(i => (double)i)]));

        Assert.Contains("constant", flat.Message, StringComparison.Ordinal);
        Assert.Contains("10 finite training values", shortData.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Mostly_constant_training_with_some_variation_is_accepted()
    {
        var times = Enumerable.Range(0, 100).Select(i => i * Signals.MinuteMicros).ToArray();
        var values = Enumerable.Range(0, 100).Select(i => i % 10 == 0 ? 4.0 : 3.0).ToArray();
        var detector = new RobustZDetector(new RobustZOptions { SeasonalPeriod = 0 });

        detector.Fit(times, values);

        Assert.True(detector.Update(100 * Signals.MinuteMicros, 30) > 10);
    }
}
