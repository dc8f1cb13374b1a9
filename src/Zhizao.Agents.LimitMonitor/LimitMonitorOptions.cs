namespace Zhizao.Agents.LimitMonitor;

/// <summary>Alarm behaviour of the limit monitor, after ISA-18.2 practice.</summary>
public sealed class LimitMonitorOptions
{
    /// <summary>Deadband as a fraction of the normal range: an alarm clears only when the value is back inside by this much.</summary>
    public double DeadbandFraction { get; set; } = 0.02;

    /// <summary>Consecutive out-of-range samples needed to raise an alarm (on-delay against chattering).</summary>
    public int OnDelaySamples { get; set; } = 3;

    /// <summary>Consecutive in-range samples (past the deadband) needed to clear it.</summary>
    public int OffDelaySamples { get; set; } = 3;

    /// <summary>Checks the options; returns the problems found.</summary>
    public IEnumerable<string> Validate()
    {
        if (DeadbandFraction is < 0 or >= 0.5)
            yield return "Agents:LimitMonitor:DeadbandFraction must be in [0, 0.5)";
        if (OnDelaySamples < 1 || OffDelaySamples < 1)
            yield return "Agents:LimitMonitor:OnDelaySamples and OffDelaySamples must be at least 1";
    }
}
