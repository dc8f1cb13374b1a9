namespace Zhizao.Agents.Supply.Inventory;

/// <summary>Policy settings of the inventory check, with documented defaults; bind and <see cref="Validate"/> at start-up.</summary>
public sealed class InventoryOptions
{
    /// <summary>The defaults.</summary>
    public static InventoryOptions Default { get; } = new();

    /// <summary>
    /// Cycle service level (type 1: the probability of no stock-out in a replenishment cycle) for items that do not set
    /// one. Default 0.95, i.e. z ≈ 1.645.
    /// </summary>
    public double ServiceLevel { get; set; } = 0.95;

    /// <summary>Days between order decisions for items that do not set one (default 7: a weekly purchasing run).</summary>
    public int ReviewPeriodDays { get; set; } = 7;

    /// <summary>
    /// ρ in σ²_P = (1 − ρ)·Σσ²_h + ρ·(Σσ_h)², the aggregation of daily forecast uncertainty over the protection period.
    /// 0 treats daily errors as independent (understates: a wrong level is wrong every day), 1 as perfectly correlated
    /// (overstates for noisy daily demand). Default 0.5.
    /// </summary>
    public double ErrorCorrelation { get; set; } = 0.5;

    /// <summary>
    /// An item will "cross the reorder point soon" (medium warning) when it does so within the larger of this and its
    /// review period (default 7 days).
    /// </summary>
    public int WarningHorizonDays { get; set; } = 7;

    /// <summary>Stock covering more days of forecast demand than this is reported as overstock (info; default 90).</summary>
    public double OverstockDays { get; set; } = 90;

    /// <summary>
    /// A history with a larger share of zero periods is intermittent and gets the distribution-free reorder point
    /// (default 0.5).
    /// </summary>
    public double IntermittentZeroShare { get; set; } = 0.5;

    /// <summary>
    /// The empirical reorder point uses overlapping windows of the history when there are at least this many, else a
    /// bootstrap (default 30).
    /// </summary>
    public int MinimumEmpiricalWindows { get; set; } = 30;

    /// <summary>Bootstrap samples of protection-period demand for short intermittent histories (default 2,000; fixed seed).</summary>
    public int BootstrapSamples { get; set; } = 2_000;

    /// <summary>Throws <see cref="ArgumentException"/> naming every invalid setting.</summary>
    public void Validate()
    {
        var problems = new List<string>();
        if (ServiceLevel is <= 0.5 or >= 1)
            problems.Add($"{nameof(ServiceLevel)} must lie in (0.5, 1)");
        if (ReviewPeriodDays < 0)
            problems.Add($"{nameof(ReviewPeriodDays)} must not be negative");
        if (ErrorCorrelation is < 0 or > 1)
            problems.Add($"{nameof(ErrorCorrelation)} must lie in [0, 1]");
        if (WarningHorizonDays < 0)
            problems.Add($"{nameof(WarningHorizonDays)} must not be negative");
        if (!(OverstockDays > 0))
            problems.Add($"{nameof(OverstockDays)} must be positive");
        if (IntermittentZeroShare is < 0 or > 1)
            problems.Add($"{nameof(IntermittentZeroShare)} must lie in [0, 1]");
        if (MinimumEmpiricalWindows < 1)
            problems.Add($"{nameof(MinimumEmpiricalWindows)} must be positive");
        if (BootstrapSamples < 100)
            problems.Add($"{nameof(BootstrapSamples)} must be at least 100");
        if (problems.Count > 0)
            throw new ArgumentException("Invalid inventory options: " + string.Join("; ", problems) + ".");
    }
}
