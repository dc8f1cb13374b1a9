using Zhizao.Core.Assets;

namespace Zhizao.Simulation.Models;

/// <summary>A sensor fault on one channel, in ticks since the start of the run (end exclusive).</summary>
internal readonly record struct SensorFault(FaultKind Kind, long Start, long End);

/// <summary>
/// One signal's sensor: when it samples next, and how it turns the model's true value into a reading
/// (noise, floor, sensor faults, data type).
/// </summary>
internal sealed class SignalChannel(SignalPath path, SignalDataType type, MachineModel model, int slot, long periodTicks, SimRandom random)
{
    private static readonly double BurstSigmaFactor = Math.Sqrt(FaultScenario.NoiseBurstVarianceFactor);
    private readonly SensorSpec _spec = model.Spec(slot);
    private SimRandom _random = random;
    private SensorFault[] _faults = [];
    private double _last;
    private bool _hasLast;

    public SignalPath Path { get; } = path;

    public SignalDataType DataType { get; } = type;

    public MachineModel Model { get; } = model;

    public long PeriodTicks { get; } = periodTicks;

    public void AddFault(SensorFault fault) => _faults = [.. _faults, fault];

    /// <summary>The reading at <paramref name="ticks"/>; the model must already be advanced there.</summary>
    public double Measure(long ticks)
    {
        var sigmaFactor = 1.0;
        var offset = 0.0;
        var stuck = false;
        foreach (var fault in _faults)
        {
            if (ticks < fault.Start || ticks >= fault.End)
                continue;
            switch (fault.Kind)
            {
                case FaultKind.NoiseBurst:
                    sigmaFactor *= BurstSigmaFactor;
                    break;
                case FaultKind.TemperatureDrift:
                    offset += FaultScenario.TemperatureDriftPerMinute * (ticks - fault.Start) / TimeSpan.TicksPerMinute;
                    break;
                case FaultKind.StuckSensor:
                    stuck = true;
                    break;
            }
        }
        if (stuck && _hasLast)
            return _last;

        var value = Model.Read(slot);
        value = DataType switch
        {
            SignalDataType.Bool => value >= 0.5 ? 1 : 0,
            SignalDataType.Int => Math.Round(value + offset),
            _ => Math.Max(_spec.Floor, value + offset + ((_spec.Absolute + (_spec.Relative * Math.Abs(value))) * sigmaFactor * _random.Gaussian())),
        };
        _last = value;
        _hasLast = true;
        return value;
    }
}
