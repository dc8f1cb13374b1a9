using Zhizao.Core.Assets;
using static Zhizao.Simulation.DemoPlant.Signals;

namespace Zhizao.Simulation.Tests;

public class PlantSimulatorTests
{
    private static readonly TimeSpan TenMinutes = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan Lead = SimulationOptions.HealthyLead;

    [Fact]
    public void Same_seed_start_and_options_give_identical_samples()
    {
        var first = new SimulationRun(new SimulationOptions(), TenMinutes);
        var second = new SimulationRun(new SimulationOptions(), TenMinutes);

        Assert.NotEmpty(first.Samples);
        Assert.Equal(first.Samples, second.Samples);
    }

    [Fact]
    public void Different_seeds_give_different_samples()
    {
        var first = new SimulationRun(new SimulationOptions { Seed = 1 }, TenMinutes);
        var second = new SimulationRun(new SimulationOptions { Seed = 2 }, TenMinutes);

        Assert.Equal(first.Samples.Count, second.Samples.Count);
        Assert.Equal(first.Samples.Select(s => (s.Path, s.Timestamp)), second.Samples.Select(s => (s.Path, s.Timestamp)));
        Assert.NotEqual(first.Samples.Select(s => s.Value), second.Samples.Select(s => s.Value));
    }

    [Fact]
    public void Stepping_in_small_increments_gives_the_same_samples_as_one_generation()
    {
        var whole = new SimulationRun(new SimulationOptions(), TenMinutes).Samples;
        var stepper = new PlantSimulator(new SimulationOptions(), SimulationRun.Start);
        var stepped = new List<SimulatedSample>();

        for (var t = SimulationRun.Start; t < SimulationRun.Start + TenMinutes; t += TimeSpan.FromMilliseconds(730))
            stepper.StepInto(t, stepped);
        stepped.AddRange(stepper.Generate(stepper.Position, SimulationRun.Start + TenMinutes));

        Assert.Equal(whole, stepped);
    }

    [Fact]
    public void Step_returns_samples_up_to_and_including_now_once()
    {
        var simulator = new PlantSimulator(new SimulationOptions(), SimulationRun.Start);

        var atStart = simulator.Step(SimulationRun.Start);
        var again = simulator.Step(SimulationRun.Start);
        var next = simulator.Step(SimulationRun.Start + TimeSpan.FromSeconds(1));

        Assert.Equal(simulator.Signals.Count, atStart.Count);
        Assert.All(atStart, s => Assert.Equal(SimulationRun.Start, s.Timestamp));
        Assert.Empty(again);
        Assert.All(next, s => Assert.True(s.Timestamp > SimulationRun.Start && s.Timestamp <= SimulationRun.Start + TimeSpan.FromSeconds(1)));
        Assert.Contains(next, s => s.Timestamp == SimulationRun.Start + TimeSpan.FromSeconds(1));
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(10.0)]
    [InlineData(0.5)]
    public void Each_signal_is_sampled_exactly_at_its_period_divided_by_the_rate_multiplier(double rate)
    {
        var run = new SimulationRun(new SimulationOptions { RateMultiplier = rate }, TimeSpan.FromMinutes(2));
        var periods = DemoPlant.Create().AllSignals().ToDictionary(s => s.Path, s => TimeSpan.FromSeconds(s.Signal.SamplingPeriodSeconds / rate));

        Assert.Equal(periods.Keys.ToHashSet(), run.BySignal.Keys.ToHashSet());
        foreach (var (path, samples) in run.BySignal)
        {
            Assert.Equal(SimulationRun.Start, samples[0].Timestamp);
            for (var i = 1; i < samples.Count; i++)
                Assert.Equal(periods[path], samples[i].Timestamp - samples[i - 1].Timestamp);
        }
        Assert.True(run.Samples.Zip(run.Samples.Skip(1)).All(p => p.First.Timestamp <= p.Second.Timestamp), "samples come out in time order");
    }

    [Fact]
    public void Values_respect_the_signal_data_types()
    {
        var run = new SimulationRun(new SimulationOptions(), TimeSpan.FromMinutes(45));
        var types = DemoPlant.Create().AllSignals().ToDictionary(s => s.Path, s => s.Signal.DataType);

        foreach (var sample in run.Samples)
        {
            Assert.True(double.IsFinite(sample.Value), sample.Path.ToString());
            switch (types[sample.Path])
            {
                case SignalDataType.Bool:
                    Assert.True(sample.Value is 0 or 1, $"{sample.Path} = {sample.Value}");
                    break;
                case SignalDataType.Int:
                    Assert.Equal(Math.Round(sample.Value), sample.Value);
                    break;
            }
        }
    }

    [Fact]
    public void Healthy_machines_stay_within_their_normal_ranges_at_least_99_percent_of_the_time()
    {
        var run = new SimulationRun(SimulationRun.Healthy(), TimeSpan.FromHours(2));

        foreach (var (path, signal) in DemoPlant.Create().AllSignals())
        {
            if (signal.Normal is not { } range)
                continue;
            var samples = run.BySignal[path];
            var inside = samples.Count(s => s.Value >= range.Min && s.Value <= range.Max);
            Assert.True(inside >= 0.99 * samples.Count, $"{path}: {inside} of {samples.Count} within [{range.Min}, {range.Max}]");
        }
    }

    [Fact]
    public void Machines_go_through_job_cycles_with_correlated_load_and_power()
    {
        var run = new SimulationRun(SimulationRun.Healthy(), TimeSpan.FromHours(1));
        var speed = run.BySignal[SimulationRun.Cnc("cnc-01", SpindleSpeed)];
        var power = run.BySignal[SimulationRun.Cnc("cnc-01", Power)];
        var count = run.BySignal[SimulationRun.Cnc("cnc-01", GoodCount)];

        Assert.Contains(speed, s => s.Value == 0);
        Assert.Contains(speed, s => s.Value > 4_000);
        Assert.True(Correlation(speed.Select(s => s.Value), power.Select(s => s.Value)) > 0.8);
        Assert.True(count[^1].Value > 5, $"parts made in an hour: {count[^1].Value}");
        Assert.True(count.Zip(count.Skip(1)).All(p => p.Second.Value >= p.First.Value), "the counter never decreases");
    }

    [Fact]
    public void Bearing_wear_pushes_cnc03_out_of_its_normal_range_before_it_fails_and_stops()
    {
        var end = Lead + TimeSpan.FromHours(1);
        var run = new SimulationRun(new SimulationOptions(), end);
        var truth = run.Simulator.Faults.Single(f => f.Scenario.Kind == FaultKind.BearingWear);
        var failure = truth.FailureAt!.Value - SimulationRun.Start;
        var vibrationRange = Range(VibrationRms);

        Assert.Equal("demo-site/machining/cnc-03", truth.MachinePath);
        Assert.Equal(Lead + TimeSpan.FromMinutes(40), failure);
        Assert.Equal(Lead + TimeSpan.FromMinutes(10), truth.Start - SimulationRun.Start);
        Assert.Contains(SimulationRun.Cnc("cnc-03", VibrationRms), truth.AffectedSignals);

        var healthyVibration = run.Between(SimulationRun.Cnc("cnc-03", VibrationRms), TimeSpan.Zero, Lead + TimeSpan.FromMinutes(10));
        var lateVibration = run.Between(SimulationRun.Cnc("cnc-03", VibrationRms), failure - TenMinutes, failure);
        var lateTemperature = run.Between(SimulationRun.Cnc("cnc-03", BearingTemp), failure - TenMinutes, failure);
        Assert.All(healthyVibration, s => Assert.True(s.Value <= vibrationRange.Max));
        Assert.True(lateVibration.Count(s => s.Value > vibrationRange.Max) > 0.2 * lateVibration.Count);
        Assert.Contains(lateTemperature, s => s.Value > Range(BearingTemp).Max);

        var afterFailure = failure + TimeSpan.FromSeconds(30);
        Assert.All(run.Between(SimulationRun.Cnc("cnc-03", SpindleSpeed), afterFailure, end), s => Assert.Equal(0, s.Value));
        Assert.All(run.Between(SimulationRun.Cnc("cnc-03", Running), failure, end), s => Assert.Equal(0, s.Value));
        Assert.All(run.Between(SimulationRun.Cnc("cnc-03", Running), TimeSpan.Zero, failure), s => Assert.Equal(1, s.Value));
    }

    [Fact]
    public void Stuck_sensor_repeats_its_last_value_exactly_during_the_fault_only()
    {
        var run = new SimulationRun(new SimulationOptions(), Lead + TimeSpan.FromMinutes(30));
        var path = SimulationRun.Cnc("cnc-05", VibrationRms);
        var truth = run.Simulator.Faults.Single(f => f.Scenario.Kind == FaultKind.StuckSensor);
        var before = run.Between(path, TimeSpan.Zero, Lead + TimeSpan.FromMinutes(15));
        var during = run.Between(path, Lead + TimeSpan.FromMinutes(15), Lead + TimeSpan.FromMinutes(25));
        var after = run.Between(path, Lead + TimeSpan.FromMinutes(25), Lead + TimeSpan.FromMinutes(30));

        Assert.Equal([path], truth.AffectedSignals);
        Assert.Equal(SimulationRun.Start + Lead + TimeSpan.FromMinutes(25), truth.End);
        Assert.All(during, s => Assert.Equal(before[^1].Value, s.Value));
        Assert.True(before.Select(s => s.Value).Distinct().Count() > before.Count / 2);
        Assert.True(after.Select(s => s.Value).Distinct().Count() > after.Count / 2);
    }

    [Fact]
    public void Temperature_drift_adds_a_linearly_growing_offset_to_the_sensor()
    {
        var faulty = new SimulationRun(new SimulationOptions(), Lead + TimeSpan.FromMinutes(60));
        var healthy = new SimulationRun(new SimulationOptions { Faults = [.. SimulationOptions.DefaultFaults.Where(f => f.Kind != FaultKind.TemperatureDrift)] }, Lead + TimeSpan.FromMinutes(60));
        var path = SimulationRun.Cnc("cnc-02", BearingTemp);

        var difference = faulty.BySignal[path].Zip(healthy.BySignal[path], (f, h) => (Minutes: (f.Timestamp - SimulationRun.Start - Lead).TotalMinutes, Offset: f.Value - h.Value)).ToList();

        Assert.All(difference.Where(d => d.Minutes <= 20), d => Assert.Equal(0, d.Offset));
        Assert.All(difference.Where(d => d.Minutes > 20), d => Assert.Equal(FaultScenario.TemperatureDriftPerMinute * (d.Minutes - 20), d.Offset, 6));
    }

    [Fact]
    public void Noise_burst_multiplies_the_fill_weight_variance()
    {
        var run = new SimulationRun(new SimulationOptions(), Lead + TimeSpan.FromMinutes(40));
        var path = SimulationRun.Packaging(DemoPlant.Filler, FillWeight);

        var quiet = Variance(run.Between(path, Lead + TimeSpan.FromMinutes(10), Lead + TimeSpan.FromMinutes(30)));
        var burst = Variance(run.Between(path, Lead + TimeSpan.FromMinutes(32), Lead + TimeSpan.FromMinutes(34)));

        Assert.InRange(burst / quiet, 3, 8);
    }

    [Fact]
    public void Faults_on_unknown_machines_or_signals_are_rejected_with_every_problem()
    {
        var options = new SimulationOptions
        {
            Faults =
            [
                new("cnc-09", FaultKind.BearingWear, TimeSpan.Zero, TimeSpan.FromMinutes(1)),
                new("cnc-01", FaultKind.StuckSensor, TimeSpan.Zero, null, "no_such_signal"),
                new(DemoPlant.Filler, FaultKind.BearingWear, TimeSpan.Zero, TimeSpan.FromMinutes(1)),
                new("cnc-01", FaultKind.NoiseBurst, TimeSpan.Zero, null, Running),
            ],
        };

        var error = Assert.Throws<ArgumentException>(() => new PlantSimulator(options, SimulationRun.Start));

        Assert.Contains("Faults[0]", error.Message, StringComparison.Ordinal);
        Assert.Contains("Faults[1]", error.Message, StringComparison.Ordinal);
        Assert.Contains("Faults[2]", error.Message, StringComparison.Ordinal);
        Assert.Contains("Faults[3]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Generates_hundreds_of_thousands_of_samples_in_bulk()
    {
        var simulator = new PlantSimulator(new SimulationOptions { RateMultiplier = 100 }, SimulationRun.Start);
        var buffer = new SimulatedSample[4096];
        var total = 0;
        var sum = 0.0;

        while (total < 400_000)
        {
            var written = simulator.Fill(DateTimeOffset.MaxValue, buffer);
            Assert.Equal(buffer.Length, written);
            for (var i = 0; i < written; i++)
                sum += buffer[i].Value;
            total += written;
        }

        Assert.True(double.IsFinite(sum));
        Assert.True(simulator.Position > SimulationRun.Start);
    }

    [Fact]
    public void Unknown_machine_kinds_and_signals_are_simulated_generically()
    {
        var plant = new PlantModel(1, "other", null, 1,
        [
            new Site("s", new LocalizedText("S", ""), "UTC",
            [
                new Line("l", new LocalizedText("L", ""),
                [
                    new Machine("press", new LocalizedText("Press", ""), "press",
                    [
                        new Signal("force", "kN", SignalDataType.Float, 1, new NormalRange(10, 20), new LocalizedText("Force", "")),
                        new Signal("strokes", "count", SignalDataType.Int, 1, new NormalRange(0, 1e6), new LocalizedText("Strokes", "")),
                    ]),
                ]),
            ]),
        ]);

        var run = new SimulationRun(SimulationRun.Healthy(), TenMinutes, plant);

        var force = run.BySignal[new SignalPath("s", "l", "press", "force")];
        Assert.Equal(600, force.Count);
        Assert.InRange(force.Average(s => s.Value), 14, 16);
    }

    private static NormalRange Range(string signal) =>
        DemoPlant.Create().AllSignals().First(s => s.Path.Machine == "cnc-03" && s.Path.Signal == signal).Signal.Normal!;

    private static double Variance(List<SimulatedSample> samples)
    {
        var mean = samples.Average(s => s.Value);
        return samples.Sum(s => (s.Value - mean) * (s.Value - mean)) / (samples.Count - 1);
    }

    private static double Correlation(IEnumerable<double> xs, IEnumerable<double> ys)
    {
        var pairs = xs.Zip(ys).ToList();
        var mx = pairs.Average(p => p.First);
        var my = pairs.Average(p => p.Second);
        var cov = pairs.Sum(p => (p.First - mx) * (p.Second - my));
        var vx = pairs.Sum(p => (p.First - mx) * (p.First - mx));
        var vy = pairs.Sum(p => (p.Second - my) * (p.Second - my));
        return cov / Math.Sqrt(vx * vy);
    }
}
