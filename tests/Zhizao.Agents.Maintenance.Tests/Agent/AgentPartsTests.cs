using Zhizao.Agents.Maintenance.Agent;
using Zhizao.Anomaly;
using Zhizao.Anomaly.Machine;

namespace Zhizao.Agents.Maintenance.Tests.Agent;

/// <summary>The agent's building blocks on constructed inputs, with hand-computed expectations.</summary>
public sealed class AgentPartsTests
{
    private const long Second = 1_000_000;

    [Fact]
    public void Frames_hold_the_last_value_of_each_column_and_emit_one_row_per_elapsed_tick()
    {
        var assembler = new MachineFrameAssembler(2, TimeSpan.FromSeconds(1));
        var rows = new List<(long Time, double[] Row)>();
        void Add(int column, double seconds, double value) =>
            assembler.Add(column, (long)(seconds * Second), value, rows, static (list, t, row) => list.Add((t, (double[])row.Clone())));

        Add(0, 0.1, 1);
        Add(1, 0.5, 10);
        Add(0, 1.2, 2);      // tick 1 starts: the row of tick 0 is emitted with (1, 10)
        Add(0, 1.7, 3);
        Add(1, 2.0, double.NaN); // a gap keeps the held value
        Add(0, 5.5, 4);      // three ticks elapsed, at most one row per gap by default

        Assert.Equal([(1 * Second, new[] { 1.0, 10 }), (2 * Second, new[] { 3.0, 10 }), (5 * Second, new[] { 3.0, 10 })],
            rows.Select(r => (r.Time, r.Row)).ToArray(), new RowComparer());
    }

    [Fact]
    public void First_row_holds_nan_for_a_column_not_seen_yet()
    {
        var assembler = new MachineFrameAssembler(2, TimeSpan.FromSeconds(1));
        var rows = new List<double[]>();
        assembler.Add(0, 0, 1, rows, static (list, _, row) => list.Add((double[])row.Clone()));
        assembler.Add(0, Second, 2, rows, static (list, _, row) => list.Add((double[])row.Clone()));

        Assert.True(double.IsNaN(Assert.Single(rows)[1]));
    }

    [Fact]
    public void Alarm_policy_waits_the_on_delay_counts_returns_and_clears_after_the_off_delay()
    {
        var policy = new MachineAlarmPolicy(TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(5));
        AlarmAction At(int second, bool anomalous) => policy.Observe(second * Second, anomalous);

        Assert.Equal(AlarmAction.None, At(0, true));
        Assert.Equal(AlarmAction.None, At(1, false));   // a blip never alarms
        Assert.Equal(AlarmAction.None, At(2, true));
        Assert.Equal(AlarmAction.None, At(4, true));
        Assert.Equal(AlarmAction.Raise, At(5, true));   // 3 s after it began
        Assert.Equal(AlarmAction.None, At(6, false));
        Assert.Equal(AlarmAction.None, At(7, true));    // back after 1 s: the same occurrence flickering
        Assert.Equal(AlarmAction.None, At(8, false));
        Assert.Equal(AlarmAction.None, At(11, false));
        Assert.Equal(AlarmAction.Repeat, At(12, true)); // back after 4 s ≥ on-delay: counted on the same alarm
        Assert.Equal(AlarmAction.None, At(13, false));
        Assert.Equal(AlarmAction.None, At(17, false));
        Assert.Equal(AlarmAction.Clear, At(18, false)); // normal for the 5 s off-delay
        Assert.False(policy.Active);
    }

    [Fact]
    public void Degradation_on_an_exponential_rise_extrapolates_to_the_limit_with_a_band()
    {
        // Envelope 1 + 0.1·e^(t/300) above a baseline of 1, limit 10: the limit is reached at t = 300·ln 90 ≈ 1350 s
        // (the envelope is each bucket's maximum, so it runs up to half a bucket, 15 s, ahead).
        var tracker = new DegradationTracker("m/vib", baseline: 1, limit: 10, window: TimeSpan.FromMinutes(10));
        for (var t = 0; t <= 1000; t++)
            tracker.Add(t * Second, 1 + (0.1 * Math.Exp(t / 300.0)) + (0.001 * Math.Sin(t)));

        var estimate = tracker.Estimate(1000 * Second);

        Assert.NotNull(estimate);
        Assert.Equal("exponential", estimate.Model);
        Assert.InRange(estimate.Rul.TotalSeconds, 1350 - 1000 - 40, 1350 - 1000 + 10);
        Assert.True(estimate.Lower <= estimate.Rul && estimate.Rul <= estimate.Upper);
    }

    [Fact]
    public void Degradation_on_a_linear_rise_is_linear_and_a_flat_envelope_has_no_end_of_life()
    {
        var rising = new DegradationTracker("m/temp", baseline: 40, limit: 70, window: TimeSpan.FromMinutes(10));
        var flat = new DegradationTracker("m/temp", baseline: 40, limit: 70, window: TimeSpan.FromMinutes(10));
        for (var t = 0; t <= 1200; t++)
        {
            rising.Add(t * Second, 40 + (t / 60.0));        // 1 °C per minute: 70 °C at t = 1800 s
            flat.Add(t * Second, 52 + 0.01 * Math.Sin(t));  // well above the onset, not rising
        }

        var estimate = rising.Estimate(1200 * Second);
        Assert.NotNull(estimate);
        Assert.Equal("linear", estimate.Model);
        Assert.InRange(estimate.Rul.TotalSeconds, 600 - 30, 600 + 30);
        Assert.Null(flat.Estimate(1200 * Second));
    }

    [Fact]
    public void Degradation_below_the_onset_gives_no_estimate_and_a_limit_below_the_baseline_is_refused()
    {
        var tracker = new DegradationTracker("m/temp", baseline: 40, limit: 70, window: TimeSpan.FromMinutes(10));
        for (var t = 0; t <= 1200; t++)
            tracker.Add(t * Second, 40 + (t / 600.0)); // rising, but only to 42: under a quarter of the way to 70

        Assert.Null(tracker.Estimate(1200 * Second));
        Assert.Throws<ArgumentException>(() => new DegradationTracker("m/temp", baseline: 70, limit: 70, window: TimeSpan.FromMinutes(10)));
    }

    [Theory]
    [InlineData(AnomalyKind.StuckSensor, AnomalySeverity.Low, null, "low")]
    [InlineData(AnomalyKind.StuckSensor, AnomalySeverity.Critical, null, "medium")]
    [InlineData(AnomalyKind.Trend, AnomalySeverity.Medium, null, "medium")]
    [InlineData(AnomalyKind.Trend, AnomalySeverity.Low, 7.0, "high")]
    [InlineData(AnomalyKind.Trend, AnomalySeverity.Low, 0.5, "critical")]
    public void Priority_follows_fault_class_severity_and_remaining_life(AnomalyKind kind, AnomalySeverity severity, double? lowerHours, string expected)
    {
        var rul = lowerHours is { } h ? new RulEstimate("m/vib", 4.5, 3, TimeSpan.FromHours(h + 1), TimeSpan.FromHours(h), TimeSpan.FromHours(h + 2), "linear", 20) : null;

        Assert.Equal(expected, MaintenancePlanner.Priority(Anomaly(kind, severity), rul));
    }

    [Fact]
    public void A_flat_trend_with_an_unbounded_band_does_not_escalate()
    {
        var rul = new RulEstimate("m/vib", 4.5, 3, TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(10), TimeSpan.MaxValue, "linear", 20);

        Assert.Equal("low", MaintenancePlanner.Priority(Anomaly(AnomalyKind.Trend, AnomalySeverity.Low), rul));
    }

    [Fact]
    public void Work_order_window_ends_before_the_early_end_of_life_or_starts_after_the_planning_lead()
    {
        var now = new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);
        var soon = new RulEstimate("s/l/m/vib", 4.5, 3, TimeSpan.FromMinutes(90), TimeSpan.FromMinutes(50), TimeSpan.FromHours(3), "exponential", 20);

        var urgent = MaintenancePlanner.WorkOrder("s/l/m", Anomaly(AnomalyKind.Trend, AnomalySeverity.High), soon, 7, "high", now, TimeSpan.FromHours(1));
        var planned = MaintenancePlanner.WorkOrder("s/l/m", Anomaly(AnomalyKind.StuckSensor, AnomalySeverity.Low), null, 8, "low", now, TimeSpan.FromHours(1));

        Assert.Equal((now, now + TimeSpan.FromHours(1)), (urgent.WindowStart, urgent.WindowEnd)); // 50 min left: start now
        Assert.Contains("Inspect s/l/m", urgent.Title, StringComparison.Ordinal);
        Assert.Contains("80 % band", urgent.Description, StringComparison.Ordinal);
        Assert.Equal(now + MaintenancePlanner.PlanningLead, planned.WindowStart);
        Assert.StartsWith("Check sensor", planned.Title, StringComparison.Ordinal);
        Assert.Contains("传感器", planned.TitleZh, StringComparison.Ordinal);
        Assert.Equal((7L, "open"), (urgent.AlarmId!.Value, urgent.Status));
    }

    [Fact]
    public void Options_reject_a_normal_period_too_short_to_learn_from()
    {
        Assert.Contains(new MaintenanceOptions { NormalPeriod = TimeSpan.FromSeconds(30) }.Validate(), e => e.Contains("NormalPeriod", StringComparison.Ordinal));
        Assert.Empty(new MaintenanceOptions().Validate());
    }

    private static AnomalyEvent Anomaly(AnomalyKind kind, AnomalySeverity severity) =>
        new("s/l/m", AnomalyPhase.Started, 0, null, kind, severity, 4, [new SignalContribution("vib", 0.8)], "en", "中文");

    private sealed class RowComparer : IEqualityComparer<(long, double[])>
    {
        public bool Equals((long, double[]) x, (long, double[]) y) => x.Item1 == y.Item1 && x.Item2.SequenceEqual(y.Item2);

        public int GetHashCode((long, double[]) obj) => obj.Item1.GetHashCode();
    }
}
