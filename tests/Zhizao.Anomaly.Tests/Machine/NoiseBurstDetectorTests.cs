using Zhizao.Anomaly.Machine;
using Zhizao.Anomaly.Tests.Multivariate;
using Zhizao.Anomaly.Univariate;

namespace Zhizao.Anomaly.Tests.Machine;

public sealed class NoiseBurstDetectorTests
{
    private static long Micros(int i) => 1_700_000_000_000_000L + (i * 1_000_000L);

    /// <summary>Noise of σ 1.5 around 500, with steps between operating levels every <paramref name="phase"/> rows (0: none).</summary>
    private static double[] Signal(Random random, int count, int phase, int offset = 0) =>
        [.. Enumerable.Range(offset, count).Select(i => 500 + (phase > 0 ? 20.0 * ((i / phase) % 3) : 0) + (1.5 * Gaussian(random)))];

    private static double Gaussian(Random random) => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static NoiseBurstDetector Fitted(double[] training)
    {
        var detector = new NoiseBurstDetector();
        detector.Fit([.. Enumerable.Range(0, training.Length).Select(Micros)], training);
        return detector;
    }

    [Fact]
    public void Five_times_the_noise_variance_scores_within_a_minute()
    {
        var random = new Random(3);
        var detector = Fitted(Signal(random, 900, 0));
        var normal = Signal(random, 600, 0);
        Assert.All(normal, v => Assert.Equal(0, detector.Update(0, v)));

        var burst = Signal(random, 60, 0).Select(v => 500 + ((v - 500) * Math.Sqrt(5))).ToArray();
        var scores = burst.Select(v => detector.Update(0, v)).ToArray();
        Assert.True(scores.Max() > 0, $"largest z {detector.Z:F1}");
    }

    [Fact]
    public void Level_steps_between_operating_points_do_not_score()
    {
        var random = new Random(5);
        var detector = Fitted(Signal(random, 900, 90));
        // Steps of 20 (13 σ) every 45 rows: twice as often as in training, each one a huge single difference.
        var stepping = Signal(random, 900, 45);
        Assert.All(stepping, v => Assert.Equal(0, detector.Update(0, v)));
    }

    [Fact]
    public void A_training_period_that_never_changes_is_refused()
    {
        var detector = new NoiseBurstDetector();
        Assert.Throws<InsufficientTrainingDataException>(() => detector.Fit([.. Enumerable.Range(0, 400).Select(Micros)], Enumerable.Repeat(3.0, 400).ToArray()));
        Assert.Throws<InsufficientTrainingDataException>(() => new NoiseBurstDetector().Fit([.. Enumerable.Range(0, 100).Select(Micros)], Signal(new Random(1), 100, 0)));
    }

    [Fact]
    public void Gaps_score_zero_and_keep_the_state()
    {
        var random = new Random(7);
        var detector = Fitted(Signal(random, 900, 0));
        Assert.Equal(0, detector.Update(0, double.NaN));
        Assert.Throws<InvalidOperationException>(() => new NoiseBurstDetector().Update(0, 1));
    }

    [Fact]
    public void A_machine_with_a_noise_burst_detector_names_a_modest_burst_a_sensor_noise_burst()
    {
        var signals = new PlantSignals(11);
        var detector = new MachineAnomalyDetector("pump-1", PlantSignals.Names,
            new MachineAnomalyOptions { FalseAlarmRate = 0.001 }, univariate: [() => new NoiseBurstDetector()]);
        detector.Fit([.. Enumerable.Range(0, 1200).Select(PlantSignals.Micros)], signals.Take(1200));
        AnomalyEvent? atEnd = null;
        var started = 0;
        for (var i = 0; i < 600; i++)
        {
            var t = signals.Position;
            var row = signals.Next();
            // Rows 300–389: temperature noise variance × 5 (σ × 2.24), the level unchanged.
            if (i is >= 300 and < 390)
                row[3] = 50 + ((row[3] - 50) * Math.Sqrt(5));
            var score = detector.Update(PlantSignals.Micros(t), row);
            if (score.Event is { Phase: AnomalyPhase.Started })
                started++;
            if (i == 389)
                atEnd = detector.CurrentEvent;
        }

        Assert.NotNull(atEnd);
        Assert.Equal(AnomalyKind.NoiseBurst, atEnd.Kind);
        Assert.Equal("temperature", atEnd.TopSignals[0].Signal);
        Assert.True(atEnd.IsSensorFault);
        Assert.Contains("sensor fault", atEnd.MessageEn, StringComparison.Ordinal);
        Assert.InRange(started, 1, 2);
    }
}
