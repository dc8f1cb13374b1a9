using Zhizao.Agents.Maintenance.Rul;

namespace Zhizao.Agents.Maintenance.Tests.Rul;

public sealed class RulFeatureTests
{
    [Fact]
    public void Slope_of_a_linear_series_equals_its_slope_and_window_statistics_are_exact()
    {
        var series = Enumerable.Range(0, 50).Select(i => 3.0 + 0.25 * i).ToArray();
        var output = Enumerable.Range(0, 50).Select(_ => new float[RollingFeatures.PerSeries]).ToArray();
        RollingFeatures.Compute(series, 10, 0.5, output, 0);
        for (var i = 1; i < 50; i++)
            Assert.Equal(0.25, output[i][3], 4);
        Assert.Equal(0f, output[0][3]);
        Assert.Equal(series[49], output[49][0], 4);
        Assert.Equal(series.Skip(40).Average(), output[49][1], 4);
        // Standard deviation of 10 equally spaced values with step 0.25.
        Assert.Equal(0.25 * Math.Sqrt((10 * 10 - 1) / 12.0), output[49][2], 4);
    }

    [Fact]
    public void Constant_sensors_are_dropped_and_one_condition_gives_global_z_scores()
    {
        var runs = Enumerable.Range(1, 3).Select(unit => Run(unit, 40, (u, c) => u + 0.1 * c)).ToList();
        var pipeline = RulFeaturePipeline.Fit(runs, 10, 0.2, 6, 1, 125);
        Assert.Single(pipeline.Conditions.Centroids);
        Assert.Equal([1], pipeline.KeptSensors);
        var values = runs.SelectMany(r => r.Cycles).Select(c => c.Sensors[1]).ToArray();
        Assert.Equal(values.Average(), pipeline.Means[0][0], 9);
        var rows = pipeline.Transform(runs[0]);
        Assert.Equal(pipeline.FeatureCount, rows[0].Length);
        // Cycle, the kept sensor, then the health index over the window and the long window.
        Assert.Equal(1 + 3 * RollingFeatures.PerSeries, pipeline.FeatureCount);
        Assert.Equal(pipeline.FeatureCount, pipeline.FeatureNames().Count);
        Assert.Equal((runs[0].Cycles[5].Sensors[1] - pipeline.Means[0][0]) / pipeline.StandardDeviations[0][0], rows[5][1], 4);
    }

    [Fact]
    public void Distinct_operating_conditions_are_found_and_normalised_separately()
    {
        // Three flight regimes with small noise on the settings; sensor 2 sits at a regime-specific level.
        double[][] regimes = [[0, 0, 100], [20, 0.7, 100], [42, 0.84, 60]];
        var random = new Random(5);
        var runs = Enumerable.Range(1, 4).Select(unit => new EngineRun(unit, [.. Enumerable.Range(1, 60).Select(c =>
        {
            var regime = random.Next(3);
            var settings = regimes[regime].Select(v => v + random.NextDouble() * 0.002).ToArray();
            var sensors = new double[CmapssReader.SensorCount];
            sensors[1] = 100 * regime + random.NextDouble();
            return new EngineCycle(c, settings, sensors);
        })])).ToList();
        var pipeline = RulFeaturePipeline.Fit(runs, 10, 0.2, 10, 1, 125);
        Assert.Equal(3, pipeline.Conditions.Centroids.Length);
        var rows = pipeline.Transform(runs[0]);
        Assert.All(rows, r => Assert.InRange(r[1], -3f, 3f));
    }

    [Fact]
    public void Health_index_recovers_a_linear_relation_to_remaining_life()
    {
        var rows = Enumerable.Range(0, 200).Select(i => new[] { i * 0.1, Math.Sin(i) }).ToArray();
        var targets = rows.Select(r => 5.0 - 2.0 * r[0] + 0.5 * r[1]).ToArray();
        var weights = HealthIndex.Fit(rows, targets);
        Assert.Equal(5.0, weights[0], 4);
        Assert.Equal(-2.0, weights[1], 4);
        Assert.Equal(0.5, weights[2], 4);
    }

    [Fact]
    public void NaN_in_a_run_is_a_clear_error_naming_unit_and_cycle()
    {
        var runs = Enumerable.Range(1, 3).Select(unit => Run(unit, 20, (u, c) => c)).ToList();
        runs[1].Cycles[7].Sensors[4] = double.NaN;
        var error = Assert.Throws<ArgumentException>(() => RulFeaturePipeline.Fit(runs, 10, 0.2, 6, 1, 125));
        Assert.Contains("unit 2, cycle 8", error.Message, StringComparison.Ordinal);
    }

    internal static EngineRun Run(int unit, int cycles, Func<int, int, double> sensor2) =>
        new(unit, [.. Enumerable.Range(1, cycles).Select(c =>
        {
            var sensors = new double[CmapssReader.SensorCount];
            Array.Fill(sensors, 518.67);
            sensors[1] = sensor2(unit, c);
            return new EngineCycle(c, [0.002 * Math.Sin(1.7 * c + unit), 0.0003 * Math.Cos(2.3 * c + unit), 100.0], sensors);
        })]);
}
