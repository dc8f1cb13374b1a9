using Zhizao.Core.Assets;

namespace Zhizao.Agents.LimitMonitor;

/// <summary>Which limit a value violates.</summary>
public enum LimitCondition
{
    /// <summary>Inside the normal range.</summary>
    Normal,
    /// <summary>Above the normal maximum.</summary>
    High,
    /// <summary>Below the normal minimum.</summary>
    Low,
}

/// <summary>
/// The per-signal alarm state machine: on-delay to raise, deadband plus off-delay to clear.
/// Pure and deterministic, so it is tested on constructed sequences.
/// </summary>
public sealed class LimitEvaluator(NormalRange range, LimitMonitorOptions options)
{
    private readonly double _deadband = (range.Max - range.Min) * options.DeadbandFraction;
    private LimitCondition _pending = LimitCondition.Normal;
    private int _count;

    /// <summary>The alarm condition in force.</summary>
    public LimitCondition Active { get; private set; } = LimitCondition.Normal;

    /// <summary>The range being checked.</summary>
    public NormalRange Range => range;

    /// <summary>Restores an alarm that was active before a restart.</summary>
    public void Restore(LimitCondition active) => Active = active;

    /// <summary>Feeds one value; returns the new condition when the active condition changes, else null.</summary>
    public LimitCondition? Observe(double value)
    {
        var raw = value > range.Max ? LimitCondition.High : value < range.Min ? LimitCondition.Low : LimitCondition.Normal;
        if (Active != LimitCondition.Normal && raw == LimitCondition.Normal && !ClearOfDeadband(value))
            raw = Active; // inside the range but within the deadband: hold the alarm.
        if (raw == Active)
        {
            _pending = Active;
            _count = 0;
            return null;
        }
        if (raw != _pending)
        {
            _pending = raw;
            _count = 0;
        }
        _count++;
        var needed = raw == LimitCondition.Normal ? options.OffDelaySamples : options.OnDelaySamples;
        if (_count < needed)
            return null;
        Active = raw;
        _count = 0;
        return raw;
    }

    private bool ClearOfDeadband(double value) => Active switch
    {
        LimitCondition.High => value <= range.Max - _deadband,
        LimitCondition.Low => value >= range.Min + _deadband,
        _ => true,
    };

    /// <summary>The limit that the condition refers to.</summary>
    public double LimitOf(LimitCondition condition) => condition == LimitCondition.Low ? range.Min : range.Max;
}
