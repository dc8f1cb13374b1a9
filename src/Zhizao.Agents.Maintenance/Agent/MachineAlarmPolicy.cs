namespace Zhizao.Agents.Maintenance.Agent;

/// <summary>What the alarm policy decided for one observation.</summary>
public enum AlarmAction
{
    /// <summary>Nothing to record.</summary>
    None,
    /// <summary>A new alarm: the anomaly lasted the on-delay and no alarm is active.</summary>
    Raise,
    /// <summary>The condition came back while its alarm was still active: count it on the same alarm (deduplication).</summary>
    Repeat,
    /// <summary>The machine has been normal for the off-delay: the alarm returns to normal.</summary>
    Clear,
}

/// <summary>
/// Alarm state of one machine, following ISA-18.2 / EEMUA 191 practice: an anomaly must last the on-delay before an
/// alarm is raised (a one-row blip never alarms), the alarm clears only after the off-delay of normal operation
/// (hysteresis in time, so a chattering condition stays one alarm), and an anomaly that comes back while the alarm is
/// still active is counted on that alarm instead of raising a new one. Shelving and acknowledgement are kept by the
/// store and do not change this state machine: a shelved alarm still tracks its condition, it is only not annunciated.
/// </summary>
public sealed class MachineAlarmPolicy(TimeSpan onDelay, TimeSpan offDelay)
{
    private long? _anomalousSince;
    private long? _normalSince;
    private readonly long _onDelayMicros = onDelay.Ticks / TimeSpan.TicksPerMicrosecond;
    private readonly long _offDelayMicros = offDelay.Ticks / TimeSpan.TicksPerMicrosecond;

    /// <summary>Whether an alarm is active.</summary>
    public bool Active { get; private set; }

    /// <summary>Restores an active alarm (after a restart).</summary>
    public void RestoreActive() => Active = true;

    /// <summary>Feeds the detector's verdict for one row and returns the action to record.</summary>
    public AlarmAction Observe(long timestampMicros, bool anomalous)
    {
        if (anomalous)
        {
            if (Active)
            {
                // A return after a normal stretch at least as long as the on-delay is a new occurrence of the same alarm;
                // a shorter gap is the same occurrence flickering.
                var distinct = _normalSince is { } since && timestampMicros - since >= _onDelayMicros;
                _normalSince = null;
                return distinct ? AlarmAction.Repeat : AlarmAction.None;
            }
            _anomalousSince ??= timestampMicros;
            if (timestampMicros - _anomalousSince.Value < _onDelayMicros)
                return AlarmAction.None;
            Active = true;
            _anomalousSince = null;
            return AlarmAction.Raise;
        }

        _anomalousSince = null;
        if (!Active)
            return AlarmAction.None;
        _normalSince ??= timestampMicros;
        if (timestampMicros - _normalSince.Value < _offDelayMicros)
            return AlarmAction.None;
        Active = false;
        _normalSince = null;
        return AlarmAction.Clear;
    }
}
