using Zhizao.Core.Assets;

namespace Zhizao.Simulation;

/// <summary>
/// One simulated reading: the signal, its time and its value. Values respect the signal's data type:
/// ints are integral and bools are 0 or 1.
/// </summary>
public readonly record struct SimulatedSample(SignalPath Path, DateTimeOffset Timestamp, double Value);
