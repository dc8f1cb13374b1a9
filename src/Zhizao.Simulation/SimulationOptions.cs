namespace Zhizao.Simulation;

/// <summary>
/// Options of the demo plant simulator. The defaults run the embedded demo: seed 42, real time, the plant's own
/// sampling periods and <see cref="DefaultFaults"/>. Check them with <see cref="Validate"/> at start-up.
/// </summary>
public sealed class SimulationOptions
{
    /// <summary>Largest accepted <see cref="SpeedUp"/>.</summary>
    public const double MaxSpeedUp = 10_000;

    /// <summary>Largest accepted <see cref="RateMultiplier"/>.</summary>
    public const double MaxRateMultiplier = 1_000;

    /// <summary>
    /// Healthy operation at the start of the default scenario: long enough for a maintenance agent to learn every machine's
    /// normal behaviour (CNC jobs vary in speed and load, bearing temperatures settle over minutes) before the first fault.
    /// </summary>
    public static readonly TimeSpan HealthyLead = TimeSpan.FromMinutes(30);

    /// <summary>
    /// The default faults, after <see cref="HealthyLead"/> (30 min): two noise bursts on the filler's fill weight (35–36 min
    /// and 62–64 min); cnc-03 bearing wear from 40 min, failing at 70 min; cnc-05 stuck vibration sensor from 45 to 55 min;
    /// cnc-02 bearing temperature drift from 50 min on.
    /// </summary>
    public static IReadOnlyList<FaultScenario> DefaultFaults { get; } =
    [
        new("cnc-03", FaultKind.BearingWear, HealthyLead + TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(30)),
        new("cnc-05", FaultKind.StuckSensor, HealthyLead + TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(10), DemoPlant.Signals.VibrationRms),
        new("cnc-02", FaultKind.TemperatureDrift, HealthyLead + TimeSpan.FromMinutes(20), null, DemoPlant.Signals.BearingTemp),
        new(DemoPlant.Filler, FaultKind.NoiseBurst, HealthyLead + TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(1), DemoPlant.Signals.FillWeight),
        new(DemoPlant.Filler, FaultKind.NoiseBurst, HealthyLead + TimeSpan.FromMinutes(32), TimeSpan.FromMinutes(2), DemoPlant.Signals.FillWeight),
    ];

    /// <summary>Seed of every random stream; the same seed, start and options give the same samples.</summary>
    public int Seed { get; set; } = 42;

    /// <summary>
    /// How much faster than the wall clock simulated time runs when driven by a <see cref="SimulationClock"/>
    /// (1 = real time). In (0, <see cref="MaxSpeedUp"/>].
    /// </summary>
    public double SpeedUp { get; set; } = 1;

    /// <summary>
    /// Multiplies every signal's sampling rate (signals per second): 10 samples each signal ten times as often as
    /// its plant sampling period says. In (0, <see cref="MaxRateMultiplier"/>].
    /// </summary>
    public double RateMultiplier { get; set; } = 1;

    /// <summary>The faults to inject; empty for a healthy plant.</summary>
    public IList<FaultScenario> Faults { get; set; } = [.. DefaultFaults];

    /// <summary>Every problem with these options (empty when valid). Plant-specific checks happen in <see cref="PlantSimulator"/>.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!double.IsFinite(SpeedUp) || SpeedUp <= 0 || SpeedUp > MaxSpeedUp)
            errors.Add($"{nameof(SpeedUp)} must be in (0, {MaxSpeedUp}]; it is {SpeedUp}");
        if (!double.IsFinite(RateMultiplier) || RateMultiplier <= 0 || RateMultiplier > MaxRateMultiplier)
            errors.Add($"{nameof(RateMultiplier)} must be in (0, {MaxRateMultiplier}]; it is {RateMultiplier}");
        if (Faults is null)
        {
            errors.Add($"{nameof(Faults)} must not be null (use an empty list for a healthy plant)");
            return errors;
        }
        for (var i = 0; i < Faults.Count; i++)
        {
            var fault = Faults[i];
            var where = $"{nameof(Faults)}[{i}]";
            if (fault is null)
            {
                errors.Add($"{where} is null");
                continue;
            }
            if (string.IsNullOrWhiteSpace(fault.Machine))
                errors.Add($"{where}: a machine is required");
            if (!Enum.IsDefined(fault.Kind))
                errors.Add($"{where}: unknown fault kind {(int)fault.Kind}");
            if (fault.Start < TimeSpan.Zero)
                errors.Add($"{where}: start must not be negative");
            if (fault.Duration is { } duration && duration <= TimeSpan.Zero)
                errors.Add($"{where}: duration must be positive");
            if (fault.Kind == FaultKind.BearingWear && fault.Duration is null)
                errors.Add($"{where}: bearing wear needs a duration (the time to failure)");
            if (fault.IsSensorFault && string.IsNullOrWhiteSpace(fault.Signal))
                errors.Add($"{where}: a {fault.Kind} fault needs a signal");
        }
        return errors;
    }

    /// <summary>Throws <see cref="ArgumentException"/> listing every problem when the options are invalid.</summary>
    public void ThrowIfInvalid()
    {
        var errors = Validate();
        if (errors.Count > 0)
            throw new ArgumentException("Invalid simulation options: " + string.Join("; ", errors));
    }
}
