namespace Zhizao.Agents.Maintenance.Agent;

/// <summary>Settings of the maintenance agent (configuration section <c>Zhizao:Maintenance</c>).</summary>
public sealed class MaintenanceOptions
{
    /// <summary>Cadence at which a machine's signals are aligned into one row (sample and hold).</summary>
    public TimeSpan RowInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Length of the normal period learned from the live stream when a machine is first seen (its first rows).
    /// A machine can be re-fitted on any stored period with the <c>fit</c> skill.
    /// </summary>
    public TimeSpan NormalPeriod { get; set; } = TimeSpan.FromMinutes(20);

    /// <summary>Target share of normal rows flagged anomalous, which sets the calibrated threshold.</summary>
    public double TargetFalseAlarmRate { get; set; } = 0.001;

    /// <summary>An anomaly must persist this long before an alarm is raised (ISA-18.2 on-delay).</summary>
    public TimeSpan OnDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>An alarm clears only after the machine has been normal this long (off-delay).</summary>
    public TimeSpan OffDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Longest time an operator may shelve an alarm.</summary>
    public TimeSpan MaxShelveDuration { get; set; } = TimeSpan.FromHours(8);

    /// <summary>Window over which the degradation trend is fitted for remaining useful life.</summary>
    public TimeSpan TrendWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Length of the maintenance window suggested in a work order.</summary>
    public TimeSpan MaintenanceDuration { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Validation errors, empty when the options are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        List<string> errors = [];
        if (RowInterval < TimeSpan.FromMilliseconds(10) || RowInterval > TimeSpan.FromMinutes(10))
            errors.Add("Zhizao:Maintenance:RowInterval must be in [10 ms, 10 min]");
        if (NormalPeriod < RowInterval * 100)
            errors.Add("Zhizao:Maintenance:NormalPeriod must cover at least 100 rows (NormalPeriod ≥ 100 × RowInterval)");
        if (TargetFalseAlarmRate is <= 0 or >= 0.5)
            errors.Add("Zhizao:Maintenance:TargetFalseAlarmRate must be in (0, 0.5)");
        if (OnDelay < TimeSpan.Zero || OffDelay < TimeSpan.Zero)
            errors.Add("Zhizao:Maintenance:OnDelay and OffDelay must not be negative");
        if (MaxShelveDuration <= TimeSpan.Zero || TrendWindow <= TimeSpan.Zero || MaintenanceDuration <= TimeSpan.Zero)
            errors.Add("Zhizao:Maintenance:MaxShelveDuration, TrendWindow and MaintenanceDuration must be positive");
        return errors;
    }
}
