using static Zhizao.Simulation.DemoPlant.Signals;

namespace Zhizao.Simulation.Models;

/// <summary>
/// A CNC machining centre running a job cycle: load/unload (spindle stopped), then two to four cutting operations
/// separated by tool changes, then the part is counted. Spindle speed follows its set point with a first-order lag;
/// load and power follow speed and the job's cutting load; vibration grows with speed² and load; the bearing
/// temperature lags (τ = 5 min) behind ambient plus load and speed heating. Bearing wear adds exponentially
/// growing vibration and friction heat until the failure time, when the machine stops for good.
/// </summary>
internal sealed class CncModel : MachineModel
{
    private const int SpeedSlot = 0, LoadSlot = 1, VibrationSlot = 2, TempSlot = 3, PowerSlot = 4, RunningSlot = 5, CountSlot = 6;
    private const double MaxRpm = 12_000;
    private const double RatedPowerKw = 15;
    private const double AuxiliaryPowerKw = 1.2;
    private const double StandbyPowerKw = 0.3;
    // Growth rate of the wear curve, per wear duration: degradation is (e^(λτ) − 1) / (e^(λD) − 1).
    private const double WearSharpness = 4;

    private enum Phase { Loading, Cutting, ToolChange, Failed }

    private readonly Ambient _ambient;
    private SimRandom _random;
    private FirstOrderLag _speedLag = new(1.0);
    private FirstOrderLag _tempLag = new(300);

    private double _now;
    private Phase _phase;
    private double _phaseEnd;
    private int _operationsLeft;
    private double _targetRpm;
    private double _jobLoad;
    private long _goodCount;

    private double _rpm;
    private double _temp;
    private double _load;

    private double _wearStart = double.PositiveInfinity;
    private double _failureAt = double.PositiveInfinity;
    private double _wearScale;
    private double _wearLambda;

    public CncModel(SimRandom random, Ambient ambient)
    {
        _random = random;
        _ambient = ambient;
        // Machines start at random points of a load/unload so that they do not run in lockstep.
        _phase = Phase.Loading;
        _phaseEnd = _random.Uniform(0, 45);
        _temp = ambient.At(0) + 16;
    }

    /// <summary>Degrades the spindle bearing from <paramref name="start"/> until it fails at <paramref name="failure"/> (seconds).</summary>
    public void AddBearingWear(double start, double failure)
    {
        _wearStart = start;
        _failureAt = failure;
        _wearLambda = WearSharpness / (failure - start);
        _wearScale = 1 / (Math.Exp(WearSharpness) - 1);
    }

    public override int Resolve(string signalId) => signalId switch
    {
        SpindleSpeed => SpeedSlot,
        SpindleLoad => LoadSlot,
        VibrationRms => VibrationSlot,
        BearingTemp => TempSlot,
        Power => PowerSlot,
        Running => RunningSlot,
        GoodCount => CountSlot,
        _ => -1,
    };

    public override SensorSpec Spec(int slot) => slot switch
    {
        SpeedSlot => SensorSpec.NonNegative(0, 0.0025),
        LoadSlot => SensorSpec.NonNegative(0.8),
        VibrationSlot => SensorSpec.NonNegative(0.08),
        TempSlot => SensorSpec.Signed(0.1),
        PowerSlot => SensorSpec.NonNegative(0.08),
        _ => SensorSpec.Exact,
    };

    public override double Read(int slot) => slot switch
    {
        SpeedSlot => _rpm,
        LoadSlot => _load,
        VibrationSlot => Vibration(),
        TempSlot => _temp,
        PowerSlot => _phase == Phase.Failed ? StandbyPowerKw : AuxiliaryPowerKw + (RatedPowerKw * (_load / 100) * (0.3 + (0.7 * _rpm / MaxRpm))),
        RunningSlot => _phase == Phase.Failed ? 0 : 1,
        CountSlot => _goodCount,
        _ => 0,
    };

    public override void AdvanceTo(double seconds)
    {
        if (seconds <= _now)
            return;
        while (true)
        {
            var failing = _phase != Phase.Failed && _failureAt <= _phaseEnd;
            var next = failing ? _failureAt : _phaseEnd;
            if (next > seconds)
                break;
            Integrate(next);
            if (failing)
                Fail();
            else
                NextPhase();
        }
        Integrate(seconds);
    }

    private double Degradation(double seconds) =>
        seconds <= _wearStart ? 0 : _wearScale * (Math.Exp(_wearLambda * (Math.Min(seconds, _failureAt) - _wearStart)) - 1);

    private double Vibration()
    {
        if (_phase == Phase.Failed)
            return 0.05;
        var speed = _rpm / MaxRpm;
        return 0.35 + (1.4 * speed * speed) + (0.5 * _load / 100) + (Degradation(_now) * (2.5 + (6 * speed)));
    }

    private void Integrate(double until)
    {
        var dt = until - _now;
        _now = until;
        if (dt <= 0)
            return;
        var target = _phase == Phase.Cutting ? _targetRpm : 0;
        _rpm += (target - _rpm) * _speedLag.Gain(dt);
        if (target == 0 && _rpm < 0.5)
            _rpm = 0;

        var degradation = _phase == Phase.Failed ? 0 : Degradation(until);
        var speed = _rpm / MaxRpm;
        _load = _phase switch
        {
            Phase.Failed => 0,
            Phase.Cutting => (_jobLoad * Math.Min(1, _rpm / _targetRpm)) + (8 * degradation * speed),
            _ => (4 * speed) + (8 * degradation * speed),
        };
        var heat = _phase == Phase.Failed ? 0 : (0.3 * _load) + (0.5 * _rpm / 1000) + (60 * degradation);
        _temp += (_ambient.At(until) + heat - _temp) * _tempLag.Gain(dt);
    }

    private void NextPhase()
    {
        switch (_phase)
        {
            case Phase.Loading:
                _operationsLeft = _random.Between(2, 4);
                StartCutting();
                break;
            case Phase.ToolChange:
                StartCutting();
                break;
            case Phase.Cutting when --_operationsLeft > 0:
                _phase = Phase.ToolChange;
                _phaseEnd = _now + _random.Uniform(6, 12);
                break;
            case Phase.Cutting:
                _goodCount++;
                _phase = Phase.Loading;
                _phaseEnd = _now + _random.Uniform(20, 45);
                break;
            default:
                _phaseEnd = double.PositiveInfinity;
                break;
        }
    }

    private void StartCutting()
    {
        _phase = Phase.Cutting;
        _targetRpm = _random.Uniform(5_000, 11_500);
        _jobLoad = _random.Uniform(35, 75);
        _phaseEnd = _now + _random.Uniform(40, 120);
    }

    private void Fail()
    {
        _phase = Phase.Failed;
        _phaseEnd = double.PositiveInfinity;
        _load = 0;
    }
}
