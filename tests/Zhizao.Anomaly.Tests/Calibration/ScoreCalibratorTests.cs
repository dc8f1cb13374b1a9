using Zhizao.Anomaly.Calibration;

namespace Zhizao.Anomaly.Tests.Calibration;

public sealed class ScoreCalibratorTests
{
    private static readonly double[] Uniform = [.. Enumerable.Range(1, 1000).Select(i => i / 1000.0)];

    [Fact]
    public void Tail_probability_follows_the_held_out_distribution()
    {
        var calibrator = ScoreCalibrator.Fit(Uniform);

        Assert.Equal(0.5, calibrator.TailProbability(0.5005), 2);
        Assert.Equal(1.0, calibrator.TailProbability(-3));
        Assert.Equal(0.9, calibrator.ThresholdFor(0.1), 2);
        Assert.Equal(2, calibrator.Surprise(calibrator.ThresholdFor(0.01)), 1);
    }

    [Fact]
    public void Surprise_keeps_growing_beyond_the_largest_held_out_score()
    {
        var calibrator = ScoreCalibrator.Fit(Uniform);

        var atMax = calibrator.Surprise(1.0);
        var beyond = calibrator.Surprise(1.5);
        var farBeyond = calibrator.Surprise(3.0);

        Assert.True(atMax < beyond && beyond < farBeyond, $"{atMax} {beyond} {farBeyond}");
        Assert.True(calibrator.ThresholdFor(1e-6) > 1.0);
    }

    [Fact]
    public void Identical_scores_still_give_a_finite_threshold_and_surprise()
    {
        var calibrator = ScoreCalibrator.Fit(Enumerable.Repeat(0.0, 50));

        Assert.True(double.IsFinite(calibrator.Surprise(1.0)));
        Assert.True(calibrator.Surprise(1.0) > 5);
        Assert.True(double.IsFinite(calibrator.ThresholdFor(0.001)));
    }

    [Fact]
    public void Too_few_scores_are_refused() =>
        Assert.Throws<InsufficientTrainingDataException>(() => ScoreCalibrator.Fit([1.0, 2.0, double.NaN]));
}
