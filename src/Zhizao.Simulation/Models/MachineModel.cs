namespace Zhizao.Simulation.Models;

/// <summary>
/// How a sensor reads a true value: Gaussian noise with a standard deviation of
/// <c>Absolute + Relative·|value|</c>, and a physical floor (speeds, currents and the like are never negative).
/// </summary>
internal readonly record struct SensorSpec(double Absolute, double Relative, double Floor)
{
    public static SensorSpec Exact { get; } = new(0, 0, double.NegativeInfinity);

    public static SensorSpec NonNegative(double absolute, double relative = 0) => new(absolute, relative, 0);

    public static SensorSpec Signed(double absolute) => new(absolute, 0, double.NegativeInfinity);
}

/// <summary>
/// The physics of one machine. The simulator advances it to each sample time (never backwards) and reads the
/// true (noise-free) value of a slot; the sensor layer adds noise and sensor faults.
/// </summary>
internal abstract class MachineModel
{
    /// <summary>The slot of a signal id, or -1 when this model does not simulate it.</summary>
    public abstract int Resolve(string signalId);

    /// <summary>How the sensor of a slot reads.</summary>
    public abstract SensorSpec Spec(int slot);

    /// <summary>Moves the state to <paramref name="seconds"/> after the start of the run; earlier times are ignored.</summary>
    public abstract void AdvanceTo(double seconds);

    /// <summary>The true value of a slot at the current time.</summary>
    public abstract double Read(int slot);
}
