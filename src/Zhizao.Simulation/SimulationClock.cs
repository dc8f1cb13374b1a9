namespace Zhizao.Simulation;

/// <summary>
/// Maps wall-clock time to simulated time: the simulation starts at a chosen instant and runs
/// <see cref="SimulationOptions.SpeedUp"/> times faster than the injected <see cref="TimeProvider"/>.
/// A publisher loop calls <c>simulator.Step(clock.Now)</c>.
/// </summary>
public sealed class SimulationClock
{
    private readonly TimeProvider _time;
    private readonly long _wallStart;
    private readonly double _speedUp;

    /// <summary>Starts the clock now: <see cref="Now"/> equals <paramref name="simulatedStart"/> at this instant.</summary>
    public SimulationClock(TimeProvider time, DateTimeOffset simulatedStart, double speedUp)
    {
        ArgumentNullException.ThrowIfNull(time);
        if (!double.IsFinite(speedUp) || speedUp <= 0)
            throw new ArgumentOutOfRangeException(nameof(speedUp), speedUp, "the speed-up must be positive");
        _time = time;
        _wallStart = time.GetTimestamp();
        _speedUp = speedUp;
        SimulatedStart = simulatedStart;
    }

    /// <summary>The simulated time at which the clock started.</summary>
    public DateTimeOffset SimulatedStart { get; }

    /// <summary>The current simulated time.</summary>
    public DateTimeOffset Now => SimulatedStart + (_time.GetElapsedTime(_wallStart) * _speedUp);

    /// <summary>The wall-clock time until the simulation reaches <paramref name="simulated"/> (zero when already past).</summary>
    public TimeSpan WallTimeUntil(DateTimeOffset simulated)
    {
        var ahead = simulated - Now;
        return ahead <= TimeSpan.Zero ? TimeSpan.Zero : ahead / _speedUp;
    }
}
