using Zhizao.Simulation;

namespace Zhizao.Server.Hosting;

/// <summary>The running demo simulation's ground truth: when it started and which faults it injects (set by the demo publisher).</summary>
public sealed class DemoScenario
{
    private volatile IReadOnlyList<FaultTruth> _faults = [];

    /// <summary>Simulation start; null until the publisher has started.</summary>
    public DateTimeOffset? Start { get; private set; }

    /// <summary>The injected faults with their ground truth.</summary>
    public IReadOnlyList<FaultTruth> Faults => _faults;

    /// <summary>Records the simulation that runs.</summary>
    public void Set(PlantSimulator simulator)
    {
        ArgumentNullException.ThrowIfNull(simulator);
        Start = simulator.Start;
        _faults = simulator.Faults;
    }
}
