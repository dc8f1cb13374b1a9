using Microsoft.Extensions.Time.Testing;

namespace Zhizao.Simulation.Tests;

public class SimulationOptionsTests
{
    private static readonly TimeSpan Lead = SimulationOptions.HealthyLead;

    [Fact]
    public void Defaults_are_valid_and_describe_the_demo_faults()
    {
        var options = new SimulationOptions();

        Assert.Empty(options.Validate());
        Assert.Equal(42, options.Seed);
        Assert.Equal(1, options.SpeedUp);
        Assert.Equal(1, options.RateMultiplier);
        Assert.Equal(SimulationOptions.DefaultFaults, options.Faults);
        Assert.Contains(options.Faults, f => f is { Machine: "cnc-03", Kind: FaultKind.BearingWear } && f.Start == Lead + TimeSpan.FromMinutes(10) && f.Start + f.Duration == Lead + TimeSpan.FromMinutes(40));
        Assert.Contains(options.Faults, f => f is { Machine: "cnc-05", Kind: FaultKind.StuckSensor, Signal: "vibration_rms" } && f.Start == Lead + TimeSpan.FromMinutes(15) && f.Duration == TimeSpan.FromMinutes(10));
        Assert.Contains(options.Faults, f => f is { Machine: "cnc-02", Kind: FaultKind.TemperatureDrift, Duration: null } && f.Start == Lead + TimeSpan.FromMinutes(20));
        Assert.Contains(options.Faults, f => f is { Machine: "filler-01", Kind: FaultKind.NoiseBurst });
    }

    [Fact]
    public void Validate_reports_every_invalid_setting()
    {
        var options = new SimulationOptions
        {
            SpeedUp = 0,
            RateMultiplier = double.NaN,
            Faults =
            [
                new("cnc-01", FaultKind.BearingWear, TimeSpan.FromMinutes(-1), null),
                new("cnc-01", FaultKind.StuckSensor, TimeSpan.Zero, TimeSpan.Zero),
            ],
        };

        var errors = options.Validate();

        Assert.Contains(errors, e => e.Contains("SpeedUp", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("RateMultiplier", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("Faults[0]: start", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("Faults[0]: bearing wear needs a duration", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("Faults[1]: duration", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("Faults[1]: a StuckSensor fault needs a signal", StringComparison.Ordinal));
        Assert.Throws<ArgumentException>(() => new PlantSimulator(options, SimulationRun.Start));
    }

    [Fact]
    public void Clock_runs_simulated_time_faster_by_the_speed_up()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var clock = new SimulationClock(time, SimulationRun.Start, speedUp: 60);

        time.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(SimulationRun.Start + TimeSpan.FromMinutes(10), clock.Now);
        Assert.Equal(TimeSpan.FromSeconds(5), clock.WallTimeUntil(SimulationRun.Start + TimeSpan.FromMinutes(15)));
        Assert.Equal(TimeSpan.Zero, clock.WallTimeUntil(SimulationRun.Start));
    }
}
