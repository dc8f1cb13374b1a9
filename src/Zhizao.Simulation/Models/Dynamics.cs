namespace Zhizao.Simulation.Models;

/// <summary>
/// The exact step of a first-order lag, <c>x += (target - x) * (1 - e^(-dt/τ))</c>, with the exponential cached
/// because the simulator mostly advances by the same sampling period.
/// </summary>
internal struct FirstOrderLag(double timeConstantSeconds)
{
    private double _lastDt = -1;
    private double _gain;

    /// <summary>The fraction of the gap to the target closed in <paramref name="dt"/> seconds.</summary>
    public double Gain(double dt)
    {
        if (dt != _lastDt)
        {
            _lastDt = dt;
            _gain = 1 - Math.Exp(-dt / timeConstantSeconds);
        }
        return _gain;
    }
}

/// <summary>
/// A mean-reverting random walk (Ornstein–Uhlenbeck process) sampled exactly at any step: slow drifts of line
/// speed, nozzle wear, friction and the like.
/// </summary>
internal struct MeanReverting(double mean, double stationarySd, double timeConstantSeconds)
{
    private readonly double _mean = mean;
    private double _lastDt = -1;
    private double _decay;
    private double _shock;

    /// <summary>The current value (starts at the mean).</summary>
    public double Value { get; private set; } = mean;

    /// <summary>Advances by <paramref name="dt"/> seconds.</summary>
    public void Advance(double dt, ref SimRandom random)
    {
        if (dt <= 0)
            return;
        if (dt != _lastDt)
        {
            _lastDt = dt;
            _decay = Math.Exp(-dt / timeConstantSeconds);
            _shock = stationarySd * Math.Sqrt(1 - (_decay * _decay));
        }
        Value = _mean + ((Value - _mean) * _decay) + (_shock * random.Gaussian());
    }
}

/// <summary>
/// Outdoor-driven ambient temperature of a site: a daily sine between 20 °C (03:00) and 28 °C (15:00) local time.
/// The site's UTC offset is taken at the start of the run; daylight-saving changes during a run are ignored.
/// </summary>
internal sealed class Ambient
{
    private const double Mean = 24;
    private const double Amplitude = 4;
    private readonly double _localHourAtStart;

    public Ambient(DateTimeOffset start, TimeZoneInfo timeZone)
    {
        var local = TimeZoneInfo.ConvertTime(start, timeZone);
        _localHourAtStart = local.TimeOfDay.TotalHours;
    }

    /// <summary>The ambient temperature <paramref name="seconds"/> after the start of the run.</summary>
    public double At(double seconds) => Mean + (Amplitude * Math.Sin(2 * Math.PI * (_localHourAtStart + (seconds / 3600) - 9) / 24));
}
