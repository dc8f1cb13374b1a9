using Zhizao.Core.Assets;

namespace Zhizao.Simulation.Models;

/// <summary>A machine of the plant with its model and one channel per signal.</summary>
internal sealed class SimulatedMachine(string id, string path, MachineModel? model, Dictionary<string, SignalChannel> channels)
{
    public string Id { get; } = id;

    /// <summary>"site/line/machine".</summary>
    public string Path { get; } = path;

    /// <summary>The physical model, or null when the machine's kind has none.</summary>
    public MachineModel? Model { get; } = model;

    /// <summary>Channels by signal id, in plant order.</summary>
    public Dictionary<string, SignalChannel> Channels { get; } = channels;

    /// <summary>Models and channels for every machine of the plant, in plant order.</summary>
    public static List<SimulatedMachine> Build(PlantModel plant, SimulationOptions options, DateTimeOffset start)
    {
        var machines = new List<SimulatedMachine>();
        foreach (var site in plant.Sites)
        {
            var timeZone = TimeZoneInfo.TryFindSystemTimeZoneById(site.TimeZone, out var zone) ? zone : TimeZoneInfo.Utc;
            var ambient = new Ambient(start, timeZone);
            foreach (var line in site.Lines)
            {
                PackagingLineState? packaging = null;
                PackagingLineState Packaging() => packaging ??= new PackagingLineState(new SimRandom(options.Seed, $"line:{site.Id}/{line.Id}"));
                foreach (var machine in line.Machines)
                {
                    var path = $"{site.Id}/{line.Id}/{machine.Id}";
                    var random = new SimRandom(options.Seed, "machine:" + path);
                    MachineModel? model = machine.Kind switch
                    {
                        DemoPlant.Kinds.Cnc => new CncModel(random, ambient),
                        DemoPlant.Kinds.Filler => new FillerModel(Packaging(), random),
                        DemoPlant.Kinds.Sealer => new SealerModel(random),
                        DemoPlant.Kinds.Conveyor => new ConveyorModel(Packaging(), random),
                        _ => null,
                    };
                    GenericModel? generic = null;
                    var channels = new Dictionary<string, SignalChannel>(StringComparer.Ordinal);
                    foreach (var signal in machine.Signals)
                    {
                        var signalPath = new SignalPath(site.Id, line.Id, machine.Id, signal.Id);
                        MachineModel owner;
                        int slot;
                        if (model is not null && model.Resolve(signal.Id) is >= 0 and var known)
                            (owner, slot) = (model, known);
                        else
                        {
                            generic ??= new GenericModel();
                            (owner, slot) = (generic, generic.Add(signal));
                        }
                        var period = Math.Max(1, (long)Math.Round(signal.SamplingPeriodSeconds * TimeSpan.TicksPerSecond / options.RateMultiplier));
                        channels[signal.Id] = new SignalChannel(signalPath, signal.DataType, owner, slot, period, new SimRandom(options.Seed, "signal:" + signalPath));
                    }
                    machines.Add(new SimulatedMachine(machine.Id, path, model, channels));
                }
            }
        }
        return machines;
    }
}
