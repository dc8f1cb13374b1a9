namespace Zhizao.Anomaly.Machine;

/// <summary>How a machine's detectors combine into one score, and when an anomaly starts and ends.</summary>
public sealed record MachineAnomalyOptions
{
    /// <summary>Target share of normal rows flagged by the threshold (before persistence), default 1 %.</summary>
    public double FalseAlarmRate { get; init; } = 0.01;

    /// <summary>Share of the normal period held out to calibrate the scores (the rest fits the detectors), default 30 %.</summary>
    public double CalibrationFraction { get; init; } = 0.3;

    /// <summary>How detector surprises combine: their sum (evidence adds up) or their maximum.</summary>
    public SurpriseCombination Combination { get; init; } = SurpriseCombination.Sum;

    /// <summary>Rows in the moving mean of the combined score, default 1 (no smoothing).</summary>
    public int SmoothingRows { get; init; } = 1;

    /// <summary>Consecutive rows at or above the threshold before an anomaly starts, default 1.</summary>
    public int OnRows { get; init; } = 1;

    /// <summary>Consecutive rows below the clear level before an anomaly ends, default 3.</summary>
    public int OffRows { get; init; } = 3;

    /// <summary>Hysteresis: the anomaly clears below this fraction of the threshold surprise, default 0.8.</summary>
    public double ClearRatio { get; init; } = 0.8;

    /// <summary>Recent rows of the top signal examined to classify the kind, default 120.</summary>
    public int KindWindowRows { get; init; } = 120;

    /// <summary>Signals named in an explanation, default 3.</summary>
    public int TopSignals { get; init; } = 3;

    /// <summary>Throws when an option is out of range.</summary>
    public void Validate()
    {
        if (FalseAlarmRate is <= 0 or >= 0.5)
            throw new ArgumentOutOfRangeException(nameof(FalseAlarmRate), FalseAlarmRate, "must be in (0, 0.5)");
        if (CalibrationFraction is < 0.1 or > 0.6)
            throw new ArgumentOutOfRangeException(nameof(CalibrationFraction), CalibrationFraction, "must be in [0.1, 0.6]");
        if (ClearRatio is <= 0 or > 1)
            throw new ArgumentOutOfRangeException(nameof(ClearRatio), ClearRatio, "must be in (0, 1]");
        ArgumentOutOfRangeException.ThrowIfLessThan(SmoothingRows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(OnRows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(OffRows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(KindWindowRows, 10);
        ArgumentOutOfRangeException.ThrowIfLessThan(TopSignals, 1);
    }
}

/// <summary>How per-detector surprises combine into one.</summary>
public enum SurpriseCombination
{
    /// <summary>Sum of surprises (Fisher-like: product of tail probabilities).</summary>
    Sum,
    /// <summary>Largest surprise.</summary>
    Max,
}
