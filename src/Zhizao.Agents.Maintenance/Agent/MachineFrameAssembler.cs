namespace Zhizao.Agents.Maintenance.Agent;

/// <summary>
/// Aligns one machine's signals, which arrive point by point at their own rates, into rows at a fixed cadence:
/// each row holds the last value of every column at the end of its tick (sample and hold). A column with no
/// value yet is NaN. Points older than the current tick are applied to the current row (late data is not
/// re-played into rows already emitted). Memory is one row; cost is O(1) per point.
/// </summary>
public sealed class MachineFrameAssembler
{
    private readonly long _tickMicros;
    private readonly double[] _current;
    private long _tick = long.MinValue;

    /// <summary>Creates an assembler for <paramref name="columns"/> columns at the given cadence.</summary>
    public MachineFrameAssembler(int columns, TimeSpan interval)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        _tickMicros = interval.Ticks / TimeSpan.TicksPerMicrosecond;
        _current = new double[columns];
        Array.Fill(_current, double.NaN);
    }

    /// <summary>Number of columns.</summary>
    public int Columns => _current.Length;

    /// <summary>
    /// Adds a point. When its tick is later than the current one, the rows of the elapsed ticks are passed to
    /// <paramref name="emit"/> first (at most <paramref name="maxGapRows"/> of them: a long gap emits one row, not thousands).
    /// </summary>
    public void Add<TState>(int column, long timestampMicros, double value, TState state, Action<TState, long, double[]> emit, int maxGapRows = 1)
    {
        ArgumentNullException.ThrowIfNull(emit);
        var tick = Math.DivRem(timestampMicros, _tickMicros, out var rem);
        if (rem < 0)
            tick--;
        if (_tick == long.MinValue)
            _tick = tick;
        if (tick > _tick)
        {
            var rows = Math.Min(tick - _tick, maxGapRows);
            for (var i = rows - 1; i >= 0; i--)
                emit(state, (tick - i) * _tickMicros, _current);
            _tick = tick;
        }
        if (!double.IsNaN(value))
            _current[column] = value;
    }
}
