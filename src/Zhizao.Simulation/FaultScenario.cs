using System.Text.Json.Serialization;
using Zhizao.Core.Assets;

namespace Zhizao.Simulation;

/// <summary>The kinds of fault the simulator can inject.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FaultKind>))]
public enum FaultKind
{
    /// <summary>
    /// A spindle bearing degrades exponentially: vibration and bearing temperature rise until the failure time
    /// (start + duration), when the machine stops for good (speed 0, running false).
    /// </summary>
    BearingWear,

    /// <summary>A sensor's offset grows linearly (<see cref="FaultScenario.TemperatureDriftPerMinute"/>) while the process is unchanged.</summary>
    TemperatureDrift,

    /// <summary>A sensor repeats its last value exactly.</summary>
    StuckSensor,

    /// <summary>A sensor's noise variance is multiplied by <see cref="FaultScenario.NoiseBurstVarianceFactor"/>.</summary>
    NoiseBurst,
}

/// <summary>
/// A fault to inject: on which machine (and, for sensor faults, which signal), what kind, when it starts
/// relative to the start of the run, and how long it lasts (<c>null</c>: until the end of the run).
/// For <see cref="FaultKind.BearingWear"/> the duration is the time from first degradation to failure and is required.
/// </summary>
public sealed record FaultScenario(string Machine, FaultKind Kind, TimeSpan Start, TimeSpan? Duration, string? Signal = null)
{
    /// <summary>Rate of a <see cref="FaultKind.TemperatureDrift"/> offset, in signal units per minute.</summary>
    public const double TemperatureDriftPerMinute = 0.5;

    /// <summary>Variance multiplier of a <see cref="FaultKind.NoiseBurst"/>.</summary>
    public const double NoiseBurstVarianceFactor = 5;

    /// <summary>Whether the fault acts on one sensor (signal) rather than on the machine's physics.</summary>
    [JsonIgnore]
    public bool IsSensorFault => Kind is not FaultKind.BearingWear;
}

/// <summary>
/// Ground truth of an injected fault in one run, for scoring detectors and predictors.
/// <see cref="End"/> is when the fault stops acting (<c>null</c>: never, within the run);
/// <see cref="FailureAt"/> is when the machine stops, for faults that end in a failure.
/// <see cref="AffectedSignals"/> are the signals whose values the fault changes.
/// </summary>
public sealed record FaultTruth(
    FaultScenario Scenario,
    string MachinePath,
    IReadOnlyList<SignalPath> AffectedSignals,
    DateTimeOffset Start,
    DateTimeOffset? End,
    DateTimeOffset? FailureAt)
{
    /// <summary>Whether the fault is acting at <paramref name="time"/>.</summary>
    public bool IsActiveAt(DateTimeOffset time) => time >= Start && (End is null || time < End);
}
