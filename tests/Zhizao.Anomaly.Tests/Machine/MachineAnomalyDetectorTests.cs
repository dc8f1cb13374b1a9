using Zhizao.Anomaly.Machine;
using Zhizao.Anomaly.Tests.Multivariate;

namespace Zhizao.Anomaly.Tests.Machine;

public sealed class MachineAnomalyDetectorTests
{
    private const int NormalRows = 1200;

    /// <summary>Fits on a normal period, streams 200 normal rows then <paramref name="faultRows"/> faulty ones and 100 normal ones.</summary>
    private static (List<AnomalyEvent> Events, AnomalyEvent? AtFaultEnd) Run(int faultRows, Action<PlantSignals, int, double[]> fault,
        IReadOnlyList<Func<IUnivariateDetector>>? univariate = null)
    {
        var signals = new PlantSignals(11);
        var detector = new MachineAnomalyDetector("pump-1", PlantSignals.Names, univariate: univariate);
        detector.Fit([.. Enumerable.Range(0, NormalRows).Select(PlantSignals.Micros)], signals.Take(NormalRows));
        var events = new List<AnomalyEvent>();
        AnomalyEvent? atFaultEnd = null;
        for (var i = 0; i < 200 + faultRows + 100; i++)
        {
            var t = signals.Position;
            var row = signals.Next();
            if (i >= 200 && i < 200 + faultRows)
                fault(signals, i - 200, row);
            var score = detector.Update(PlantSignals.Micros(t), row);
            if (score.Event is { } e)
                events.Add(e);
            if (i == 200 + faultRows - 1)
                atFaultEnd = detector.CurrentEvent;
        }
        return (events, atFaultEnd);
    }

    [Fact]
    public void A_frozen_signal_is_a_stuck_sensor_named_as_such()
    {
        double frozen = 0;
        var (events, atEnd) = Run(150, (_, k, row) =>
        {
            if (k == 0)
                frozen = row[1];
            row[1] = frozen;
        });

        Assert.NotNull(atEnd);
        Assert.Equal(AnomalyKind.StuckSensor, atEnd.Kind);
        Assert.Equal("pressure", atEnd.TopSignals[0].Signal);
        Assert.True(atEnd.IsSensorFault);
        Assert.Contains("传感器", atEnd.MessageZh, StringComparison.Ordinal);
        Assert.Contains("stuck sensor on pressure", atEnd.MessageEn, StringComparison.Ordinal);
        Assert.Contains(events, e => e.Phase == AnomalyPhase.Started);
    }

    [Fact]
    public void A_lasting_jump_is_a_level_shift()
    {
        var (_, atEnd) = Run(150, (_, _, row) => row[1] += 5);

        Assert.NotNull(atEnd);
        Assert.Equal(AnomalyKind.LevelShift, atEnd.Kind);
        Assert.Equal("pressure", atEnd.TopSignals[0].Signal);
    }

    [Fact]
    public void A_slow_drift_is_a_trend()
    {
        var (_, atEnd) = Run(250, (_, k, row) => row[3] += 0.04 * k);

        Assert.NotNull(atEnd);
        Assert.Equal(AnomalyKind.Trend, atEnd.Kind);
        Assert.Equal("temperature", atEnd.TopSignals[0].Signal);
    }

    [Fact]
    public void More_noise_at_the_same_level_is_a_noise_burst()
    {
        var (_, atEnd) = Run(100, (s, _, row) => row[3] += 4 * s.Gaussian());

        Assert.NotNull(atEnd);
        Assert.Equal(AnomalyKind.NoiseBurst, atEnd.Kind);
        Assert.Equal("temperature", atEnd.TopSignals[0].Signal);
    }

    [Fact]
    public void A_short_excursion_that_returns_is_a_spike_with_start_end_and_severity()
    {
        var (events, _) = Run(2, (_, _, row) => row[1] += 12);

        // The threshold allows about 1 % of normal rows to alarm, so look for the anomaly that starts at the spike.
        var spikeStart = PlantSignals.Micros(NormalRows + 200);
        var started = Assert.Single(events, e => e.Phase == AnomalyPhase.Started && e.StartMicros == spikeStart);
        var ended = Assert.Single(events, e => e.Phase == AnomalyPhase.Ended && e.StartMicros == spikeStart);
        Assert.Equal(AnomalyKind.Spike, ended.Kind);
        Assert.Equal("pressure", ended.TopSignals[0].Signal);
        Assert.Equal("pressure", started.TopSignals[0].Signal);
        Assert.NotNull(ended.EndMicros);
        Assert.True(ended.Severity >= AnomalySeverity.High, $"severity {ended.Severity}");
        Assert.Contains("cleared", ended.MessageEn, StringComparison.Ordinal);
        Assert.Contains("恢复", ended.MessageZh, StringComparison.Ordinal);
    }

    [Fact]
    public void Normal_operation_raises_few_anomalies()
    {
        var (events, _) = Run(0, (_, _, _) => { });

        Assert.True(events.Count(e => e.Phase == AnomalyPhase.Started) <= 2, string.Join("\n", events.Select(e => e.MessageEn)));
    }

    [Fact]
    public void Univariate_detectors_plug_in_per_signal()
    {
        var (_, atEnd) = Run(150, (_, _, row) => row[3] += 6, [() => new DistanceFromMean()]);

        Assert.NotNull(atEnd);
        Assert.Equal("temperature", atEnd.TopSignals[0].Signal);
    }

    [Fact]
    public void A_short_normal_period_is_refused_with_the_minimum()
    {
        var detector = new MachineAnomalyDetector("pump-1", PlantSignals.Names);
        var rows = new PlantSignals(1).Take(50);

        var error = Assert.Throws<InsufficientTrainingDataException>(() => detector.Fit([.. Enumerable.Range(0, 50).Select(PlantSignals.Micros)], rows));

        Assert.Contains($"at least {detector.MinimumTrainingRows}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_signal_constant_is_refused()
    {
        var detector = new MachineAnomalyDetector("pump-1", ["a", "b"]);

        var error = Assert.Throws<InsufficientTrainingDataException>(() =>
            detector.Fit([.. Enumerable.Range(0, 500).Select(PlantSignals.Micros)], [.. Enumerable.Range(0, 500).Select(_ => (double[])[1.0, 3.0])]));

        Assert.Contains("constant", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A minimal univariate detector for the plug-in seam: distance from the training mean in training deviations.</summary>
    private sealed class DistanceFromMean : IUnivariateDetector
    {
        private double _mean;
        private double _sd = 1;

        public string Name => "distance";

        public void Fit(ReadOnlySpan<long> timestampsMicros, ReadOnlySpan<double> values)
        {
            var array = values.ToArray();
            _mean = array.Average();
            _sd = Math.Sqrt(array.Sum(v => (v - _mean) * (v - _mean)) / array.Length);
            if (_sd == 0)
                throw new InsufficientTrainingDataException("constant");
        }

        public double Update(long timestampMicros, double value) => double.IsNaN(value) ? 0 : Math.Abs(value - _mean) / _sd;
    }
}
