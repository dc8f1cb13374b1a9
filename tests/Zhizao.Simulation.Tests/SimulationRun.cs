using Zhizao.Core.Assets;

namespace Zhizao.Simulation.Tests;

/// <summary>Runs a simulator over a span and indexes the samples by signal.</summary>
internal sealed class SimulationRun
{
    public static readonly DateTimeOffset Start = new(2026, 11, 2, 0, 0, 0, TimeSpan.FromHours(8));

    public SimulationRun(SimulationOptions options, TimeSpan length, PlantModel? plant = null)
    {
        Simulator = new PlantSimulator(plant ?? DemoPlant.Create(), options, Start);
        Samples = [.. Simulator.Generate(Start, Start + length)];
        foreach (var sample in Samples)
        {
            if (!BySignal.TryGetValue(sample.Path, out var list))
                BySignal[sample.Path] = list = [];
            list.Add(sample);
        }
    }

    public PlantSimulator Simulator { get; }

    public List<SimulatedSample> Samples { get; }

    public Dictionary<SignalPath, List<SimulatedSample>> BySignal { get; } = [];

    public static SignalPath Cnc(string machine, string signal) => DemoPlant.PathOf(DemoPlant.MachiningLine, machine, signal);

    public static SignalPath Packaging(string machine, string signal) => DemoPlant.PathOf(DemoPlant.PackagingLine, machine, signal);

    public List<SimulatedSample> Between(SignalPath path, TimeSpan from, TimeSpan to) =>
        [.. BySignal[path].Where(s => s.Timestamp >= Start + from && s.Timestamp < Start + to)];

    public static SimulationOptions Healthy(int seed = 42) => new() { Seed = seed, Faults = [] };
}
