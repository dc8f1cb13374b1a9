using Zhizao.Core.Assets;

namespace Zhizao.Simulation.Tests;

public class DemoPlantTests
{
    [Fact]
    public void Demo_plant_passes_the_validator()
    {
        var errors = PlantValidator.Validate("demo", DemoPlant.Create());

        Assert.Empty(errors);
    }

    [Fact]
    public void Demo_plant_round_trips_through_a_json_plant_file()
    {
        var plant = DemoPlant.Create();
        var json = PlantFile.ToJson(plant);

        var parsed = PlantFile.Parse("demo.json", json);

        Assert.Equal(json, PlantFile.ToJson(parsed));
        Assert.Equal(plant.AllSignals().Select(s => s.Path), parsed.AllSignals().Select(s => s.Path));
    }

    [Fact]
    public void Demo_plant_has_the_described_layout()
    {
        var plant = DemoPlant.Create();

        var site = Assert.Single(plant.Sites);
        Assert.Equal("demo", plant.Id);
        Assert.Equal("demo-site", site.Id);
        Assert.Equal("Asia/Shanghai", site.TimeZone);
        Assert.Equal(["cnc-01", "cnc-02", "cnc-03", "cnc-04", "cnc-05"], site.Lines.Single(l => l.Id == "machining").Machines.Select(m => m.Id));
        Assert.Equal(["filler-01", "sealer-01", "conveyor-01"], site.Lines.Single(l => l.Id == "packaging").Machines.Select(m => m.Id));
        foreach (var machine in site.Lines[0].Machines)
            Assert.Superset(new HashSet<string> { "spindle_speed", "spindle_load", "vibration_rms", "bearing_temp", "power" }, machine.Signals.Select(s => s.Id).ToHashSet());
    }

    [Fact]
    public void Every_signal_is_fully_described_in_both_languages()
    {
        var signals = DemoPlant.Create().AllSignals().Select(s => s.Signal).ToList();

        foreach (var signal in signals)
        {
            Assert.False(string.IsNullOrWhiteSpace(signal.Unit), signal.Id);
            Assert.False(string.IsNullOrWhiteSpace(signal.Description.En), signal.Id);
            Assert.False(string.IsNullOrWhiteSpace(signal.Description.Zh), signal.Id);
            Assert.True(signal.SamplingPeriodSeconds > 0, signal.Id);
            Assert.Equal(signal.DataType != SignalDataType.Bool, signal.Normal is not null);
        }
        Assert.Contains(signals, s => s.DataType == SignalDataType.Int);
        Assert.Contains(signals, s => s.DataType == SignalDataType.Bool);
    }
}
