using Zhizao.Core.Assets;
using static Zhizao.Simulation.DemoPlant.Signals;

namespace Zhizao.Simulation.Models;

/// <summary>
/// The packaging line's shared throughput: a mean-reverting line speed around 120 units/min that the filler
/// fills at and the conveyor carries, so that their signals correlate as on a real line.
/// </summary>
internal sealed class PackagingLineState(SimRandom random)
{
    public const double NominalUnitsPerMinute = 120;
    private SimRandom _random = random;
    private MeanReverting _speed = new(NominalUnitsPerMinute, 3, 90);
    private double _now;

    /// <summary>Units per minute at the current time.</summary>
    public double UnitsPerMinute => _speed.Value;

    public void AdvanceTo(double seconds)
    {
        if (seconds <= _now)
            return;
        _speed.Advance(seconds - _now, ref _random);
        _now = seconds;
    }
}

/// <summary>A volumetric filler: fills at line speed, 502 g target with slow nozzle drift; counts good units.</summary>
internal sealed class FillerModel(PackagingLineState line, SimRandom random) : MachineModel
{
    private const int WeightSlot = 0, SpeedSlot = 1, RunningSlot = 2, CountSlot = 3;
    private SimRandom _random = random;
    private MeanReverting _nozzle = new(502, 0.5, 600);
    private double _now;
    private double _units;

    public override int Resolve(string signalId) => signalId switch
    {
        FillWeight => WeightSlot,
        LineSpeed => SpeedSlot,
        Running => RunningSlot,
        GoodCount => CountSlot,
        _ => -1,
    };

    public override SensorSpec Spec(int slot) => slot switch
    {
        WeightSlot => SensorSpec.NonNegative(1.5),
        SpeedSlot => SensorSpec.NonNegative(0.3),
        _ => SensorSpec.Exact,
    };

    public override void AdvanceTo(double seconds)
    {
        if (seconds <= _now)
            return;
        var dt = seconds - _now;
        _units += line.UnitsPerMinute * dt / 60;
        line.AdvanceTo(seconds);
        _nozzle.Advance(dt, ref _random);
        _now = seconds;
    }

    public override double Read(int slot) => slot switch
    {
        WeightSlot => _nozzle.Value,
        SpeedSlot => line.UnitsPerMinute,
        RunningSlot => 1,
        CountSlot => Math.Floor(_units),
        _ => 0,
    };
}

/// <summary>
/// A heat sealer: the jaw heater is switched by a hysteresis controller (178.5–181.5 °C) and the jaw temperature
/// follows a first-order response towards the heater's or the room's temperature, giving a saw-tooth around 180 °C;
/// sealing pressure wanders slowly around 6 bar.
/// </summary>
internal sealed class SealerModel(SimRandom random) : MachineModel
{
    private const int TempSlot = 0, PressureSlot = 1, HeaterSlot = 2;
    private const double HeaterTarget = 240, RoomTarget = 25, SwitchOff = 181.5, SwitchOn = 178.5, TimeConstant = 400;
    private SimRandom _random = random;
    private MeanReverting _pressure = new(6.0, 0.08, 30);
    private double _now;
    private double _temp = 180;
    private bool _heater = true;

    public override int Resolve(string signalId) => signalId switch
    {
        SealTemp => TempSlot,
        Pressure => PressureSlot,
        HeaterOn => HeaterSlot,
        _ => -1,
    };

    public override SensorSpec Spec(int slot) => slot switch
    {
        TempSlot => SensorSpec.Signed(0.15),
        PressureSlot => SensorSpec.NonNegative(0.03),
        _ => SensorSpec.Exact,
    };

    public override void AdvanceTo(double seconds)
    {
        if (seconds <= _now)
            return;
        var dt = seconds - _now;
        _pressure.Advance(dt, ref _random);
        _now = seconds;
        // Solve exactly for each switching instant inside the step, so the saw-tooth does not depend on the step size.
        while (dt > 0)
        {
            var target = _heater ? HeaterTarget : RoomTarget;
            var threshold = _heater ? SwitchOff : SwitchOn;
            var ratio = (_temp - target) / (threshold - target);
            var untilSwitch = ratio > 1 ? TimeConstant * Math.Log(ratio) : 0;
            if (untilSwitch >= dt)
            {
                _temp = target + ((_temp - target) * Math.Exp(-dt / TimeConstant));
                return;
            }
            _temp = threshold;
            dt -= untilSwitch;
            _heater = !_heater;
        }
    }

    public override double Read(int slot) => slot switch
    {
        TempSlot => _temp,
        PressureSlot => _pressure.Value,
        HeaterSlot => _heater ? 1 : 0,
        _ => 0,
    };
}

/// <summary>A belt conveyor carrying the line's units at a 0.25 m pitch; motor current follows belt speed plus slowly varying friction.</summary>
internal sealed class ConveyorModel(PackagingLineState line, SimRandom random) : MachineModel
{
    private const int SpeedSlot = 0, CurrentSlot = 1, RunningSlot = 2;
    private const double PitchMetres = 0.25;
    private SimRandom _random = random;
    private MeanReverting _friction = new(0, 0.2, 120);
    private double _now;

    public override int Resolve(string signalId) => signalId switch
    {
        BeltSpeed => SpeedSlot,
        MotorCurrent => CurrentSlot,
        Running => RunningSlot,
        _ => -1,
    };

    public override SensorSpec Spec(int slot) => slot switch
    {
        SpeedSlot => SensorSpec.NonNegative(0.003),
        CurrentSlot => SensorSpec.NonNegative(0.05),
        _ => SensorSpec.Exact,
    };

    public override void AdvanceTo(double seconds)
    {
        if (seconds <= _now)
            return;
        line.AdvanceTo(seconds);
        _friction.Advance(seconds - _now, ref _random);
        _now = seconds;
    }

    public override double Read(int slot) => slot switch
    {
        SpeedSlot => BeltSpeedMetresPerSecond,
        CurrentSlot => 1.5 + (8 * BeltSpeedMetresPerSecond) + _friction.Value,
        RunningSlot => 1,
        _ => 0,
    };

    private double BeltSpeedMetresPerSecond => line.UnitsPerMinute * PitchMetres / 60;
}

/// <summary>
/// The fallback for machines or signals no model knows (a user's own plant file): floats sit mid-range with noise
/// of a twentieth of the range, ints count one per ten seconds, bools are true.
/// </summary>
internal sealed class GenericModel : MachineModel
{
    private readonly List<Signal> _signals = [];
    private double _now;

    /// <summary>Adds a signal and returns its slot.</summary>
    public int Add(Signal signal)
    {
        _signals.Add(signal);
        return _signals.Count - 1;
    }

    public override int Resolve(string signalId) => _signals.FindIndex(s => s.Id == signalId);

    public override SensorSpec Spec(int slot) =>
        _signals[slot] is { DataType: SignalDataType.Float, Normal: { } range }
            ? SensorSpec.Signed((range.Max - range.Min) / 20)
            : SensorSpec.Exact;

    public override void AdvanceTo(double seconds) => _now = Math.Max(_now, seconds);

    public override double Read(int slot) => _signals[slot] switch
    {
        { DataType: SignalDataType.Bool } => 1,
        { DataType: SignalDataType.Int } => Math.Floor(_now / 10),
        { Normal: { } range } => (range.Min + range.Max) / 2,
        _ => 0,
    };
}
