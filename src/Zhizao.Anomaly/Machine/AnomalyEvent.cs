namespace Zhizao.Anomaly.Machine;

/// <summary>How far an anomaly's peak lies beyond the alarm threshold, in decades of tail probability.</summary>
public enum AnomalySeverity
{
    /// <summary>Peak tail probability within 10× below the target false-alarm rate.</summary>
    Low,
    /// <summary>10× to 100× below the target false-alarm rate.</summary>
    Medium,
    /// <summary>100× to 10,000× below.</summary>
    High,
    /// <summary>More than 10,000× below: practically impossible under normal operation.</summary>
    Critical,
}

/// <summary>Where an anomaly is in its life when an event is emitted.</summary>
public enum AnomalyPhase
{
    /// <summary>The anomaly has just started.</summary>
    Started,
    /// <summary>It lasts and its explanation changed (top signal, kind or severity).</summary>
    Updated,
    /// <summary>It has cleared; <see cref="AnomalyEvent.EndMicros"/> is set.</summary>
    Ended,
}

/// <summary>A signal's share of an anomaly's score.</summary>
/// <param name="Signal">Signal name.</param>
/// <param name="Share">Share of the accumulated contributions since the anomaly started, in [0, 1].</param>
public readonly record struct SignalContribution(string Signal, double Share);

/// <summary>An explained anomaly of one machine.</summary>
/// <param name="MachineId">The machine.</param>
/// <param name="Phase">Started, updated or ended.</param>
/// <param name="StartMicros">First row of the run of alarming rows that started it (Unix microseconds).</param>
/// <param name="EndMicros">Row at which it cleared; null while it lasts.</param>
/// <param name="Kind">Shape of the top signal's recent window against its training baseline.</param>
/// <param name="Severity">From the peak calibrated surprise so far.</param>
/// <param name="PeakSurprise">Largest calibrated surprise (−log10 tail probability) so far.</param>
/// <param name="TopSignals">The most contributing signals, largest share first.</param>
/// <param name="MessageEn">One-line explanation in English.</param>
/// <param name="MessageZh">The same in Chinese.</param>
public sealed record AnomalyEvent(
    string MachineId,
    AnomalyPhase Phase,
    long StartMicros,
    long? EndMicros,
    AnomalyKind Kind,
    AnomalySeverity Severity,
    double PeakSurprise,
    IReadOnlyList<SignalContribution> TopSignals,
    string MessageEn,
    string MessageZh)
{
    /// <summary>True for a frozen sensor or a noise burst: a sensor (instrument) fault rather than a machine fault.</summary>
    public bool IsSensorFault => IsSensorKind(Kind);

    /// <summary>Whether an anomaly of this kind points at the instrument rather than the machine.</summary>
    internal static bool IsSensorKind(AnomalyKind kind) => kind is AnomalyKind.StuckSensor or AnomalyKind.NoiseBurst;
}

/// <summary>The outcome of scoring one row.</summary>
/// <param name="Surprise">Calibrated surprise of the (smoothed) combined score: −log10 of its tail probability on normal data.</param>
/// <param name="IsAnomalous">True while an anomaly is active (after persistence and hysteresis).</param>
/// <param name="Event">An event when an anomaly started, changed or ended at this row; otherwise null.</param>
public readonly record struct MachineScore(double Surprise, bool IsAnomalous, AnomalyEvent? Event);
