using Zhizao.Core.Assets;

namespace Zhizao.Simulation.Models;

/// <summary>Applies fault scenarios to the machines and channels of a run and records their ground truth.</summary>
internal static class FaultInjector
{
    /// <exception cref="ArgumentException">A fault names an unknown, ambiguous or unsuitable machine or signal (all problems are listed).</exception>
    public static IReadOnlyList<FaultTruth> Inject(IReadOnlyList<SimulatedMachine> machines, IList<FaultScenario> faults, DateTimeOffset start)
    {
        var truths = new List<FaultTruth>(faults.Count);
        var errors = new List<string>();
        var worn = new HashSet<SimulatedMachine>();
        for (var i = 0; i < faults.Count; i++)
        {
            var fault = faults[i];
            var problem = Apply(fault, machines, worn, start, truths);
            if (problem is not null)
                errors.Add($"Faults[{i}] ({fault.Kind} on {fault.Machine}): {problem}");
        }
        if (errors.Count > 0)
            throw new ArgumentException("Invalid simulation faults: " + string.Join("; ", errors));
        return truths;
    }

    private static string? Apply(FaultScenario fault, IReadOnlyList<SimulatedMachine> machines, HashSet<SimulatedMachine> worn, DateTimeOffset start, List<FaultTruth> truths)
    {
        SimulatedMachine? machine = null;
        foreach (var candidate in machines)
        {
            if (candidate.Id != fault.Machine && candidate.Path != fault.Machine)
                continue;
            if (machine is not null)
                return "the machine id is ambiguous; use its path site/line/machine";
            machine = candidate;
        }
        if (machine is null)
            return "unknown machine";

        var startTicks = fault.Start.Ticks;
        var endTicks = fault.Duration is { } duration ? startTicks + duration.Ticks : long.MaxValue;
        DateTimeOffset? end = fault.Duration is null ? null : start + fault.Start + fault.Duration.Value;

        if (fault.Kind == FaultKind.BearingWear)
        {
            if (machine.Model is not CncModel cnc)
                return "bearing wear is simulated on CNC machines only";
            if (!worn.Add(machine))
                return "the machine already has a bearing wear fault";
            cnc.AddBearingWear((double)startTicks / TimeSpan.TicksPerSecond, (double)endTicks / TimeSpan.TicksPerSecond);
            List<SignalPath> affected = [];
            foreach (var signal in (ReadOnlySpan<string>)[DemoPlant.Signals.VibrationRms, DemoPlant.Signals.BearingTemp])
                if (machine.Channels.TryGetValue(signal, out var affectedChannel))
                    affected.Add(affectedChannel.Path);
            truths.Add(new FaultTruth(fault, machine.Path, affected, start + fault.Start, end, end));
            return null;
        }

        if (fault.Signal is null || !machine.Channels.TryGetValue(fault.Signal, out var channel))
            return $"the machine has no signal '{fault.Signal}'";
        if (fault.Kind is FaultKind.NoiseBurst or FaultKind.TemperatureDrift && channel.DataType != SignalDataType.Float)
            return $"{fault.Kind} needs a float signal";
        channel.AddFault(new SensorFault(fault.Kind, startTicks, endTicks));
        truths.Add(new FaultTruth(fault, machine.Path, [channel.Path], start + fault.Start, end, null));
        return null;
    }
}
