namespace Zhizao.Agents.Maintenance.Benchmarks.Nab;

/// <summary>Maximum of the last <c>capacity</c> values in O(1) amortised per value (monotonic deque over a ring).</summary>
internal sealed class SlidingMaximum
{
    private readonly double[] _values;
    private readonly long[] _indexes;
    private readonly int _capacity;
    private int _head;
    private int _count;
    private long _next;

    public SlidingMaximum(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
        _values = new double[capacity];
        _indexes = new long[capacity];
    }

    /// <summary>The largest of the last values (0 when none yet).</summary>
    public double Max => _count > 0 ? _values[_head] : 0;

    public void Add(double value)
    {
        var index = _next++;
        if (_count > 0 && _indexes[_head] <= index - _capacity)
        {
            _head = (_head + 1) % _capacity;
            _count--;
        }
        while (_count > 0 && _values[(_head + _count - 1) % _capacity] <= value)
            _count--;
        var tail = (_head + _count) % _capacity;
        _values[tail] = value;
        _indexes[tail] = index;
        _count++;
    }
}
