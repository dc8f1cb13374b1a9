namespace Zhizao.Agents.Maintenance.Rul;

/// <summary>Settings of <see cref="RulTrainer"/>; the defaults are the benchmark settings, tuned for no single subset.</summary>
public sealed record RulTrainerOptions
{
    /// <summary>Cap of the piecewise-linear training target (cycles); <c>null</c> trains on the raw RUL. Default 125.</summary>
    public double? Cap { get; init; } = 125;

    /// <summary>Trailing window of the rolling features, in cycles. Default 30.</summary>
    public int Window { get; init; } = 30;

    /// <summary>Exponential smoothing factor of the smoothed feature, in (0, 1]. Default 0.1.</summary>
    public double Smoothing { get; init; } = 0.1;

    /// <summary>Largest number of operating conditions looked for in the settings. Default 10.</summary>
    public int MaxConditions { get; init; } = 10;

    /// <summary>Seed for clustering, the calibration split and LightGBM. Default 17.</summary>
    public int Seed { get; init; } = 17;

    /// <summary>Boosting rounds. Default 400.</summary>
    public int Iterations { get; init; } = 400;

    /// <summary>Learning rate. Default 0.03.</summary>
    public double LearningRate { get; init; } = 0.03;

    /// <summary>Leaves per tree. Default 31.</summary>
    public int Leaves { get; init; } = 31;

    /// <summary>Minimum training rows per leaf. Default 50.</summary>
    public int MinimumRowsPerLeaf { get; init; } = 50;

    /// <summary>Fraction of features sampled per tree. Default 0.7.</summary>
    public double FeatureFraction { get; init; } = 0.7;

    /// <summary>
    /// LightGBM threads; fixed so that results do not depend on the machine. Default 1: LightGBM's OpenMP threads spin
    /// while waiting, so on a busy small machine two threads were measured up to 10× slower than one.
    /// </summary>
    public int Threads { get; init; } = 1;

    /// <summary>Fraction of training engines held out to calibrate the uncertainty band. Default 0.2.</summary>
    public double CalibrationFraction { get; init; } = 0.2;

    /// <summary>Central coverage of the uncertainty band (0.8 = 10 % to 90 %). Default 0.8.</summary>
    public double BandCoverage { get; init; } = 0.8;

    /// <summary>Fewest training engines accepted (fewer is an error, not a degenerate model). Default 10.</summary>
    public int MinimumEngines { get; init; } = 10;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (Cap is { } cap)
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(cap, nameof(Cap));
        ArgumentOutOfRangeException.ThrowIfLessThan(Window, 2, nameof(Window));
        if (Smoothing is <= 0 or > 1)
            throw new ArgumentOutOfRangeException(nameof(Smoothing), Smoothing, "must be in (0, 1]");
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxConditions, 1, nameof(MaxConditions));
        ArgumentOutOfRangeException.ThrowIfLessThan(Iterations, 1, nameof(Iterations));
        if (LearningRate is <= 0 or > 1)
            throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "must be in (0, 1]");
        ArgumentOutOfRangeException.ThrowIfLessThan(Leaves, 2, nameof(Leaves));
        ArgumentOutOfRangeException.ThrowIfLessThan(MinimumRowsPerLeaf, 1, nameof(MinimumRowsPerLeaf));
        if (FeatureFraction is <= 0 or > 1)
            throw new ArgumentOutOfRangeException(nameof(FeatureFraction), FeatureFraction, "must be in (0, 1]");
        ArgumentOutOfRangeException.ThrowIfLessThan(Threads, 1, nameof(Threads));
        if (CalibrationFraction is <= 0 or >= 1)
            throw new ArgumentOutOfRangeException(nameof(CalibrationFraction), CalibrationFraction, "must be in (0, 1)");
        if (BandCoverage is <= 0 or >= 1)
            throw new ArgumentOutOfRangeException(nameof(BandCoverage), BandCoverage, "must be in (0, 1)");
        ArgumentOutOfRangeException.ThrowIfLessThan(MinimumEngines, 2, nameof(MinimumEngines));
    }
}
